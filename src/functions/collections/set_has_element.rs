//! `set_has_element()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "set_has_element")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "set_has_element",
    &[param("set", "dynamic"), param("value", "scalar")],
    false,
    ScalarType::Bool,
    "Whether the array holds the value.",
    &[Example {
        query: r#"print set_has_element(dynamic(["this", "is", "an", "example"]), "example"), set_has_element(dynamic([1, 2]), 3)"#,
        output: "true | false",
    }],
    lower,
);
