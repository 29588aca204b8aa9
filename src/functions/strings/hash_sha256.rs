//! `hash_sha256()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn hash_sha256_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = kusto_text(lw, call, 0)?;
    Ok(string(udf::hash_sha256().call(vec![value])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "hash_sha256",
    &[],
    &[param("source", "any scalar")],
    Returns::Type(ScalarType::String),
    "The SHA-256 hash of the value's text (UTF-8), in lower-case hex.",
    &[Example {
        query: "print hash_sha256(\"World\"), hash_sha256(datetime(2020-01-01))",
        output: "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524 | ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d",
    }],
    hash_sha256_fn,
);
