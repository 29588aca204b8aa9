//! `translate()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "translate")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "translate",
    &[
        param("search_list", "string"),
        param("replacement_list", "string"),
        param("source", "string"),
    ],
    false,
    ScalarType::String,
    "The text with each character of the search list replaced by the character at the same place of the replacement list (its last one when shorter; removed when empty).",
    &[Example {
        query: r#"print translate("krasp", "otsku", "spark"), translate("abc", "x", "abc"), translate("abc", "", "ab")"#,
        output: "kusto | xxx | ",
    }],
    lower,
);
