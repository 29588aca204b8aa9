//! `series_tan()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "tan")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_tan",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The tangent of each element of a numeric array.",
    &[Example {
        query: "print series_tan(dynamic([-1, 0, 1]))",
        output: "[-1.5574077246549023,0.0,1.5574077246549023]",
    }],
    lower,
);
