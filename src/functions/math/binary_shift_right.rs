//! `binary_shift_right()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::bitwise;
use datafusion::logical_expr::Operator;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    bitwise(lw, call, Operator::BitwiseShiftRight)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "binary_shift_right",
    &[param("value", "long"), param("shift", "int")],
    false,
    ScalarType::Long,
    "The long shifted right (arithmetic shift) by a number of bits.",
    &[Example {
        query: "print binary_shift_right(8, 2), binary_shift_right(1, 2)",
        output: "2 | 0",
    }],
    lower,
);
