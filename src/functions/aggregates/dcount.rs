//! `dcount()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn dcount(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    dcount_with(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "dcount",
    &[
        param("value", "any scalar"),
        optional("accuracy", "int (ignored)"),
    ],
    Returns::Type(ScalarType::Long),
    "dcount",
    "The number of distinct non-null values. Exact in kqlhunt (Kusto estimates it).",
    &[Example {
        query: "datatable(u:string) [\"a\", \"b\", \"a\"] | summarize dcount(u)",
        output: "2",
    }],
    dcount,
);
