//! `pi()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| {
        let _ = a;
        f::pi()
    })
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "pi",
    &[],
    false,
    ScalarType::Real,
    "The constant π.",
    &[Example {
        query: "print pi()",
        output: "3.141592653589793",
    }],
    lower,
);
