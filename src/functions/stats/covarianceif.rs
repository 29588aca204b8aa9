//! `covarianceif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    pair(lw, call, true, covar_samp)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "covarianceif",
    &[
        param("x", "number"),
        param("y", "number"),
        param("predicate", "bool"),
    ],
    ScalarType::Real,
    Naming::Aggregate2("covarianceif"),
    "The sample covariance of two numeric expressions over the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 100 step 1 | extend y = iff(x % 2 == 0, x * 2, x * 3) | summarize covarianceif(x, y, x % 3 == 0)",
        output: "2142",
    }],
    lower,
);
