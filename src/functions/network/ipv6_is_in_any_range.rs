//! `ipv6_is_in_any_range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv6_is_in_any_range")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv6_is_in_any_range",
    &[
        param("ip", "string"),
        param("ranges", "string or dynamic array"),
    ],
    true,
    ScalarType::Bool,
    "Whether the IPv6 (or IPv4) address is in any of the ranges (as arguments or a dynamic array).",
    &[Example {
        query: "print ipv6_is_in_any_range('a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', dynamic(['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', 'a5e:f127:8a9d:146d:e102:b5d3:c756:0/112']))",
        output: "true",
    }],
    lower,
);
