//! `base64_encode_tostring()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn base64_encode_tostring_fn(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::base64_encode_tostring(),
        &[ArgAs::Text],
        ScalarType::String,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "base64_encode_tostring",
    &[],
    &[param("text", "string")],
    Returns::Type(ScalarType::String),
    "The UTF-8 bytes of the text, base64-encoded (with padding).",
    &[Example {
        query: "print base64_encode_tostring(\"Kusto\")",
        output: "S3VzdG8=",
    }],
    base64_encode_tostring_fn,
);
