//! `punycode_to_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "punycode_to_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "punycode_to_string",
    &[param("encoded", "string")],
    false,
    ScalarType::String,
    "The text a punycode string encodes; empty when it is not valid punycode.",
    &[Example {
        query: "print punycode_to_string('acadmie-franaise-npb1a')",
        output: "académie-française",
    }],
    lower,
);
