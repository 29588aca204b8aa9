//! `binary_all_or()`.

use datafusion::functions_aggregate::expr_fn::bit_or;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(long(bit_or(long_value(lw, call)?)))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "binary_all_or",
    &[param("value", "long")],
    Returns::Type(ScalarType::Long),
    "binary_all_or",
    "The bitwise OR of the values (nulls ignored); null when there are none.",
    &[Example {
        query: "datatable(num:long) [0x88888008, 0x42000000, 0x00767000, 0x00000005] | summarize result = toupper(tohex(binary_all_or(num)))",
        output: "CAFEF00D",
    }],
    lower,
);
