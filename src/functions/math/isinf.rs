//! `isinf()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn isinf(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(Typed::new(
        datafusion::functions::expr_fn::abs(value).eq(lit(f64::INFINITY)),
        ScalarType::Bool,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "isinf",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Bool),
    "Whether the number is infinite (positive or negative).",
    &[Example {
        query: "print isinf(real(+inf)), isinf(1.5)",
        output: "true | false",
    }],
    isinf,
);
