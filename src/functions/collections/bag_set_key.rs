//! `bag_set_key()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "bag_set_key")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "bag_set_key",
    &[
        param("bag", "dynamic"),
        param("key", "string"),
        param("value", "dynamic"),
    ],
    false,
    ScalarType::Dynamic,
    "The property bag with the key (or the JSONPath `$.a.b`, creating the bags on the way) set to the value.",
    &[Example {
        query: "print bag_set_key(dynamic({'key1': 1, 'key3': 'abc'}), 'key3', 3), bag_set_key(dynamic({'key1': 123}), '$.key2.prop1', 'abc')",
        output: r#"{"key1":1,"key3":3} | {"key1":123,"key2":{"prop1":"abc"}}"#,
    }],
    lower,
);
