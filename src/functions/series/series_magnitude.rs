//! `series_magnitude()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "magnitude")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_magnitude",
    &[param("series", "dynamic")],
    false,
    ScalarType::Real,
    "The Euclidean norm of a numeric array: the square root of the sum of squares.",
    &[Example {
        query: "print series_magnitude(dynamic([1, 2, 3, 4]))",
        output: "5.477225575051661",
    }],
    lower,
);
