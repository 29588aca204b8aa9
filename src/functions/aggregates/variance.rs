//! `variance()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, arg_type_error, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn variance(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let Some(number) = crate::plan::convert::to_real(&value) else {
        return Err(arg_type_error(call, 0, "a number", &value));
    };
    let p = None;
    Ok(Typed::new(
        filtered(
            datafusion::functions_aggregate::expr_fn::var_sample(number),
            p,
            call,
        )?,
        ScalarType::Real,
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "variance",
    &[param("value", "number")],
    Returns::Type(ScalarType::Real),
    "variance",
    "The sample variance (n - 1) of the values.",
    &[Example {
        query: "range x from 1 to 5 step 1 | summarize variance(x)",
        output: "2.5",
    }],
    variance,
);
