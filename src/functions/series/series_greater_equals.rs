//! `series_greater_equals()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "greater_equals")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_greater_equals",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise `>=` of two numeric arrays (or an array and a number).",
    &[Example {
        query: "print series_greater_equals(dynamic([1, 2, 4]), dynamic([4, 2, 1]))",
        output: "[false,true,true]",
    }],
    lower,
);
