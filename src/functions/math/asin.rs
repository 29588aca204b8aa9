//! `asin()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn asin(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::asin(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "asin",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The arcsine, in radians.",
    &[Example {
        query: "print asin(0)",
        output: "0",
    }],
    asin,
);
