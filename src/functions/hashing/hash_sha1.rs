//! `hash_sha1()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::typed;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    typed(lw, call, "hash_sha1")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash_sha1",
    &[param("source", "scalar")],
    false,
    ScalarType::String,
    "The SHA-1 of the value's text (a datetime in its 7-digit round-trip form), as lowercase hex.",
    &[Example {
        query: r#"print hash_sha1("World"), hash_sha1(datetime(2020-01-01))"#,
        output: "70c07ec18ef89c5309bbb0937f3a6342411e1fdd | e903e533f4d636b4fc0dcf3cf81e7b7f330de776",
    }],
    lower,
);
