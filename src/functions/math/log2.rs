//! `log2()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn log2(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    let result = datafusion::functions::expr_fn::log2(value.clone());
    Ok(real(guarded(value.gt(lit(0.0)), result, call)?))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "log2",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The base-2 logarithm; null unless the number is positive.",
    &[Example {
        query: "print log2(8)",
        output: "3",
    }],
    log2,
);
