//! `isfinite()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn isfinite(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    let finite =
        datafusion::logical_expr::not(datafusion::functions::expr_fn::isnan(value.clone()))
            .and(datafusion::functions::expr_fn::abs(value).not_eq(lit(f64::INFINITY)));
    Ok(Typed::new(finite, ScalarType::Bool))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "isfinite",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Bool),
    "Whether the number is neither infinite nor NaN.",
    &[Example {
        query: "print isfinite(1.5), isfinite(real(-inf)), isfinite(real(nan))",
        output: "true | false | false",
    }],
    isfinite,
);
