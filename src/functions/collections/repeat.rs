//! `repeat()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "repeat")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "repeat",
    &[param("value", "scalar"), param("count", "long")],
    false,
    ScalarType::Dynamic,
    "An array holding the value `count` times (empty for 0, null for a negative count).",
    &[Example {
        query: r#"print repeat("a", 3), repeat(1, 0)"#,
        output: r#"["a","a","a"] | []"#,
    }],
    lower,
);
