//! `array_sort_asc()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn array_sort_asc(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    array_sort(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "array_sort_asc",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("array", "dynamic"),
        crate::functions::optional("more arrays, nulls_last", "dynamic, bool (constant)"),
    ],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Columns(sort_columns),
    summary: "The array sorted in ascending order (numbers by value, strings by text), nulls last \
              unless a last argument `nulls_last` (a bool literal) is false. With several arrays, \
              one column per array, named `<array>_sorted` (or with `(a, b) = ...`): the first \
              sorted, the others reordered as the first (null for one of another length).",
    examples: &[
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
        Example {
            query: "let a = dynamic([1, 3, 4, 5, 2]); let b = dynamic([\"a\", \"b\", \"c\", \"d\", \"e\"]); print array_sort_asc(a, b)",
            output: "[1,2,3,4,5] | [\"a\",\"e\",\"b\",\"c\",\"d\"]",
        },
    ],
    lower: array_sort_asc,
};
