//! `convert_angle()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "convert_angle")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "convert_angle",
    &[
        param("value", "real"),
        param("from", "string"),
        param("to", "string"),
    ],
    false,
    ScalarType::Real,
    "An angle converted between units (`Degree`, `Radian`, `Arcminute`, `Arcsecond`, `Gradian`, `Revolution`, ...); null for an unknown unit.",
    &[Example {
        query: "print convert_angle(1.2, 'Degree', 'Arcminute')",
        output: "72",
    }],
    lower,
);
