//! `isnan()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn isnan(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg_as(lw, call, 0, ArgAs::Real)?;
    Ok(Typed::new(
        datafusion::functions::expr_fn::isnan(value),
        ScalarType::Bool,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "isnan",
    &[],
    &[param("number", "real")],
    Returns::Type(ScalarType::Bool),
    "Whether the number is NaN (not a number).",
    &[Example {
        query: "print isnan(real(nan)), isnan(1.5)",
        output: "true | false",
    }],
    isnan,
);
