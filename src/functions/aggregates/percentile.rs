//! `percentile()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn percentile(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    percentile_of(lw, call)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    naming: Naming::Percentile,
    ..aggregate(
        "percentile",
        &[
            param("value", "number, datetime or timespan"),
            param("percentile", "real (constant)"),
        ],
        Returns::Rule("the type of the value"),
        "percentile",
        "The value at the percentile: exact nearest rank in kqlhunt, the value at rank ceil(p / 100 * n) of the sorted values (Kusto estimates it); the column is named `percentile_<value>_<p>`.",
        &[
            Example {
                query: "range x from 1 to 10 step 1 | summarize percentile(x, 50)",
                output: "5",
            },
            Example {
                query: "range x from 1 to 10 step 1 | summarize percentile(x, 95), percentile(x, 0)",
                output: "10 | 1",
            },
            Example {
                query: "range x from 1 to 3 step 1 | summarize percentile(x, 50) | getschema | project ColumnName",
                output: "percentile_x_50",
            },
        ],
        percentile,
    )
};
