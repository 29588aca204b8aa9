//! `series_asin()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "asin")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_asin",
    &[param("series", "dynamic")],
    false,
    ScalarType::Dynamic,
    "The arc sine of each element of a numeric array.",
    &[Example {
        query: "print series_asin(dynamic([-1, 0, 1]))",
        output: "[-1.5707963267948966,0.0,1.5707963267948966]",
    }],
    lower,
);
