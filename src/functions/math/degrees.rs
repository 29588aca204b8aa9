//! `degrees()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::degrees(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "degrees",
    &[param("radians", "real")],
    false,
    ScalarType::Real,
    "An angle in radians converted to degrees.",
    &[Example {
        query: "print degrees(pi() / 2)",
        output: "90",
    }],
    lower,
);
