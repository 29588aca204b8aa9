//! `ipv4_is_match()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv4_is_match")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv4_is_match",
    &[
        param("ip1", "string"),
        param("ip2", "string"),
        optional("prefix", "long"),
    ],
    false,
    ScalarType::Bool,
    "Whether two IPv4 addresses are equal over the shortest of their prefixes (`/n` in the text, or the prefix argument); null when one is not an address.",
    &[Example {
        query: "print ipv4_is_match('192.168.1.1/24', '192.168.1.255'), ipv4_is_match('192.168.1.1', '192.168.1.255', 24), ipv4_is_match('192.168.1.1', '192.168.1.255'), isnull(ipv4_is_match('x', '1.2.3.4'))",
        output: "true | true | false | true",
    }],
    lower,
);
