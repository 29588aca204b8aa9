//! `covariance()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    pair(lw, call, false, covar_samp)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "covariance",
    &[param("x", "number"), param("y", "number")],
    ScalarType::Real,
    Naming::Aggregate2("covariance"),
    "The sample covariance of two numeric expressions.",
    &[Example {
        query: "datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0] | summarize covariance(x, y)",
        output: "20.5",
    }],
    lower,
);
