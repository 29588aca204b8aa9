//! `unicode_codepoints_to_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "unicode_codepoints_to_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "unicode_codepoints_to_string",
    &[param("values", "int or dynamic array")],
    true,
    ScalarType::String,
    "The text made of the code points (numbers, or arrays of numbers); null when one is not a valid code point.",
    &[Example {
        query: "print unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111)",
        output: "Kusto",
    }],
    lower,
);
