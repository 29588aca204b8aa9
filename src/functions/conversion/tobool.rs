//! `tobool()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn tobool(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Bool, convert::to_bool)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "tobool",
    aliases: &["toboolean"],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "The value as a bool: `true`/`false` in any case, `1`/`0`, non-zero numbers are \
              true; null otherwise.",
    examples: &[Example {
        query: "print tobool(\"TRUE\"), tobool(0), tobool(dynamic(true))",
        output: "true | false | true",
    }],
    lower: tobool,
};
