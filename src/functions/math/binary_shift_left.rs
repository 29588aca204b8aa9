//! `binary_shift_left()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::bitwise;
use datafusion::logical_expr::Operator;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    bitwise(lw, call, Operator::BitwiseShiftLeft)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "binary_shift_left",
    &[param("value", "long"), param("shift", "int")],
    false,
    ScalarType::Long,
    "The long shifted left by a number of bits.",
    &[Example {
        query: "print binary_shift_left(1, 2)",
        output: "4",
    }],
    lower,
);
