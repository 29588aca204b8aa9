//! `make_list_with_nulls()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    list_with_nulls(lw, call)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_list_with_nulls",
    &[param("value", "scalar")],
    ScalarType::Dynamic,
    Naming::Aggregate("list"),
    "All the values, nulls included, as a dynamic array.",
    &[Example {
        query: "datatable(n:int) [int(null), 4, 5] | summarize make_list_with_nulls(n)",
        output: "[null,4,5]",
    }],
    lower,
);
