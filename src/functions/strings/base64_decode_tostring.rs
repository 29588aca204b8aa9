//! `base64_decode_tostring()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn base64_decode_tostring_fn(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::base64_decode_tostring(),
        &[ArgAs::Text],
        ScalarType::String,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "base64_decode_tostring",
    &[],
    &[param("base64", "string")],
    Returns::Type(ScalarType::String),
    "The UTF-8 text a base64 string encodes; null when it is not base64 of UTF-8 text.",
    &[
        Example {
            query: "print base64_decode_tostring(\"S3VzdG8=\")",
            output: "Kusto",
        },
        Example {
            query: "print isnull(base64_decode_tostring(\"S3VzdG8==\"))",
            output: "false",
        },
    ],
    base64_decode_tostring_fn,
);
