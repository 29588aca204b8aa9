//! `variancepif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    single(lw, call, true, var_pop)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "variancepif",
    &[param("x", "number"), param("predicate", "bool")],
    ScalarType::Real,
    Naming::Aggregate("variancepif"),
    "The population variance of a numeric expression over the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 100 step 1 | summarize variancepif(x, x % 2 == 0)",
        output: "833",
    }],
    lower,
);
