//! `convert_speed()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_speed")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_speed",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "A speed converted between units (`MeterPerSecond`, `KilometerPerHour`, `MilePerHour`, `Knot`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_speed(1, 'Knot', 'KilometerPerHour')",
        output: "1.852",
    }],
    lower,
);
