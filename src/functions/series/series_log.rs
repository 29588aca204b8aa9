//! `series_log()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "log")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_log",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The natural logarithm of each element of a numeric array.",
    &[Example {
        query: "print series_log(dynamic([1, 2, 3]))",
        output: "[0.0,0.6931471805599453,1.0986122886681098]",
    }],
    lower,
);
