//! `isnotempty()`.

use datafusion::logical_expr::not;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn isnotempty(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(not(empty(&arg(lw, call, 0)?))))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "isnotempty",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "Whether the value is neither null nor the empty string.",
    examples: &[Example {
        query: "print isnotempty(\" \"), isnotempty(\"\")",
        output: "true | false",
    }],
    lower: isnotempty,
};
