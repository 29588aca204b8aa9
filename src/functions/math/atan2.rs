//! `atan2()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::atan2(a[0].clone(), a[1].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "atan2",
    &[param("y", "real"), param("x", "real")],
    false,
    ScalarType::Real,
    "The angle in radians between the positive x-axis and the ray to the point (x, y).",
    &[Example {
        query: "print atan2(1, 1), atan2(0, -1), atan2(-1, 0)",
        output: "0.7853981633974483 | 3.141592653589793 | -1.5707963267948966",
    }],
    lower,
);
