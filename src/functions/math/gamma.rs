//! `gamma()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "gamma")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "gamma",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The gamma function: for a positive integer n, `gamma(n)` is (n-1)!.",
    &[Example {
        query: "print gamma(5), gamma(0.5)",
        output: "24 | 1.772453850905515",
    }],
    lower,
);
