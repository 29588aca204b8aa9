//! `dynamic_to_json()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "dynamic_to_json")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "dynamic_to_json",
    &[param("value", "dynamic")],
    false,
    ScalarType::String,
    "The dynamic value as JSON text with the keys of every property bag sorted, so equal values give equal text.",
    &[Example {
        query: "print dynamic_to_json(dynamic({'b': 1, 'a': {'d': 2, 'c': [3]}}))",
        output: r#"{"a":{"c":[3],"d":2},"b":1}"#,
    }],
    lower,
);
