//! `series_stats_dynamic()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "stats_dynamic")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_stats_dynamic",
    &[
        param("series", "dynamic"),
        optional("ignore_nonfinite", "bool"),
    ],
    false,
    ScalarType::Dynamic,
    "A property bag of statistics of the numeric elements: `min`, `min_idx`, `max`, `max_idx`, `avg`, `stdev` and `variance` (sample).",
    &[Example {
        query: "print series_stats_dynamic(dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]))",
        output: r#"{"min":2.0,"min_idx":8,"max":87.0,"max_idx":3,"avg":32.8,"stdev":28.503633853548266,"variance":812.4571428571428}"#,
    }],
    lower,
);
