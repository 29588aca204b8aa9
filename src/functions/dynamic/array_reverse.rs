//! `array_reverse()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn array_reverse(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::array_reverse(),
        &[ArgAs::Dynamic],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "array_reverse",
    &[],
    &[param("array", "dynamic")],
    Returns::Type(ScalarType::Dynamic),
    "The elements in reverse order; null for anything but an array.",
    &[Example {
        query: "print array_reverse(dynamic([\"this\", \"is\", \"an\", \"example\"]))",
        output: "[\"example\",\"an\",\"is\",\"this\"]",
    }],
    array_reverse,
);
