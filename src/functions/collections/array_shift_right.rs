//! `array_shift_right()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_shift_right")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_shift_right",
    &[
        param("array", "dynamic"),
        param("shift_count", "long"),
        optional("default_value", "scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "The array moved right by a number of places (left for a negative one); the places left empty take the default value (null).",
    &[Example {
        query: "print array_shift_right(dynamic([1, 2, 3, 4, 5]), 2), array_shift_right(dynamic([1, 2, 3, 4, 5]), -2, -1)",
        output: "[null,null,1,2,3] | [3,4,5,-1,-1]",
    }],
    lower,
);
