//! `log2()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| f::log2(a[0].clone()))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "log2",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "The base-2 logarithm.",
    &[Example {
        query: "print log2(5), log2(8)",
        output: "2.321928094887362 | 3",
    }],
    lower,
);
