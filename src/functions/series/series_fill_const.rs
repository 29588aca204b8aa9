//! `series_fill_const()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "fill_const")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_fill_const",
    &[
        param("series", "dynamic"),
        optional("constant_value", "scalar"),
        optional("missing_value_placeholder", "scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "The array with its missing elements (null, or equal to the placeholder) replaced by a constant (default 0).",
    &[Example {
        query: "print series_fill_const(dynamic([111, null, 36, 41, null]), -1)",
        output: "[111,-1,36,41,-1]",
    }],
    lower,
);
