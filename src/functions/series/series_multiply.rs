//! `series_multiply()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "multiply")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_multiply",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise product of two numeric arrays (or an array and a number).",
    &[Example {
        query: "print series_multiply(dynamic([1, 2, 4]), 2.5)",
        output: "[2.5,5.0,10.0]",
    }],
    lower,
);
