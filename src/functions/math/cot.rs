//! `cot()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::cot(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "cot",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The cotangent of an angle in radians.",
    &[Example {
        query: "print cot(1)",
        output: "0.6420926159343306",
    }],
    lower,
);
