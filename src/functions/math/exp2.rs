//! `exp2()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| {
        f::power(datafusion::logical_expr::lit(2.0), a[0].clone())
    })
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "exp2",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "2 raised to the number.",
    &[Example {
        query: "print exp2(3), exp2(0.5)",
        output: "8 | 1.4142135623730951",
    }],
    lower,
);
