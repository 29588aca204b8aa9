//! `count_distinct()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn count_distinct(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(long(
        datafusion::functions_aggregate::expr_fn::count_distinct(value.materialize()),
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "count_distinct",
    &[param("value", "any scalar")],
    Returns::Type(ScalarType::Long),
    "count_distinct",
    "The number of distinct non-null values (exact).",
    &[Example {
        query: "datatable(u:string) [\"a\", \"b\", \"a\"] | summarize count_distinct(u)",
        output: "2",
    }],
    count_distinct,
);
