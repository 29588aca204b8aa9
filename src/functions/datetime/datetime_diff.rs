//! `datetime_diff()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn datetime_diff(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let part = part_name(lw, call, 0)?;
    let a = arg_as(lw, call, 1, ArgAs::DateTime)?;
    let b = arg_as(lw, call, 2, ArgAs::DateTime)?;
    Ok(Typed::new(
        udf::datetime_diff().call(vec![lit(part), a, b]),
        ScalarType::Long,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "datetime_diff",
    &[],
    &[
        param("part", "string (constant)"),
        param("datetime1", "datetime"),
        param("datetime2", "datetime"),
    ],
    Returns::Type(ScalarType::Long),
    "The number of `part` boundaries between `datetime2` and `datetime1` (`datetime1 - datetime2`): calendar years, quarters and months, weeks from Sunday, whole days, hours, ... counted on the calendar, not as elapsed time.",
    &[
        Example {
            query: "print datetime_diff('year', datetime(2017-01-01), datetime(2000-12-31)), datetime_diff('month', datetime(2017-01-01), datetime(2000-12-31))",
            output: "17 | 193",
        },
        Example {
            query: "print datetime_diff('week', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59)), datetime_diff('day', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))",
            output: "5 | 29",
        },
        Example {
            query: "print datetime_diff('second', datetime(2017-10-30 23:00:10.100), datetime(2017-10-30 23:00:00.900))",
            output: "10",
        },
    ],
    datetime_diff,
);
