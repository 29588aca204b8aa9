//! `minif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn minif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let p = predicate(lw, call, 1)?;
    let ty = value.ty;
    Ok(Typed::new(
        filtered(
            datafusion::functions_aggregate::expr_fn::min(value.materialize()),
            Some(p),
            call,
        )?,
        ty,
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "minif",
    &[param("value", "any scalar"), param("predicate", "bool")],
    Returns::Rule("the type of the value"),
    "minif",
    "The smallest value of the rows where the predicate is true.",
    &[Example {
        query: "range x from 1 to 5 step 1 | summarize minif(x, x > 2)",
        output: "3",
    }],
    minif,
);
