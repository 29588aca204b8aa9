//! `tolong()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn tolong(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Long, |t| {
        convert::to_integer(t, ScalarType::Long)
    })
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "tolong",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Long),
    naming: Naming::Column,
    summary: "The value as a long (reals truncated); null when it does not convert.",
    examples: &[
        Example {
            query: "print tolong(dynamic(201))",
            output: "201",
        },
        Example {
            query: "print isnull(tolong(\"abc\"))",
            output: "true",
        },
    ],
    lower: tolong,
};
