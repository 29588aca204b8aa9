//! `prev()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, optional, param,
};
use crate::plan::{ExprLowerer, Typed};

fn prev(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    super::support::shifted(lw, call, false)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "prev",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("column", "any"),
        optional("offset", "long constant"),
        optional("default_value", "constant"),
    ],
    variadic: false,
    returns: Returns::Rule("the column's type"),
    naming: Naming::Column,
    summary: "The column's value `offset` rows (default 1) before the current one in the \
              serialized row order (after `sort`, `order`, `top` or `serialize`), or the \
              default (null) where there is no such row.",
    examples: &[
        Example {
            query: "range x from 1 to 3 step 1 | serialize | project prev(x)",
            output: "\n1\n2",
        },
        Example {
            query: "range x from 1 to 3 step 1 | serialize | project p = prev(x, 2, 0)",
            output: "0\n0\n1",
        },
    ],
    lower: prev,
};
