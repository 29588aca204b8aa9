//! `degrees()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn degrees(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::degrees(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "degrees",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The angle in radians converted to degrees.",
    &[Example {
        query: "print degrees(pi() / 2)",
        output: "90",
    }],
    degrees,
);
