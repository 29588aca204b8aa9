//! `has_ipv4()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "has_ipv4")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "has_ipv4",
    &[param("source", "string"), param("ip_address", "string")],
    false,
    ScalarType::Bool,
    "Whether the text contains the IPv4 address as a valid address delimited by non-alphanumeric characters.",
    &[Example {
        query: "print has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1'), has_ipv4('05:04:54127.0.0.1 GET', '127.0.0.1'), has_ipv4('x 127.0.0.256 y', '127.0.0.256')",
        output: "true | false | false",
    }],
    lower,
);
