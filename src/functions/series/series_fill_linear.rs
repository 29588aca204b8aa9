//! `series_fill_linear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "fill_linear")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_fill_linear",
    &[
        param("series", "dynamic"),
        optional("missing_value_placeholder", "scalar"),
        optional("fill_edges", "bool"),
        optional("constant_value", "scalar"),
    ],
    false,
    ScalarType::Dynamic,
    "The array with missing elements linearly interpolated between their neighbours (rounded when all values are integers); the edges take the nearest value unless `fill_edges` is false; an array with no value is filled with `constant_value` (default 0).",
    &[
        Example {
            query: "print series_fill_linear(dynamic([null, 111.5, null, 36.5, 41.5, null, null, 16.5, 61.5, 33.5, null, null]))",
            output: "[111.5,111.5,74.0,36.5,41.5,33.166666666666664,24.833333333333332,16.5,61.5,33.5,33.5,33.5]",
        },
        Example {
            query: "print series_fill_linear(dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]), long(null), false)",
            output: "[null,111,74,36,41,33,24,16,61,33,null,null]",
        },
    ],
    lower,
);
