//! `hash_sha256()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn hash_sha256_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::hash_sha256(),
        &[ArgAs::Text],
        ScalarType::String,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "hash_sha256",
    &[],
    &[param("source", "any scalar")],
    Returns::Type(ScalarType::String),
    "The SHA-256 hash of the value's text (UTF-8), in lower-case hex.",
    &[Example {
        query: "print hash_sha256(\"World\")",
        output: "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524",
    }],
    hash_sha256_fn,
);
