//! `datetime_local_to_utc()`.

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
        udf::datetime_tz().call(vec![time, zone, lit(true)]),
        ScalarType::DateTime,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "datetime_local_to_utc",
    &[],
    &[param("local_time", "datetime"), param("timezone", "string")],
    Returns::Type(ScalarType::DateTime),
    "The UTC instant of a wall-clock time in an IANA time zone (`US/Pacific`, `Europe/Paris`, ...). A time skipped by a daylight-saving change is read in the offset after it, a repeated one in standard time; null for an unknown zone.",
    &[Example {
        query: r#"print datetime_local_to_utc(datetime(2020-02-02 20:02:20), "US/Pacific")"#,
        output: "2020-02-03T04:02:20Z",
    }],
    lower,
);
