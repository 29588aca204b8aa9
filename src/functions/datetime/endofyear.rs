//! `endofyear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, optional, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn endofyear(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    period(lw, call, "year", true)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "endofyear",
    &[],
    &[param("date", "datetime"), optional("offset", "long")],
    Returns::Type(ScalarType::DateTime),
    "The last microsecond of the year holding the datetime, shifted by `offset` years (Kusto: the last 100 ns tick).",
    &[Example {
        query: "print endofyear(datetime(2017-01-01 10:10:17))",
        output: "2017-12-31T23:59:59.999999Z",
    }],
    endofyear,
);
