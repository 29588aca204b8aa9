//! `weekofyear()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn weekofyear(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    Ok(part_of("week_of_year", date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "weekofyear",
    &["week_of_year"],
    &[param("date", "datetime")],
    Returns::Type(ScalarType::Int),
    "The ISO 8601 week number (1-53).",
    &[
        Example {
            query: "print weekofyear(datetime(2020-12-31))",
            output: "53",
        },
        Example {
            query: "print week_of_year(datetime(2021-01-04)), week_of_year(datetime(2021-01-03))",
            output: "1 | 53",
        },
    ],
    weekofyear,
);
