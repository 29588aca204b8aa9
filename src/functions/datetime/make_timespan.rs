//! `make_timespan()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn make_timespan(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let n = call.args.len();
    let mut args = Vec::new();
    // Days, hours, minutes (longs), then seconds (real), from the right.
    let first = if n == 4 { 0 } else { 1 };
    for slot in 0..3 {
        args.push(if slot >= first && slot - first < n {
            arg_as(lw, call, slot - first, ArgAs::Long)?
        } else {
            lit(0i64)
        });
    }
    args.push(if n >= 3 {
        arg_as(lw, call, n - 1, ArgAs::Real)?
    } else {
        lit(0.0)
    });
    Ok(Typed::new(
        udf::make_timespan().call(args),
        ScalarType::TimeSpan,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "make_timespan",
    &[],
    &[
        param("days or hours", "long"),
        param("hours or minutes", "long"),
        optional("minutes or seconds", "real"),
        optional("seconds", "real"),
    ],
    Returns::Type(ScalarType::TimeSpan),
    "The timespan of `(hours, minutes)`, `(hours, minutes, seconds)` or `(days, hours, minutes, seconds)`.",
    &[Example {
        query: "print make_timespan(1, 12, 30, 55.123), make_timespan(2, 30)",
        output: "1.12:30:55.1230000 | 02:30:00",
    }],
    make_timespan,
);
