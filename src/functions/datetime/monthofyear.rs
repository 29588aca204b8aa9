//! `monthofyear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn monthofyear(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("month", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "monthofyear",
    &[],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The month (1-12), as `getmonth()`.",
    &[Example {
        query: "print monthofyear(datetime(2015-12-14))",
        output: "12",
    }],
    monthofyear,
);
