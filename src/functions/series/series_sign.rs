//! `series_sign()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "sign")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_sign",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The sign of each element: -1, 0 or 1 (integers stay integers).",
    &[Example {
        query: "print series_sign(dynamic([-6, 0, 8]))",
        output: "[-1,0,1]",
    }],
    lower,
);
