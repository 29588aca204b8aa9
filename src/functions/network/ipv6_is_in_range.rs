//! `ipv6_is_in_range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv6_is_in_range")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv6_is_in_range",
    &[param("ip", "string"), param("range", "string")],
    false,
    ScalarType::Bool,
    "Whether the IPv6 (or IPv4) address is in the range (an address with an optional `/prefix`).",
    &[Example {
        query: "print ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112'), ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60')",
        output: "true | false",
    }],
    lower,
);
