//! `stdevp()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    single(lw, call, false, stddev_pop)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "stdevp",
    &[param("x", "number")],
    ScalarType::Real,
    Naming::Aggregate("stdevp"),
    "The population standard deviation of a numeric expression.",
    &[Example {
        query: "range x from 1 to 5 step 1 | summarize stdevp(x)",
        output: "1.4142135623730951",
    }],
    lower,
);
