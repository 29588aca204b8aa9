//! `punycode_domain_from_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "punycode_domain_from_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "punycode_domain_from_string",
    &[param("encoded", "string")],
    false,
    ScalarType::String,
    "A domain name with its punycode labels (`xn--...`) decoded.",
    &[Example {
        query: "print punycode_domain_from_string('xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com')",
        output: "Rúyì.Jīngū.Bàng.com",
    }],
    lower,
);
