//! `sign()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::signum(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "sign",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The sign of the number: -1, 0 or 1.",
    &[Example {
        query: "print sign(-42), sign(0), sign(11.2)",
        output: "-1 | 0 | 1",
    }],
    lower,
);
