//! `ipv4_is_in_any_range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv4_is_in_any_range")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv4_is_in_any_range",
    &[
        param("ip", "string"),
        param("ranges", "string or dynamic array"),
    ],
    true,
    ScalarType::Bool,
    "Whether the IPv4 address is in any of the ranges (CIDR blocks or single addresses, as arguments or a dynamic array).",
    &[Example {
        query: "print ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8'), ipv4_is_in_any_range('1.1.1.1', dynamic(['192.168.1.1/16', '10.0.0.1/8']))",
        output: "true | false",
    }],
    lower,
);
