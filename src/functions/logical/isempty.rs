//! `isempty()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn isempty(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(empty(&arg(lw, call, 0)?)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "isempty",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "Whether the value is null or the empty string.",
    examples: &[Example {
        query: "print isempty(\"\"), isempty(\"x\"), isempty(dynamic(null)), isempty(int(null))",
        output: "true | false | true | true",
    }],
    lower: isempty,
};
