//! `beta_pdf()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "beta_pdf")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "beta_pdf",
    &[
        param("x", "real"),
        param("alpha", "real"),
        param("beta", "real"),
    ],
    false,
    ScalarType::Real,
    "The beta probability density function at x (NaN outside [0, 1] or for a non-positive alpha or beta).",
    &[Example {
        query: "print beta_pdf(0.5, 10.0, 20.0), beta_pdf(1.5, 10.0, 20.0)",
        output: "0.7461760193109442 | NaN",
    }],
    lower,
);
