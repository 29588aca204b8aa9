//! `now()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, optional};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{BinaryOp, ScalarType};

use super::support::*;

fn now(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.is_empty() {
        return Ok(now_value(lw));
    }
    let offset = arg(lw, call, 0)?;
    shifted(lw, call, offset, BinaryOp::Add)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "now",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[optional("offset", "timespan")],
    variadic: false,
    returns: Returns::Type(ScalarType::DateTime),
    naming: Naming::Column,
    summary: "The query's current time (the same for every use in a query; `--now` sets \
              it), plus an optional offset.",
    examples: &[Example {
        query: "print now() - now(-1h)",
        output: "01:00:00",
    }],
    lower: now,
};
