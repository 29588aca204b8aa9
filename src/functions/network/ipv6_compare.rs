//! `ipv6_compare()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv6_compare")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv6_compare",
    &[
        param("ip1", "string"),
        param("ip2", "string"),
        optional("prefix", "long"),
    ],
    false,
    ScalarType::Long,
    "Compares two IPv6 (or IPv4) addresses over the shortest of their prefixes: -1, 0 or 1; null when one is not an address.",
    &[Example {
        query: "print ipv6_compare('fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998'), ipv6_compare('192.168.1.1', '::ffff:c0a8:0101'), ipv6_compare('fe80::1', 'fe80::2')",
        output: "0 | 0 | -1",
    }],
    lower,
);
