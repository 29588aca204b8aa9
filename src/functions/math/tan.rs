//! `tan()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::tan(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "tan",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The tangent of an angle in radians.",
    &[Example {
        query: "print tan(1)",
        output: "1.5574077246549023",
    }],
    lower,
);
