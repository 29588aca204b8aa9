//! `startofyear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn startofyear(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "year", false)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "startofyear",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The start of the year holding the datetime, shifted by `offset` years.",
    &[Example {
        query: "print startofyear(datetime(2017-06-01 10:10:17), 1)",
        output: "2018-01-01T00:00:00Z",
    }],
    startofyear,
);
