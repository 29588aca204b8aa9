//! `gzip_decompress_from_base64_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "gzip_decompress_from_base64_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "gzip_decompress_from_base64_string",
    &[param("base64", "string")],
    false,
    ScalarType::String,
    "The text of gzip-compressed base64 data; empty when it is not valid.",
    &[Example {
        query: r#"print gzip_decompress_from_base64_string("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA=="), gzip_decompress_from_base64_string("x0x0x0")"#,
        output: "1234567890qwertyuiop | ",
    }],
    lower,
);
