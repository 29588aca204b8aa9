//! `convert_volume()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_volume")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_volume",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "A volume converted between units (`CubicMeter`, `Liter`, `UsGallon`, `AcreFoot`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_volume(1.2, 'CubicMeter', 'AcreFoot')",
        output: "0.0009728558325478951",
    }],
    lower,
);
