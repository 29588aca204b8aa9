//! `bag_remove_keys()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "bag_remove_keys")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "bag_remove_keys",
    &[param("bag", "dynamic"), param("keys", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The property bag without the keys (or JSONPaths `$.a.b`) of the array.",
    &[Example {
        query: "print bag_remove_keys(dynamic({'key1': 123, 'key2': {'prop1': 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}), dynamic(['$.key2.prop1', 'key3']))",
        output: r#"{"key1":123,"key2":{"prop2":"xyz"}}"#,
    }],
    lower,
);
