//! `ipv6_is_match()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv6_is_match")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv6_is_match",
    &[
        param("ip1", "string"),
        param("ip2", "string"),
        optional("prefix", "long"),
    ],
    false,
    ScalarType::Bool,
    "Whether two IPv6 (or IPv4) addresses are equal over the shortest of their prefixes; null when one is not an address.",
    &[Example {
        query: "print ipv6_is_match('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127), ipv6_is_match('192.168.1.1/24', '::ffff:c0a8:01ff')",
        output: "true | true",
    }],
    lower,
);
