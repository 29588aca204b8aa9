//! `isascii()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "isascii")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "isascii",
    &[param("text", "string")],
    false,
    ScalarType::Bool,
    "Whether every character of the text is ASCII.",
    &[Example {
        query: r#"print isascii("Kusto"), isascii("Kustó")"#,
        output: "true | false",
    }],
    lower,
);
