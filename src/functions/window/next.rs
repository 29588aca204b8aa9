//! `next()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, optional, param,
};
use crate::plan::{ExprLowerer, Typed};

fn next(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    super::support::shifted(lw, call, true)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "next",
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
    summary: "The column's value `offset` rows (default 1) after the current one in the \
              serialized row order, or the default (null) where there is no such row.",
    examples: &[Example {
        query: "range x from 1 to 3 step 1 | serialize | project n = next(x), m = next(x, 1, -1)",
        output: "2 | 2\n3 | 3\n | -1",
    }],
    lower: next,
};
