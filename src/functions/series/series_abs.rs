//! `series_abs()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "abs")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_abs",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The absolute value of each element of a numeric array (integers stay integers; a non-number gives null).",
    &[Example {
        query: r#"print series_abs(dynamic([-6.5, 0, 8.2, -3, "a"]))"#,
        output: "[6.5,0,8.2,3,null]",
    }],
    lower,
);
