//! `zlib_compress_to_base64_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "zlib_compress_to_base64_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "zlib_compress_to_base64_string",
    &[param("text", "string")],
    false,
    ScalarType::String,
    "The UTF-8 text zlib-compressed, as base64.",
    &[Example {
        query: r#"print zlib_compress_to_base64_string("1234567890qwertyuiop")"#,
        output: "eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==",
    }],
    lower,
);
