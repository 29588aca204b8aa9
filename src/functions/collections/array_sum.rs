//! `array_sum()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_sum")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_sum",
    &[param("array", "dynamic")],
    false,
    ScalarType::Real,
    "The sum of the elements of a numeric array; null when an element is not a number.",
    &[Example {
        query: r#"print array_sum(dynamic([2, 5, 3])), isnull(array_sum(dynamic([1, "a"])))"#,
        output: "10 | true",
    }],
    lower,
);
