//! `stdevpif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    single(lw, call, true, stddev_pop)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "stdevpif",
    &[param("x", "number"), param("predicate", "bool")],
    ScalarType::Real,
    Naming::Aggregate("stdevpif"),
    "The population standard deviation of a numeric expression over the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 5 step 1 | summarize stdevpif(x, x > 1)",
        output: "1.118033988749895",
    }],
    lower,
);
