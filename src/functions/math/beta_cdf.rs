//! `beta_cdf()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "beta_cdf")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "beta_cdf",
    &[
        param("x", "real"),
        param("alpha", "real"),
        param("beta", "real"),
    ],
    false,
    ScalarType::Real,
    "The cumulative beta distribution function at x (NaN for a non-positive alpha or beta).",
    &[Example {
        query: "print beta_cdf(0.2, 10.0, 50.0), beta_cdf(0.5, 10, 20)",
        output: "0.7684204704210811 | 0.9692858271300796",
    }],
    lower,
);
