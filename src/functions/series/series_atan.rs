//! `series_atan()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "atan")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_atan",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The arc tangent of each element of a numeric array.",
    &[Example {
        query: "print series_atan(dynamic([-1, 0, 1]))",
        output: "[-0.7853981633974483,0.0,0.7853981633974483]",
    }],
    lower,
);
