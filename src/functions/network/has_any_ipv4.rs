//! `has_any_ipv4()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "has_ipv4")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "has_any_ipv4",
    &[
        param("source", "string"),
        param("ip_addresses", "string or dynamic array"),
    ],
    true,
    ScalarType::Bool,
    "Whether the text contains any of the IPv4 addresses (arguments or a dynamic array), as `has_ipv4` finds them.",
    &[Example {
        query: "print has_any_ipv4('05:04:54 127.0.0.1 GET', '127.0.0.1', '127.0.0.2'), has_any_ipv4('05:04:54 127.0.0.256 GET', dynamic(['127.0.0.256', '192.168.1.1']))",
        output: "true | false",
    }],
    lower,
);
