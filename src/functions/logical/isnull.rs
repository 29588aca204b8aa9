//! `isnull()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn isnull(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(arg(lw, call, 0)?.expr.is_null()))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "isnull",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "Whether the value is null; a missing dynamic property is null. (Strings \
              computed by KQL are never null; a stored string column can be.)",
    examples: &[
        Example {
            query: "print isnull(dynamic({\"a\": 1}).b), isnull(dynamic({\"a\": 1}).a)",
            output: "true | false",
        },
        Example {
            query: "print isnull(\"\")",
            output: "false",
        },
    ],
    lower: isnull,
};
