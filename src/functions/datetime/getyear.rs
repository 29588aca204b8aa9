//! `getyear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn getyear(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("year", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "getyear",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The year.",
    &[Example {
        query: "print getyear(datetime(2015-10-12))",
        output: "2015",
    }],
    getyear,
);
