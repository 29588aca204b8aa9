//! `avg()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn avg_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    avg_with(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "avg",
    NUMBER,
    Returns::Rule("real (timespan for timespan)"),
    "avg",
    "The mean of the values.",
    &[Example {
        query: "range x from 1 to 4 step 1 | summarize avg(x)",
        output: "2.5",
    }],
    avg_fn,
);
