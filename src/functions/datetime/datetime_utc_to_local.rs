//! `datetime_utc_to_local()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let time = arg_as(lw, call, 0, ArgAs::DateTime)?;
    let zone = arg_as(lw, call, 1, ArgAs::Text)?;
    Ok(Typed::new(
        udf::datetime_tz().call(vec![time, zone, lit(false)]),
        ScalarType::DateTime,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "datetime_utc_to_local",
    &[],
    &[param("utc_time", "datetime"), param("timezone", "string")],
    Returns::Type(ScalarType::DateTime),
    "The wall-clock time in an IANA time zone (`US/Pacific`, `Europe/Paris`, ...) of a UTC instant; null for an unknown zone.",
    &[Example {
        query: r#"print datetime_utc_to_local(datetime(2022-03-27 01:00), "Europe/Brussels")"#,
        output: "2022-03-27T03:00:00Z",
    }],
    lower,
);
