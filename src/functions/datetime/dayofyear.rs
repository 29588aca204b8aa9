//! `dayofyear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn dayofyear(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("dayofyear", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "dayofyear",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The day of the year (1-366).",
    &[Example {
        query: "print dayofyear(datetime(2015-12-14))",
        output: "348",
    }],
    dayofyear,
);
