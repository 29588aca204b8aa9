//! `convert_temperature()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_temperature")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_temperature",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "A temperature converted between units (`Kelvin`, `DegreeCelsius`, `DegreeFahrenheit`, `DegreeRankine`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_temperature(1.2, 'Kelvin', 'DegreeCelsius')",
        output: "-271.95",
    }],
    lower,
);
