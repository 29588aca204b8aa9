//! `sqrt()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn sqrt(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    let result = datafusion::functions::expr_fn::sqrt(value.clone());
    Ok(real(guarded(value.gt_eq(lit(0.0)), result, call)?))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "sqrt",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Real),
    "The square root; null for a negative number.",
    &[Example {
        query: "print sqrt(4), isnull(sqrt(-1))",
        output: "2 | true",
    }],
    sqrt,
);
