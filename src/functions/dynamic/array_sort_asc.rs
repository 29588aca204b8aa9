//! `array_sort_asc()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn array_sort_asc(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    array_sort(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "array_sort_asc",
    &[],
    &[
        param("array", "dynamic"),
        optional("nulls_last", "bool (constant)"),
    ],
    Returns::Type(ScalarType::Dynamic),
    "The array sorted in ascending order (numbers by value, strings by text), nulls last unless `nulls_last` is false. One array only in kqlhunt.",
    &[
        Example {
            query: "print array_sort_asc(dynamic([null, \"blue\", \"yellow\", \"green\", null]))",
            output: "[\"blue\",\"green\",\"yellow\",null,null]",
        },
        Example {
            query: "print array_sort_asc(dynamic([null, \"blue\", \"yellow\", \"green\", null]), false)",
            output: "[null,null,\"blue\",\"green\",\"yellow\"]",
        },
        Example {
            query: "print array_sort_asc(dynamic([3, 10, 1]))",
            output: "[1,3,10]",
        },
    ],
    array_sort_asc,
);
