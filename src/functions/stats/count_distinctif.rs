//! `count_distinctif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    distinct(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "count_distinctif",
    &[param("value", "scalar"), param("predicate", "bool")],
    ScalarType::Long,
    Naming::Aggregate("count_distinctif"),
    "The exact number of distinct non-null values of the rows where the predicate is true.",
    &[Example {
        query: r#"datatable(s:string, n:long) ["a", 1, "b", 2, "a", 3, "c", 4] | summarize count_distinctif(s, n > 1)"#,
        output: "3",
    }],
    lower,
);
