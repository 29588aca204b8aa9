//! `zip()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "zip")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "zip",
    &[param("array", "dynamic")],
    true,
    ScalarType::Dynamic,
    "The arrays combined element by element into an array of arrays, as long as the longest (missing elements are null).",
    &[Example {
        query: r#"print zip(dynamic([1, 3, 5]), dynamic([2, 4, 6])), zip(dynamic(["A", 1, 1.5]), dynamic([{}, "B"]))"#,
        output: r#"[[1,2],[3,4],[5,6]] | [["A",{}],[1,"B"],[1.5,null]]"#,
    }],
    lower,
);
