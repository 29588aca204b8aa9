//! `ceiling()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::ceiling;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    ceiling(lw, call)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ceiling",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The smallest integer not below the number, as a real.",
    &[Example {
        query: "print ceiling(-1.1), ceiling(0), ceiling(0.9)",
        output: "-1 | 0 | 1",
    }],
    lower,
);
