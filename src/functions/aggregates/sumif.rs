//! `sumif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn sumif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    sum_with(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "sumif",
    NUMBER_IF,
    Returns::Rule("as `sum`"),
    "sumif",
    "The sum of the values of the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 4 step 1 | summarize sumif(x, x > 2)",
        output: "7",
    }],
    sumif,
);
