//! `stdevif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, arg_type_error, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn stdevif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let Some(number) = crate::plan::convert::to_real(&value) else {
        return Err(arg_type_error(call, 0, "a number", &value));
    };
    let p = Some(predicate(lw, call, 1)?);
    Ok(Typed::new(
        filtered(
            datafusion::functions_aggregate::expr_fn::stddev(number),
            p,
            call,
        )?,
        ScalarType::Real,
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "stdevif",
    &[param("value", "number"), param("predicate", "bool")],
    Returns::Type(ScalarType::Real),
    "stdevif",
    "The sample standard deviation of the values of the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 100 step 1 | summarize stdevif(x, x % 2 == 0)",
        output: "29.154759474226502",
    }],
    stdevif,
);
