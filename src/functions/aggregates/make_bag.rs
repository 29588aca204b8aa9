//! `make_bag()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn make_bag(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    bag_of(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_bag",
    &[param("bag", "dynamic")],
    Returns::Type(ScalarType::Dynamic),
    "bag",
    "The property bags of the group merged into one (a key seen twice keeps one of its values); values that are not bags are skipped.",
    &[Example {
        query: "datatable(prop:string, value:string) [\"prop01\", \"val_a\", \"prop02\", \"val_b\"] | extend p = bag_pack(prop, value) | summarize dict = make_bag(p)",
        output: "{\"prop01\":\"val_a\",\"prop02\":\"val_b\"}",
    }],
    make_bag,
);
