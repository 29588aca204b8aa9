//! `loggamma()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "loggamma")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "loggamma",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The natural logarithm of the absolute value of the gamma function.",
    &[Example {
        query: "print loggamma(5)",
        output: "3.178053830347944",
    }],
    lower,
);
