//! `binary_not()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::binary_not;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    binary_not(lw, call)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "binary_not",
    &[param("value", "long")],
    false,
    ScalarType::Long,
    "The bitwise NOT of a long.",
    &[Example {
        query: "print binary_not(100)",
        output: "-101",
    }],
    lower,
);
