//! `min()`.

use datafusion::functions_aggregate::expr_fn::min;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn min_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(Typed::new(min(value.materialize()), value.ty))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "min",
    VALUE,
    Returns::Rule("the type of the value"),
    "min",
    "The smallest value.",
    &[Example {
        query: "range x from 3 to 5 step 1 | summarize min(x), max(x)",
        output: "3 | 5",
    }],
    min_fn,
);
