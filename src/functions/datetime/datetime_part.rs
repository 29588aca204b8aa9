//! `datetime_part()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn datetime_part(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let part = part_name(lw, call, 0)?;
    let date = arg_as(lw, call, 1, ArgAs::DateTime)?;
    Ok(part_of(&part, date))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "datetime_part",
    &[],
    &[
        param("part", "string (constant)"),
        param("datetime", "datetime"),
    ],
    Returns::Type(ScalarType::Int),
    "A part of the datetime: `year`, `quarter`, `month`, `week_of_year` (ISO week), `day`, `dayofyear`, `hour`, `minute`, `second`, `millisecond`, `microsecond`, `nanosecond`.",
    &[Example {
        query: "print datetime_part(\"month\", datetime(2017-10-30 01:02:03.7654321)), datetime_part(\"week_of_year\", datetime(2017-10-30)), datetime_part(\"millisecond\", datetime(2017-10-30 01:02:03.7654321))",
        output: "10 | 44 | 765",
    }],
    datetime_part,
);
