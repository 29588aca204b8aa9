//! `totimespan()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn totimespan(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::TimeSpan, convert::to_timespan)
}

pub(super) const SPEC: FunctionSpec = spec(
    "totimespan",
    &["totime"],
    ScalarType::TimeSpan,
    "The value as a timespan, from `[d.]hh:mm[:ss[.fffffff]]` text; null otherwise.",
    &[Example {
        query: "print totimespan(\"1.02:03:04\")",
        output: "1.02:03:04",
    }],
    totimespan,
);
