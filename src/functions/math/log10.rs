//! `log10()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn log10(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    let result = datafusion::functions::expr_fn::log10(value.clone());
    Ok(real(guarded(value.gt(lit(0.0)), result, call)?))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "log10",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The base-10 logarithm; null unless the number is positive.",
    &[Example {
        query: "print log10(100)",
        output: "2",
    }],
    log10,
);
