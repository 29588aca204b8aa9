//! `take_any()`.

use datafusion::functions_aggregate::expr_fn::first_value;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn take_any(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(Typed::new(
        first_value(value.materialize(), vec![]),
        value.ty,
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "take_any",
    VALUE,
    Returns::Rule("the type of the value"),
    "any",
    "Any one value of the group.",
    &[Example {
        query: "datatable(u:string) [\"a\", \"a\"] | summarize take_any(u)",
        output: "a",
    }],
    take_any,
);
