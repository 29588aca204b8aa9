//! `bag_has_key()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "bag_has_key")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "bag_has_key",
    &[param("bag", "dynamic"), param("key", "string")],
    false,
    ScalarType::Bool,
    "Whether the property bag has the key (or the JSONPath `$.a.b`).",
    &[Example {
        query: "print bag_has_key(dynamic({'key1': 123, 'key2': {'prop1': 'abc'}}), '$.key2.prop1'), bag_has_key(dynamic({'key1': 123}), 'key2')",
        output: "true | false",
    }],
    lower,
);
