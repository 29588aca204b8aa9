//! `has_any_index()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "has_any_index")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "has_any_index",
    &[param("source", "string"), param("values", "dynamic")],
    false,
    ScalarType::Long,
    "The index of the first value of the array that the text `has` (as a whole term, case-insensitively); -1 when none.",
    &[Example {
        query: "print has_any_index('this is an example', dynamic(['not', 'example'])), has_any_index('Example number 2', dynamic([1, 2, 3])), has_any_index('this', dynamic([]))",
        output: "1 | 1 | -1",
    }],
    lower,
);
