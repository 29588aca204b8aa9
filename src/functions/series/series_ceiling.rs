//! `series_ceiling()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ceiling")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_ceiling",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The smallest integer not below each element, as reals.",
    &[Example {
        query: "print series_ceiling(dynamic([-1.5, 1, 2.5]))",
        output: "[-1.0,1.0,3.0]",
    }],
    lower,
);
