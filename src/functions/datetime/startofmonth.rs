//! `startofmonth()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn startofmonth(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "month", false)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "startofmonth",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The start of the month holding the datetime, shifted by `offset` months.",
    &[Example {
        query: "print startofmonth(datetime(2017-01-01 10:10:17), -1)",
        output: "2016-12-01T00:00:00Z",
    }],
    startofmonth,
);
