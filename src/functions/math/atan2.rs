//! `atan2()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn atan2(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let y = arg_as(lw, call, 0, ArgAs::Real)?;
    let x = arg_as(lw, call, 1, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::atan2(y, x)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "atan2",
    &[],
    &[param("y", "real"), param("x", "real")],
    Returns::Type(ScalarType::Real),
    "The angle, in radians, between the positive x axis and the point (x, y).",
    &[Example {
        query: "print atan2(1, 1) * 4 == pi()",
        output: "true",
    }],
    atan2,
);
