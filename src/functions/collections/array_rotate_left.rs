//! `array_rotate_left()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_rotate_left")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_rotate_left",
    &[param("array", "dynamic"), param("rotate_count", "long")],
    false,
    ScalarType::Dynamic,
    "The array rotated left by a number of places (right for a negative one).",
    &[Example {
        query: "print array_rotate_left(dynamic([1, 2, 3, 4, 5]), 2), array_rotate_left(dynamic([1, 2, 3, 4, 5]), -2)",
        output: "[3,4,5,1,2] | [4,5,1,2,3]",
    }],
    lower,
);
