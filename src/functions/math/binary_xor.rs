//! `binary_xor()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::bitwise;
use datafusion::logical_expr::Operator;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    bitwise(lw, call, Operator::BitwiseXor)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "binary_xor",
    &[param("value1", "long"), param("value2", "long")],
    false,
    ScalarType::Long,
    "The bitwise XOR of two longs.",
    &[Example {
        query: "print binary_xor(1, 3)",
        output: "2",
    }],
    lower,
);
