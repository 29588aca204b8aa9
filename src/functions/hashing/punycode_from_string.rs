//! `punycode_from_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "punycode_from_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "punycode_from_string",
    &[param("input", "string")],
    false,
    ScalarType::String,
    "The text encoded as punycode (RFC 3492, without the `xn--` prefix).",
    &[Example {
        query: "print punycode_from_string('académie-française')",
        output: "acadmie-franaise-npb1a",
    }],
    lower,
);
