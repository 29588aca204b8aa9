//! `sin()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::sin(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "sin",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The sine of an angle in radians.",
    &[Example {
        query: "print sin(1)",
        output: "0.8414709848078965",
    }],
    lower,
);
