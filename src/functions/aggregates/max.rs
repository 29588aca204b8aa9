//! `max()`.

use datafusion::functions_aggregate::expr_fn::max;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn max_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(Typed::new(max(value.materialize()), value.ty))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "max",
    VALUE,
    Returns::Rule("the type of the value"),
    "max",
    "The largest value.",
    &[Example {
        query: "datatable(t:datetime) [datetime(2026-11-20), datetime(2026-11-21)] | summarize max(t)",
        output: "2026-11-21T00:00:00Z",
    }],
    max_fn,
);
