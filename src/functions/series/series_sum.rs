//! `series_sum()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "sum")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_sum",
    &[param("series", "dynamic")],
    false,
    ScalarType::Real,
    "The sum of the numeric elements of an array.",
    &[Example {
        query: "print series_sum(dynamic([1, 2, 3, 4]))",
        output: "10",
    }],
    lower,
);
