//! `dayofweek()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn dayofweek(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::dayofweek(),
        &[ArgAs::DateTime],
        ScalarType::TimeSpan,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "dayofweek",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::TimeSpan),
    "The number of days since the preceding Sunday, as a timespan.",
    &[Example {
        query: "print dayofweek(datetime(1947-11-30 10:00:05)), dayofweek(datetime(1970-05-11))",
        output: "00:00:00 | 1.00:00:00",
    }],
    dayofweek,
);
