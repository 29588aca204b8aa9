//! `todouble()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn todouble(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Real, convert::to_real)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "todouble",
    aliases: &["toreal"],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Real),
    naming: Naming::Column,
    summary: "The value as a real; null when it does not convert.",
    examples: &[
        Example {
            query: "print todouble(\"1.5\")",
            output: "1.5",
        },
        Example {
            query: "print toreal(dynamic(\"2e3\"))",
            output: "2000",
        },
    ],
    lower: todouble,
};
