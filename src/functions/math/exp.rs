//! `exp()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn exp(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::exp(value)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "exp",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "e raised to the number.",
    &[Example {
        query: "print exp(0), exp(1)",
        output: "1 | 2.718281828459045",
    }],
    exp,
);
