//! `to_utf8()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "to_utf8")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "to_utf8",
    &[param("text", "string")],
    false,
    ScalarType::Dynamic,
    "The UTF-8 bytes of the text, as a dynamic array of numbers.",
    &[Example {
        query: r#"print to_utf8("Kus⒦")"#,
        output: "[75,117,115,226,146,166]",
    }],
    lower,
);
