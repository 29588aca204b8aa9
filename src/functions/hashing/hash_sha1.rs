//! `hash_sha1()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "hash_sha1")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash_sha1",
    &[param("source", "scalar")],
    false,
    ScalarType::String,
    "The SHA-1 of the value's text, as lowercase hex.",
    &[Example {
        query: r#"print hash_sha1("World")"#,
        output: "70c07ec18ef89c5309bbb0937f3a6342411e1fdd",
    }],
    lower,
);
