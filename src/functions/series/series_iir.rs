//! `series_iir()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "iir")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_iir",
    &[
        param("series", "dynamic"),
        param("numerators", "dynamic"),
        param("denominators", "dynamic"),
    ],
    false,
    ScalarType::Dynamic,
    "The array filtered by an infinite impulse response filter with the given numerator and denominator coefficients.",
    &[Example {
        query: "print series_iir(dynamic([1.0, 2, 3, 4]), dynamic([1]), dynamic([1, -1]))",
        output: "[1.0,3.0,6.0,10.0]",
    }],
    lower,
);
