//! `hash()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "hash")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash",
    &[param("source", "scalar"), optional("mod", "long")],
    false,
    ScalarType::Long,
    "The xxHash64 of the value's text as a long (`hash(x, m)`: the unsigned hash modulo m).",
    &[Example {
        query: r#"print hash("World"), hash("World", 100)"#,
        output: "1846988464401551951 | 51",
    }],
    lower,
);
