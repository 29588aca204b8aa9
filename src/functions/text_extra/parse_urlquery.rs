//! `parse_urlquery()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "parse_urlquery")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "parse_urlquery",
    &[param("query", "string")],
    false,
    ScalarType::Dynamic,
    r#"The parameters of a URL query string, decoded, as `{"Query Parameters": {name: value}}`."#,
    &[Example {
        query: r#"print parse_urlquery("k1=v1&k2=v%202")"#,
        output: r#"{"Query Parameters":{"k1":"v1","k2":"v 2"}}"#,
    }],
    lower,
);
