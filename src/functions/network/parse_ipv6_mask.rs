//! `parse_ipv6_mask()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "parse_ipv6_mask")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "parse_ipv6_mask",
    &[param("ip", "string"), param("prefix", "long")],
    false,
    ScalarType::String,
    "Like `parse_ipv6`, masked to the prefix too (IPv4 bits for an IPv4 address).",
    &[Example {
        query: "print parse_ipv6_mask('127.0.0.1', 24), parse_ipv6_mask('fe80::85d:e82c:9446:7994', 120)",
        output: "0000:0000:0000:0000:0000:ffff:7f00:0000 | fe80:0000:0000:0000:085d:e82c:9446:7900",
    }],
    lower,
);
