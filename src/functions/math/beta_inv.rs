//! `beta_inv()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "beta_inv")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "beta_inv",
    &[
        param("probability", "real"),
        param("alpha", "real"),
        param("beta", "real"),
    ],
    false,
    ScalarType::Real,
    "The inverse of the cumulative beta distribution: the x where `beta_cdf` reaches the probability (null outside [0, 1]).",
    &[Example {
        query: "print beta_inv(0.1, 10.0, 20.0), isnull(beta_inv(1.5, 10.0, 20.0))",
        output: "0.2264150223887491 | true",
    }],
    lower,
);
