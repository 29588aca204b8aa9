//! `convert_force()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_force")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_force",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "A force converted between units (`Newton`, `Decanewton`, `KilogramForce`, `PoundForce`, `Dyn`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_force(1.2, 'Newton', 'Decanewton')",
        output: "0.12",
    }],
    lower,
);
