//! `parse_ipv6()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "parse_ipv6")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "parse_ipv6",
    &[param("ip", "string")],
    false,
    ScalarType::String,
    "The IPv6 (or IPv4, mapped to `::ffff:a.b.c.d`) address, masked to its prefix, in the canonical form of eight 4-digit groups; null when it is not an address.",
    &[Example {
        query: "print parse_ipv6('192.168.255.255/24'), parse_ipv6('fe80::85d:e82c:9446:7994')",
        output: "0000:0000:0000:0000:0000:ffff:c0a8:ff00 | fe80:0000:0000:0000:085d:e82c:9446:7994",
    }],
    lower,
);
