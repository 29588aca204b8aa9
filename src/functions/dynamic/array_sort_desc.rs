//! `array_sort_desc()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn array_sort_desc(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    array_sort(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "array_sort_desc",
    &[],
    &[
        param("array", "dynamic"),
        optional("nulls_last", "bool (constant)"),
    ],
    Returns::Type(ScalarType::Dynamic),
    "The array sorted in descending order (numbers by value, strings by text), nulls last unless `nulls_last` is false. One array only in kqlhunt.",
    &[
        Example {
            query: "print array_sort_desc(dynamic([null, \"blue\", \"yellow\", \"green\", null]))",
            output: "[\"yellow\",\"green\",\"blue\",null,null]",
        },
        Example {
            query: "print array_sort_desc(dynamic([null, \"blue\", \"yellow\", \"green\", null]), false)",
            output: "[null,null,\"yellow\",\"green\",\"blue\"]",
        },
    ],
    array_sort_desc,
);
