//! `todatetime()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn todatetime(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::DateTime, convert::to_datetime)
}

pub(super) const SPEC: FunctionSpec = spec(
    "todatetime",
    &[],
    ScalarType::DateTime,
    "The value as a datetime, from ISO 8601 or RFC 1123 text; null when it does not parse.",
    &[
        Example {
            query: "print todatetime(\"2026-11-20T10:00:00.5+01:00\")",
            output: "2026-11-20T09:00:00.5Z",
        },
        Example {
            query: "print isnull(todatetime(\"soon\"))",
            output: "true",
        },
    ],
    todatetime,
);
