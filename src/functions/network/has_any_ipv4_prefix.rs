//! `has_any_ipv4_prefix()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "has_ipv4_prefix")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "has_any_ipv4_prefix",
    &[
        param("source", "string"),
        param("ip_prefixes", "string or dynamic array"),
    ],
    true,
    ScalarType::Bool,
    "Whether the text contains a valid IPv4 address starting with any of the prefixes (arguments or a dynamic array).",
    &[Example {
        query: "print has_any_ipv4_prefix('05:04:54 127.0.0.1 GET', dynamic(['127.0.', '192.168.']))",
        output: "true",
    }],
    lower,
);
