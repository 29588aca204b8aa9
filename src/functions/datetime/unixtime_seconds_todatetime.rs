//! `unixtime_seconds_todatetime()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn unixtime_seconds_todatetime(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(Typed::new(
        udf::unixtime().call(vec![value, lit(1e6f64)]),
        ScalarType::DateTime,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "unixtime_seconds_todatetime",
    &[],
    &[param("seconds", "real")],
    Returns::Type(ScalarType::DateTime),
    "The datetime a Unix time in seconds stands for (since 1970-01-01 UTC).",
    &[
        Example {
            query: "print unixtime_seconds_todatetime(1546300800)",
            output: "2019-01-01T00:00:00Z",
        },
        Example {
            query: "print unixtime_seconds_todatetime(1.5)",
            output: "1970-01-01T00:00:01.5Z",
        },
    ],
    unixtime_seconds_todatetime,
);
