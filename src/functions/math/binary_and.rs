//! `binary_and()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::bitwise;
use datafusion::logical_expr::Operator;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    bitwise(lw, call, Operator::BitwiseAnd)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "binary_and",
    &[param("value1", "long"), param("value2", "long")],
    false,
    ScalarType::Long,
    "The bitwise AND of two longs.",
    &[Example {
        query: "print binary_and(6, 3)",
        output: "2",
    }],
    lower,
);
