//! `variancep()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, arg_type_error, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn variancep(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let Some(number) = crate::plan::convert::to_real(&value) else {
        return Err(arg_type_error(call, 0, "a number", &value));
    };
    let p = None;
    Ok(Typed::new(
        filtered(
            datafusion::functions_aggregate::expr_fn::var_pop(number),
            p,
            call,
        )?,
        ScalarType::Real,
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "variancep",
    &[param("value", "number")],
    Returns::Type(ScalarType::Real),
    "variance",
    "The population variance (n) of the values.",
    &[Example {
        query: "range x from 1 to 5 step 1 | summarize variancep(x)",
        output: "2",
    }],
    variancep,
);
