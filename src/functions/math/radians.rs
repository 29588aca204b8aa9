//! `radians()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::radians(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "radians",
    &[param("degrees", "real")],
    false,
    ScalarType::Real,
    "An angle in degrees converted to radians.",
    &[Example {
        query: "print radians(90), radians(180)",
        output: "1.5707963267948966 | 3.141592653589793",
    }],
    lower,
);
