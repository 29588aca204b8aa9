//! `covariancepif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    pair(lw, call, true, covar_pop)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "covariancepif",
    &[
        param("x", "number"),
        param("y", "number"),
        param("predicate", "bool"),
    ],
    ScalarType::Real,
    Naming::Aggregate2("covariancepif"),
    "The population covariance of two numeric expressions over the rows where the predicate is true.",
    &[Example {
        query: "datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0] | summarize covariancepif(x, y, x < 5)",
        output: "3.125",
    }],
    lower,
);
