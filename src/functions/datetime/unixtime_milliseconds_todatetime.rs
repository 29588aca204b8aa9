//! `unixtime_milliseconds_todatetime()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn unixtime_milliseconds_todatetime(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(Typed::new(
        udf::unixtime().call(vec![value, lit(1e3f64)]),
        ScalarType::DateTime,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "unixtime_milliseconds_todatetime",
    &[],
    &[param("milliseconds", "real")],
    Returns::Type(ScalarType::DateTime),
    "The datetime a Unix time in milliseconds stands for (since 1970-01-01 UTC).",
    &[Example {
        query: "print unixtime_milliseconds_todatetime(1546300800000)",
        output: "2019-01-01T00:00:00Z",
    }],
    unixtime_milliseconds_todatetime,
);
