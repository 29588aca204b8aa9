//! `array_reverse()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "array_reverse")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "array_reverse",
    &[param("array", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The array in reverse order; null for anything else.",
    &[Example {
        query: r#"print array_reverse(dynamic(["this", "is", "an", "example"]))"#,
        output: r#"["example","an","is","this"]"#,
    }],
    lower,
);
