//! `cos()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::cos(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "cos",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The cosine of an angle in radians.",
    &[Example {
        query: "print cos(1)",
        output: "0.5403023058681398",
    }],
    lower,
);
