//! `format_ipv4()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "format_ipv4")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "format_ipv4",
    &[param("ip", "string or long"), optional("prefix", "long")],
    false,
    ScalarType::String,
    "The IPv4 address (text or a long) masked to its prefix, as `a.b.c.d`; empty when it is not an address or the prefix is invalid.",
    &[Example {
        query: "print format_ipv4('192.168.1.255', 24), format_ipv4('192.168.1.1/24', 32), format_ipv4(3232235777), format_ipv4('192.168.1.1', -1)",
        output: "192.168.1.0 | 192.168.1.0 | 192.168.1.1 | ",
    }],
    lower,
);
