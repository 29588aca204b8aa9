//! `format_ipv4_mask()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "format_ipv4_mask")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "format_ipv4_mask",
    &[param("ip", "string or long"), optional("prefix", "long")],
    false,
    ScalarType::String,
    "The IPv4 address masked to its prefix, as a CIDR block `a.b.c.d/n`; empty when it is not an address or the prefix is invalid.",
    &[Example {
        query: "print format_ipv4_mask('192.168.1.1', 24), format_ipv4_mask('192.168.1.1'), format_ipv4_mask('192.168.1.1/24', -1)",
        output: "192.168.1.0/24 | 192.168.1.1/32 | ",
    }],
    lower,
);
