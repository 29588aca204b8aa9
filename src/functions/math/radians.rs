//! `radians()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn radians(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::radians(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "radians",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The angle in degrees converted to radians.",
    &[Example {
        query: "print radians(180) == pi()",
        output: "true",
    }],
    radians,
);
