//! `series_cos()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "cos")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_cos",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The cosine of each element of a numeric array.",
    &[Example {
        query: "print series_cos(dynamic([-1, 0, 1]))",
        output: "[0.5403023058681398,1.0,0.5403023058681398]",
    }],
    lower,
);
