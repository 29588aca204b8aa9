//! `round()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn round(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    let digits = if call.args.len() > 1 {
        arg_as(lw, call, 1, ArgAs::Long)?
    } else {
        lit(0i64)
    };
    Ok(real(datafusion::functions::expr_fn::round(vec![
        value, digits,
    ])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "round",
    &[],
    &[param("number", "number"), optional("precision", "long")],
    Returns::Type(ScalarType::Real),
    "The number rounded to `precision` digits after the point (0 by default; negative: to tens, hundreds, ...), halves away from zero.",
    &[Example {
        query: "print round(2.98765, 3), round(2.15, 1), round(2.15), round(-50.55, -2), round(21.5, -1)",
        output: "2.988 | 2.2 | 2 | -100 | 20",
    }],
    round,
);
