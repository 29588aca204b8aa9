//! `ceiling()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn ceiling(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::ceil(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "ceiling",
    &[],
    &[param("number", "number")],
    Returns::Type(ScalarType::Real),
    "The smallest whole number not below the number.",
    &[Example {
        query: "print ceiling(-1.1), ceiling(0), ceiling(0.9)",
        output: "-1 | 0 | 1",
    }],
    ceiling,
);
