//! `tostring()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn tostring(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let expr = convert::to_string_value(&value, lw.scope.schema.as_ref());
    Ok(Typed::new(expr, ScalarType::String))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "tostring",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The value as text: a dynamic string without its quotes, other dynamic values as \
              compact JSON, datetimes in ISO 8601, null as the empty string.",
    examples: &[
        Example {
            query: "print tostring(dynamic({\"a\": [1, 2]}))",
            output: "{\"a\":[1,2]}",
        },
        Example {
            query: "print tostring(dynamic(\"text\"))",
            output: "text",
        },
        Example {
            query: "print tostring(datetime(2026-11-20 10:00))",
            output: "2026-11-20T10:00:00Z",
        },
        Example {
            query: "print strlen(tostring(dynamic(null)))",
            output: "0",
        },
    ],
    lower: tostring,
};
