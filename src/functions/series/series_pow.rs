//! `series_pow()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "pow")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_pow",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise power: each element of the first raised to the second.",
    &[Example {
        query: "print series_pow(dynamic([1, 2, 3]), 2)",
        output: "[1.0,4.0,9.0]",
    }],
    lower,
);
