//! `make_list_if()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn make_list_if(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, false, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_list_if",
    &[param("value", "any scalar"), param("predicate", "bool")],
    Returns::Type(ScalarType::Dynamic),
    "list",
    "The non-null values of the rows where the predicate is true, as a dynamic array.",
    &[Example {
        query: "range x from 1 to 3 step 1 | summarize make_list_if(x, x != 2)",
        output: "[1,3]",
    }],
    make_list_if,
);
