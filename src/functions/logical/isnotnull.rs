//! `isnotnull()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn isnotnull(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(arg(lw, call, 0)?.expr.is_not_null()))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "isnotnull",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "Whether the value is not null.",
    examples: &[Example {
        query: "print isnotnull(long(null)), isnotnull(0)",
        output: "false | true",
    }],
    lower: isnotnull,
};
