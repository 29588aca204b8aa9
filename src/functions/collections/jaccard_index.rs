//! `jaccard_index()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "jaccard_index")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "jaccard_index",
    &[param("set1", "dynamic"), param("set2", "dynamic")],
    false,
    ScalarType::Real,
    "The Jaccard index of the distinct values of two arrays: the size of their intersection over the size of their union.",
    &[Example {
        query: r#"print jaccard_index(dynamic([1, 2, 3]), dynamic([1, 2, 3, 4])), jaccard_index(dynamic(["a", "b"]), dynamic(["c"]))"#,
        output: "0.75 | 0",
    }],
    lower,
);
