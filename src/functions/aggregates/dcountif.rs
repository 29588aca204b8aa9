//! `dcountif()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn dcountif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    dcount_with(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "dcountif",
    &[
        param("value", "any scalar"),
        param("predicate", "bool"),
        optional("accuracy", "int (ignored)"),
    ],
    Returns::Type(ScalarType::Long),
    "dcountif",
    "The number of distinct non-null values of the rows where the predicate is true (exact).",
    &[Example {
        query: "datatable(u:string, n:long) [\"a\", 1, \"b\", 2, \"c\", 3] | summarize dcountif(u, n > 1)",
        output: "2",
    }],
    dcountif,
);
