//! `convert_mass()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_mass")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_mass",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "A mass converted between units (`Kilogram`, `Pound`, `Ounce`, `Tonne`, `Stone`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_mass(1.2, 'Kilogram', 'Pound')",
        output: "2.6455471462185307",
    }],
    lower,
);
