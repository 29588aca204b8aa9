//! `series_divide()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "divide")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_divide",
    &[
        param("series1", "dynamic"),
        param("series2", "dynamic or number"),
    ],
    false,
    ScalarType::Dynamic,
    "Element-wise quotient of two numeric arrays (or an array and a number), as reals.",
    &[Example {
        query: "print series_divide(dynamic([1, 2, 4]), dynamic([4, 2, 1]))",
        output: "[0.25,1.0,4.0]",
    }],
    lower,
);
