//! `array_iff()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_iff")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_iff",
    &[
        param("condition_array", "dynamic"),
        param("when_true", "dynamic or scalar"),
        param("when_false", "dynamic or scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise `iff`: for each condition (a bool, or a number: non-zero is true), the element of the second or third argument (an array, or a scalar for every element); null for a condition of another type or a missing element.",
    &[Example {
        query: r#"print array_iff(dynamic([true, false, true]), dynamic([1, 2, 3]), dynamic([4, 5, 6])), array_iff(dynamic([1, 0, "x"]), "yes", "no")"#,
        output: r#"[1,5,3] | ["yes","no",null]"#,
    }],
    lower,
);
