//! `series_subtract()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "subtract")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_subtract",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise difference of two numeric arrays (or an array and a number).",
    &[Example {
        query: "print series_subtract(dynamic([1, 2, 4]), dynamic([4, 2, 1]))",
        output: "[-3,0,3]",
    }],
    lower,
);
