//! `array_sort_desc()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn array_sort_desc(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    array_sort(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "array_sort_desc",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("array", "dynamic"),
        crate::functions::optional("more arrays, nulls_last", "dynamic, bool (constant)"),
    ],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Columns(sort_columns),
    summary: "The array sorted in descending order (numbers by value, strings by text), nulls last \
              unless a last argument `nulls_last` (a bool literal) is false. With several arrays, \
              one column per array, named `<array>_sorted` (or with `(a, b) = ...`): the first \
              sorted, the others reordered as the first (null for one of another length).",
    examples: &[
        Example {
            query: "print array_sort_desc(dynamic([null, \"blue\", \"yellow\", \"green\", null]))",
            output: "[\"yellow\",\"green\",\"blue\",null,null]",
        },
        Example {
            query: "print array_sort_desc(dynamic([null, \"blue\", \"yellow\", \"green\", null]), false)",
            output: "[null,null,\"yellow\",\"green\",\"blue\"]",
        },
        Example {
            query: "print k = dynamic([1, 3, 2]), v = dynamic([\"x\", \"y\", \"z\"]) | project (keys, values) = array_sort_desc(k, v, dynamic([1]))",
            output: "[3,2,1] | [\"y\",\"z\",\"x\"]",
        },
    ],
    lower: array_sort_desc,
};
