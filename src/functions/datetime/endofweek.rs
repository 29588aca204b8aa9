//! `endofweek()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn endofweek(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "week", true)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "endofweek",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The last microsecond of the week holding the datetime, shifted by `offset` weeks (Kusto: the last 100 ns tick).",
    &[Example {
        query: "print endofweek(datetime(2017-01-01 10:10:17), 1)",
        output: "2017-01-14T23:59:59.999999Z",
    }],
    endofweek,
);
