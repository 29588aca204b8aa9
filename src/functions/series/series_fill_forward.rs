//! `series_fill_forward()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "fill_forward")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_fill_forward",
    &[
        param("series", "dynamic"),
        optional("missing_value_placeholder", "scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "The array with each missing element replaced by the last value before it (leading ones stay missing).",
    &[Example {
        query: "print series_fill_forward(dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]))",
        output: "[null,null,36,41,41,41,16,61,33,33,33]",
    }],
    lower,
);
