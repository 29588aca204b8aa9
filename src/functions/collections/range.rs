//! `range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "range")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "range",
    &[
        param("start", "number, datetime or timespan"),
        param("stop", "number, datetime or timespan"),
        optional("step", "number or timespan"),
    ],
    false,
    ScalarType::Dynamic,
    "An array of the values from start to stop (inclusive) by step: numbers (step 1 by default; integers when all three are integers), or datetimes or timespans (step a timespan, 1 hour by default).",
    &[
        Example {
            query: "print range(1, 8, 3), range(1.0, 2, 0.5), range(5, 1, -2)",
            output: "[1,4,7] | [1.0,1.5,2.0] | [5,3,1]",
        },
        Example {
            query: "print range(datetime(2007-01-01), datetime(2007-01-03), 1d), range(1h, 3h)",
            output: r#"["2007-01-01T00:00:00Z","2007-01-02T00:00:00Z","2007-01-03T00:00:00Z"] | ["01:00:00","02:00:00","03:00:00"]"#,
        },
    ],
    lower,
);
