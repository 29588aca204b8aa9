//! `zlib_decompress_from_base64_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "zlib_decompress_from_base64_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "zlib_decompress_from_base64_string",
    &[param("base64", "string")],
    false,
    ScalarType::String,
    "The text of zlib-compressed base64 data; empty when it is not valid.",
    &[Example {
        query: r#"print zlib_decompress_from_base64_string("eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw=="), zlib_decompress_from_base64_string("x0x0x0")"#,
        output: "1234567890qwertyuiop | ",
    }],
    lower,
);
