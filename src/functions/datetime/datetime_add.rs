//! `datetime_add()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn datetime_add(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let part = part_name(lw, call, 0)?;
    let amount = arg_as(lw, call, 1, ArgAs::Long)?;
    let date = arg_as(lw, call, 2, ArgAs::DateTime)?;
    Ok(Typed::new(
        udf::datetime_add().call(vec![lit(part), amount, date]),
        ScalarType::DateTime,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "datetime_add",
    &[],
    &[
        param("part", "string (constant)"),
        param("amount", "long"),
        param("datetime", "datetime"),
    ],
    Returns::Type(ScalarType::DateTime),
    "The datetime plus `amount` parts (`year`, `quarter`, `month`, `week`, `day`, `hour`, `minute`, `second`, `millisecond`, `microsecond`, `nanosecond`); months and years keep the day, clamped to the length of the month.",
    &[
        Example {
            query: "print datetime_add('year', -5, make_datetime(2017, 1, 1)), datetime_add('month', -15, make_datetime(2017, 1, 1)), datetime_add('week', 100, make_datetime(2017, 1, 1))",
            output: "2012-01-01T00:00:00Z | 2015-10-01T00:00:00Z | 2018-12-02T00:00:00Z",
        },
        Example {
            query: "print datetime_add('month', 1, datetime(2017-01-31))",
            output: "2017-02-28T00:00:00Z",
        },
    ],
    datetime_add,
);
