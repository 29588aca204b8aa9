//! `getmonth()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn getmonth(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("month", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "getmonth",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The month (1-12).",
    &[Example {
        query: "print getmonth(datetime(2015-10-12))",
        output: "10",
    }],
    getmonth,
);
