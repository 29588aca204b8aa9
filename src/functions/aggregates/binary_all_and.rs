//! `binary_all_and()`.

use datafusion::functions_aggregate::expr_fn::bit_and;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(long(bit_and(long_value(lw, call)?)))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "binary_all_and",
    &[param("value", "long")],
    Returns::Type(ScalarType::Long),
    "binary_all_and",
    "The bitwise AND of the values (nulls ignored); null when there are none.",
    &[Example {
        query: "datatable(num:long) [0xFFFF0F0F, 0xF0FF0FF0, 0xFF0F0FFF] | summarize result = toupper(tohex(binary_all_and(num)))",
        output: "F00F0F00",
    }],
    lower,
);
