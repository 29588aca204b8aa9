//! `make_bag_if()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn make_bag_if(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    bag_of(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_bag_if",
    &[param("bag", "dynamic"), param("predicate", "bool")],
    Returns::Type(ScalarType::Dynamic),
    "bag",
    "The property bags of the rows where the predicate is true, merged into one.",
    &[Example {
        query: "datatable(prop:string, value:string, ok:bool) [\"prop01\", \"val_a\", true, \"prop02\", \"val_b\", false] | extend p = bag_pack(prop, value) | summarize dict = make_bag_if(p, ok)",
        output: "{\"prop01\":\"val_a\"}",
    }],
    make_bag_if,
);
