//! `make_list()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn make_list(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, false, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_list",
    &[param("value", "any scalar")],
    Returns::Type(ScalarType::Dynamic),
    "list",
    "The non-null values as a dynamic array.",
    &[Example {
        query: "range x from 1 to 3 step 1 | summarize make_list(x)",
        output: "[1,2,3]",
    }],
    make_list,
);
