//! `array_slice()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn array_slice(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::array_slice(),
        &[ArgAs::Dynamic, ArgAs::Long],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "array_slice",
    &[],
    &[
        param("array", "dynamic"),
        param("start", "long"),
        param("end", "long"),
    ],
    Returns::Type(ScalarType::Dynamic),
    "The elements from `start` to `end`, both included (negative: counted from the end); null for anything but an array.",
    &[
        Example {
            query: "print array_slice(dynamic([1, 2, 3]), 1, 2)",
            output: "[2,3]",
        },
        Example {
            query: "print array_slice(dynamic([1, 2, 3, 4, 5]), 2, -1)",
            output: "[3,4,5]",
        },
        Example {
            query: "print array_slice(dynamic([1, 2, 3, 4, 5]), -3, -2)",
            output: "[3,4]",
        },
    ],
    array_slice,
);
