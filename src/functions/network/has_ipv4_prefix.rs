//! `has_ipv4_prefix()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "has_ipv4_prefix")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "has_ipv4_prefix",
    &[param("source", "string"), param("ip_prefix", "string")],
    false,
    ScalarType::Bool,
    "Whether the text contains a valid IPv4 address that starts with the prefix (a prefix ends with `.`; a full address must match exactly).",
    &[Example {
        query: "print has_ipv4_prefix('05:04:54 127.0.0.1 GET', '127.0.'), has_ipv4_prefix('05:04:54 127.0.0.1 GET', '127.0')",
        output: "true | false",
    }],
    lower,
);
