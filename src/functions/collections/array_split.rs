//! `array_split()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_split")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_split",
    &[
        param("array", "dynamic"),
        param("indices", "long or dynamic array"),
    ],
    false,
    ScalarType::Dynamic,
    "The array cut at the indices (negative ones count from the end) into an array of arrays.",
    &[Example {
        query: "print array_split(dynamic([1, 2, 3, 4, 5]), 2), array_split(dynamic([1, 2, 3, 4, 5]), dynamic([1, -2]))",
        output: "[[1,2],[3,4,5]] | [[1],[2,3],[4,5]]",
    }],
    lower,
);
