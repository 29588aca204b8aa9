//! `punycode_domain_to_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "punycode_domain_to_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "punycode_domain_to_string",
    &[param("domain", "string")],
    false,
    ScalarType::String,
    "A domain name with its non-ASCII labels encoded as punycode (`xn--...`).",
    &[Example {
        query: "print punycode_domain_to_string('Riðill｡Skáldskaparmál｡org')",
        output: "xn--Riill-jta.xn--Skldskaparml-dbbj.org",
    }],
    lower,
);
