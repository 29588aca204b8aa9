//! `series_sin()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "sin")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_sin",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The sine of each element of a numeric array.",
    &[Example {
        query: "print series_sin(dynamic([-1, 0, 1]))",
        output: "[-0.8414709848078965,0.0,0.8414709848078965]",
    }],
    lower,
);
