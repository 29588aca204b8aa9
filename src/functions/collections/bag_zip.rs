//! `bag_zip()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "bag_zip")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "bag_zip",
    &[param("keys", "dynamic"), param("values", "dynamic")],
    false,
    ScalarType::Dynamic,
    "A property bag from an array of keys and an array of values (string keys only; a key without a value gets null).",
    &[Example {
        query: "print bag_zip(dynamic(['a', 8, 'b', 'c']), dynamic([1, '2', 2.5]))",
        output: r#"{"a":1,"b":2.5,"c":null}"#,
    }],
    lower,
);
