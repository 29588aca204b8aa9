//! `endofday()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn endofday(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "day", true)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "endofday",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The last microsecond of the day holding the datetime, shifted by `offset` days (Kusto: the last 100 ns tick).",
    &[Example {
        query: "print endofday(datetime(2017-01-01 10:10:17), -1)",
        output: "2016-12-31T23:59:59.999999Z",
    }],
    endofday,
);
