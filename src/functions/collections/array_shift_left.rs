//! `array_shift_left()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_shift_left")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_shift_left",
    &[
        param("array", "dynamic"),
        param("shift_count", "long"),
        optional("default_value", "scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "The array moved left by a number of places (right for a negative one); the places left empty take the default value (null).",
    &[Example {
        query: "print array_shift_left(dynamic([1, 2, 3, 4, 5]), 2), array_shift_left(dynamic([1, 2, 3, 4, 5]), -2, -1)",
        output: "[3,4,5,null,null] | [-1,-1,1,2,3]",
    }],
    lower,
);
