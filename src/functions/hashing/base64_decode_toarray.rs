//! `base64_decode_toarray()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "base64_decode_toarray")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "base64_decode_toarray",
    &[param("base64", "string")],
    false,
    ScalarType::Dynamic,
    "The bytes the base64 text holds, as a dynamic array of numbers; null when it is not base64.",
    &[Example {
        query: r#"print base64_decode_toarray("S3VzdG8=")"#,
        output: "[75,117,115,116,111]",
    }],
    lower,
);
