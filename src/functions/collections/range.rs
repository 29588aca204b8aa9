//! `range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "range")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "range",
    &[
        param("start", "number"),
        param("stop", "number"),
        optional("step", "number"),
    ],
    false,
    ScalarType::Dynamic,
    "An array of the numbers from start to stop (inclusive) by step (1 by default); integers when all three are integers.",
    &[Example {
        query: "print range(1, 8, 3), range(1.0, 2, 0.5), range(5, 1, -2)",
        output: "[1,4,7] | [1.0,1.5,2.0] | [5,3,1]",
    }],
    lower,
);
