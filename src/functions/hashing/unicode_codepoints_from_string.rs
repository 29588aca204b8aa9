//! `unicode_codepoints_from_string()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "unicode_codepoints_from_string")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "unicode_codepoints_from_string",
    &[param("value", "string")],
    false,
    ScalarType::Dynamic,
    "The Unicode code points of the text, as a dynamic array of numbers.",
    &[Example {
        query: r#"print unicode_codepoints_from_string("קוסטו - Kusto")"#,
        output: "[1511,1493,1505,1496,1493,32,45,32,75,117,115,116,111]",
    }],
    lower,
);
