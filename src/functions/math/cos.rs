//! `cos()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn cos(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::cos(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "cos",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The cosine of the angle (radians).",
    &[Example {
        query: "print cos(0)",
        output: "1",
    }],
    cos,
);
