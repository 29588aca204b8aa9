//! `count_distinct()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    distinct(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "count_distinct",
    &[param("value", "scalar")],
    ScalarType::Long,
    Naming::Aggregate("count_distinct"),
    "The exact number of distinct non-null values.",
    &[Example {
        query: r#"datatable(s:string) ["a", "b", "a", "c"] | summarize count_distinct(s)"#,
        output: "3",
    }],
    lower,
);
