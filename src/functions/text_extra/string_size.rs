//! `string_size()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "string_size")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "string_size",
    &[param("text", "string")],
    false,
    ScalarType::Long,
    "The size of the text in bytes (UTF-8).",
    &[Example {
        query: r#"print string_size("hello"), string_size("⒦")"#,
        output: "5 | 3",
    }],
    lower,
);
