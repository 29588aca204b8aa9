//! `series_fill_backward()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "fill_backward")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_fill_backward",
    &[
        param("series", "dynamic"),
        optional("missing_value_placeholder", "scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "The array with each missing element replaced by the next value after it (trailing ones stay missing).",
    &[Example {
        query: "print series_fill_backward(dynamic([111, null, 36, 41, null, null, 16, 61, 33, null, null]))",
        output: "[111,36,36,41,16,16,16,61,33,null,null]",
    }],
    lower,
);
