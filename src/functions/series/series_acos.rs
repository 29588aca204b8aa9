//! `series_acos()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "acos")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_acos",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The arc cosine of each element of a numeric array.",
    &[Example {
        query: "print series_acos(dynamic([-1, 0, 1]))",
        output: "[3.141592653589793,1.5707963267948966,0.0]",
    }],
    lower,
);
