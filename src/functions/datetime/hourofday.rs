//! `hourofday()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn hourofday(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("hour", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "hourofday",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The hour of the day (0-23).",
    &[Example {
        query: "print hourofday(datetime(2015-12-14 18:54:00))",
        output: "18",
    }],
    hourofday,
);
