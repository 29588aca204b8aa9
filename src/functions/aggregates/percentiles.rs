//! `percentiles()`.

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn percentiles(_: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Err(Diagnostic::error(
        Code::AggregateOutsideSummarize,
        "`percentiles()` must be a whole aggregation item of `summarize`, not part of an expression",
    )
    .with_span(call.span))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    naming: Naming::Percentile,
    ..aggregate(
        "percentiles",
        &[
            param("value", "number, datetime or timespan"),
            param("percentile", "real (constant)"),
        ],
        Returns::Rule("one column per percentile, of the type of the value"),
        "percentile",
        "One column per percentile, as `percentile()` computes them, named `percentile_<value>_<p>` (a decimal point becomes `_`).",
        &[
            Example {
                query: "range x from 1 to 10 step 1 | summarize percentiles(x, 50, 90)",
                output: "5 | 9",
            },
            Example {
                query: "range x from 1 to 10 step 1 | summarize percentiles(x, 50, 99.5) | getschema | project ColumnName",
                output: "percentile_x_50\npercentile_x_99_5",
            },
        ],
        percentiles,
    )
};
