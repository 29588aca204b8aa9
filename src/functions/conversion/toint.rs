//! `toint()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn toint(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Int, |t| {
        convert::to_integer(t, ScalarType::Int)
    })
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "toint",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: VALUE,
    variadic: false,
    returns: Returns::Type(ScalarType::Int),
    naming: Naming::Column,
    summary: "The value as an int (reals truncated); null when it does not convert.",
    examples: &[
        Example {
            query: "print toint(\"42\")",
            output: "42",
        },
        Example {
            query: "print toint(2.9)",
            output: "2",
        },
    ],
    lower: toint,
};
