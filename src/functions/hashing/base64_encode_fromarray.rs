//! `base64_encode_fromarray()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "base64_encode_fromarray")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "base64_encode_fromarray",
    &[param("bytes", "dynamic")],
    false,
    ScalarType::String,
    "A dynamic array of bytes (numbers 0 to 255) as base64; empty when it is not one.",
    &[Example {
        query: "print base64_encode_fromarray(dynamic([75, 117, 115, 116, 111]))",
        output: "S3VzdG8=",
    }],
    lower,
);
