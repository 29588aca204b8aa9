//! `acos()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn acos(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::acos(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "acos",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The arccosine, in radians.",
    &[Example {
        query: "print acos(1)",
        output: "0",
    }],
    acos,
);
