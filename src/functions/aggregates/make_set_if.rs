//! `make_set_if()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn make_set_if(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, true, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_set_if",
    &[param("value", "any scalar"), param("predicate", "bool")],
    Returns::Type(ScalarType::Dynamic),
    "set",
    "The distinct non-null values of the rows where the predicate is true (as `make_set()`).",
    &[Example {
        query: "datatable(u:string, n:long) [\"a\", 1, \"b\", 0] | summarize make_set_if(u, n > 0)",
        output: "[\"a\"]",
    }],
    make_set_if,
);
