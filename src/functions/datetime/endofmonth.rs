//! `endofmonth()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn endofmonth(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "month", true)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "endofmonth",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The last microsecond of the month holding the datetime, shifted by `offset` months (Kusto: the last 100 ns tick).",
    &[Example {
        query: "print endofmonth(datetime(2017-01-01 10:10:17), 1)",
        output: "2017-02-28T23:59:59.999999Z",
    }],
    endofmonth,
);
