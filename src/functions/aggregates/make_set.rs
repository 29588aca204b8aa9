//! `make_set()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn make_set(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, true, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "make_set",
    &[param("value", "any scalar")],
    Returns::Type(ScalarType::Dynamic),
    "set",
    "The distinct non-null values as a dynamic array, in first-seen order; the elements of an \
     array value count one by one.",
    &[
        Example {
            query: "datatable(u:string) [\"a\", \"a\"] | summarize make_set(u)",
            output: "[\"a\"]",
        },
        Example {
            query: "datatable(a:dynamic) [dynamic([\"C2\", \"A3\"]), dynamic([\"A1\", \"A3\"])] | summarize make_set(a)",
            output: "[\"C2\",\"A3\",\"A1\"]",
        },
    ],
    make_set,
);
