//! `series_product()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "product")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_product",
    &[param("series", "dynamic")],
    false,
    ScalarType::Real,
    "The product of the numeric elements of an array.",
    &[Example {
        query: "print series_product(dynamic([1, 2, 3, 4]))",
        output: "24",
    }],
    lower,
);
