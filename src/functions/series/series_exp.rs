//! `series_exp()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "exp")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_exp",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "e raised to each element of a numeric array.",
    &[Example {
        query: "print series_exp(dynamic([1, 2, 3]))",
        output: "[2.718281828459045,7.38905609893065,20.085536923187668]",
    }],
    lower,
);
