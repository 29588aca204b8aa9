//! `series_floor()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "floor")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_floor",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The largest integer not above each element, as reals.",
    &[Example {
        query: "print series_floor(dynamic([-1.5, 1, 2.5]))",
        output: "[-2.0,1.0,2.0]",
    }],
    lower,
);
