//! `series_add()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "add")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_add",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise sum of two numeric arrays (or an array and a number); a missing or non-numeric element gives null.",
    &[Example {
        query: "print series_add(dynamic([1, 2, 4]), dynamic([4, 2, 1, 7]))",
        output: "[5,4,5,null]",
    }],
    lower,
);
