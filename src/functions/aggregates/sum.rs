//! `sum()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn sum_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    sum_with(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "sum",
    NUMBER,
    Returns::Rule("long for int and long, real for real and dynamic, timespan for timespan"),
    "sum",
    "The sum of the values.",
    &[Example {
        query: NUMBERS_SUM,
        output: "a | 6\nb | 2",
    }],
    sum_fn,
);
