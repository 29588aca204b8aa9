//! `exp10()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::builtin;
use datafusion::functions::expr_fn as f;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    builtin(lw, call, |a| {
        f::power(datafusion::logical_expr::lit(10.0), a[0].clone())
    })
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "exp10",
    &[param("number", "real")],
    false,
    ScalarType::Real,
    "10 raised to the number.",
    &[Example {
        query: "print exp10(3), exp10(-1)",
        output: "1000 | 0.1",
    }],
    lower,
);
