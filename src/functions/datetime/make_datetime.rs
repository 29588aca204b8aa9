//! `make_datetime()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn make_datetime(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = Vec::new();
    for i in 0..5 {
        args.push(if i < call.args.len() {
            arg_as(lw, call, i, ArgAs::Long)?
        } else {
            lit(0i64)
        });
    }
    args.push(if call.args.len() > 5 {
        arg_as(lw, call, 5, ArgAs::Real)?
    } else {
        lit(0.0)
    });
    Ok(Typed::new(
        udf::make_datetime().call(args),
        ScalarType::DateTime,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "make_datetime",
    &[],
    &[
        param("year", "long"),
        param("month", "long"),
        param("day", "long"),
        optional("hour", "long"),
        optional("minute", "long"),
        optional("second", "real"),
    ],
    Returns::Type(ScalarType::DateTime),
    "The datetime of a date and time of day (UTC); null when they are not a valid one.",
    &[
        Example {
            query: "print make_datetime(2017, 10, 01)",
            output: "2017-10-01T00:00:00Z",
        },
        Example {
            query: "print make_datetime(2017, 10, 01, 12, 11, 0.5)",
            output: "2017-10-01T12:11:00.5Z",
        },
        Example {
            query: "print isnull(make_datetime(2017, 2, 30))",
            output: "true",
        },
    ],
    make_datetime,
);
