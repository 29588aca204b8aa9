//! `acos()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::acos(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "acos",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The angle in radians whose cosine is the number (NaN outside [-1, 1]).",
    &[Example {
        query: "print acos(0.5)",
        output: "1.0471975511965979",
    }],
    lower,
);
