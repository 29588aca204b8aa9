//! `gzip_compress_to_base64_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "gzip_compress_to_base64_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "gzip_compress_to_base64_string",
    &[param("text", "string")],
    false,
    ScalarType::String,
    "The UTF-8 text gzip-compressed, as base64.",
    &[Example {
        query: r#"print gzip_compress_to_base64_string("1234567890qwertyuiop")"#,
        output: "H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==",
    }],
    lower,
);
