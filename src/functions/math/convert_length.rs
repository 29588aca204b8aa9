//! `convert_length()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_length")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_length",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "A length converted between units (`Meter`, `Foot`, `Inch`, `Mile`, `NauticalMile`, `Kilometer`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_length(1.2, 'Meter', 'Foot')",
        output: "3.9370078740157477",
    }],
    lower,
);
