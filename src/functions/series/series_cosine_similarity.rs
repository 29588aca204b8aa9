//! `series_cosine_similarity()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "cosine_similarity")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_cosine_similarity",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic"),
        optional("magnitude1", "real"),
        optional("magnitude2", "real"),
    ],
    false,
    ScalarType::Real,
    "The cosine of the angle between two numeric arrays (their dot product over the product of their magnitudes).",
    &[Example {
        query: "print series_cosine_similarity(dynamic([1, 0]), dynamic([1, 1]))",
        output: "0.7071067811865475",
    }],
    lower,
);
