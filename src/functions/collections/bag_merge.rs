//! `bag_merge()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "bag_merge")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "bag_merge",
    &[param("bag", "dynamic")],
    true,
    ScalarType::Dynamic,
    "The property bags merged into one; when a key is in several, the leftmost value wins.",
    &[Example {
        query: "print bag_merge(dynamic({'A1': 12, 'B1': 2}), dynamic({'A1': 1, 'C1': 3}))",
        output: r#"{"A1":12,"B1":2,"C1":3}"#,
    }],
    lower,
);
