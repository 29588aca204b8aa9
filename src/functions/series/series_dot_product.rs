//! `series_dot_product()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "dot_product")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_dot_product",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Real,
    "The sum of the element-wise products of two numeric arrays (or an array and a number).",
    &[Example {
        query: "print series_dot_product(dynamic([1, 2, 4]), dynamic([4, 2, 1]))",
        output: "12",
    }],
    lower,
);
