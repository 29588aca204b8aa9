//! `atan()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::atan(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "atan",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The angle in radians whose tangent is the number.",
    &[Example {
        query: "print atan(1)",
        output: "0.7853981633974483",
    }],
    lower,
);
