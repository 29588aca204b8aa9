//! `dayofmonth()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn dayofmonth(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("day", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "dayofmonth",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The day of the month (1-31).",
    &[Example {
        query: "print dayofmonth(datetime(2015-12-14))",
        output: "14",
    }],
    dayofmonth,
);
