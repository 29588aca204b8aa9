//! `convert_energy()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_energy")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_energy",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "An energy converted between units (`Joule`, `KilowattHour`, `Calorie`, `BritishThermalUnit`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_energy(1.2, 'Joule', 'BritishThermalUnit')",
        output: "0.0011373805443759806",
    }],
    lower,
);
