//! `pow()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn pow(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let base = arg_as(lw, call, 0, ArgAs::Real)?;
    let exponent = arg_as(lw, call, 1, ArgAs::Real)?;
    Ok(real(datafusion::functions::expr_fn::power(base, exponent)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "pow",
    &[],
    &[param("base", "real"), param("exponent", "real")],
    Returns::Type(ScalarType::Real),
    "The base raised to the exponent.",
    &[Example {
        query: "print pow(2, 3), pow(4, 0.5)",
        output: "8 | 2",
    }],
    pow,
);
