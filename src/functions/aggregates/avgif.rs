//! `avgif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn avgif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    avg_with(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "avgif",
    NUMBER_IF,
    Returns::Rule("as `avg`"),
    "avgif",
    "The mean of the values of the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 4 step 1 | summarize avgif(x, x > 2)",
        output: "3.5",
    }],
    avgif,
);
