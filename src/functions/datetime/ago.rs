//! `ago()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{BinaryOp, ScalarType};

use super::support::*;

fn ago(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let offset = arg(lw, call, 0)?;
    shifted(lw, call, offset, BinaryOp::Sub)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "ago",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("timespan", "timespan")],
    variadic: false,
    returns: Returns::Type(ScalarType::DateTime),
    naming: Naming::Column,
    summary: "`now()` minus the timespan.",
    examples: &[Example {
        query: "print now() - ago(1d)",
        output: "1.00:00:00",
    }],
    lower: ago,
};
