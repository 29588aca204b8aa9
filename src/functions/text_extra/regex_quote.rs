//! `regex_quote()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "regex_quote")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "regex_quote",
    &[param("text", "string")],
    false,
    ScalarType::String,
    "The text with the regular expression metacharacters escaped.",
    &[Example {
        query: "print regex_quote('(so$me.Te^xt)')",
        output: r#"\(so\$me\.Te\^xt\)"#,
    }],
    lower,
);
