//! `startofweek()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn startofweek(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "week", false)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "startofweek",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The start of the week holding the datetime (weeks start on Sunday), shifted by `offset` weeks.",
    &[Example {
        query: "print startofweek(datetime(2017-01-01 10:10:17)), startofweek(datetime(2017-01-05), -1)",
        output: "2017-01-01T00:00:00Z | 2016-12-25T00:00:00Z",
    }],
    startofweek,
);
