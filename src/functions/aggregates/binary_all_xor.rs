//! `binary_all_xor()`.

use datafusion::functions_aggregate::expr_fn::bit_xor;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(long(bit_xor(long_value(lw, call)?)))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "binary_all_xor",
    &[param("value", "long")],
    Returns::Type(ScalarType::Long),
    "binary_all_xor",
    "The bitwise XOR of the values (nulls ignored); null when there are none.",
    &[Example {
        query: "datatable(num:long) [0x44404440, 0x1E1E1E1E, 0x90ABBA09, 0x000B105A] | summarize result = toupper(tohex(binary_all_xor(num)))",
        output: "CAFEF00D",
    }],
    lower,
);
