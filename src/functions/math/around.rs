//! `around()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::around;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    around(lw, call)
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "around",
    &[
        param("value", "number, datetime or timespan"),
        param("center", "same as value"),
        param("delta", "number or timespan"),
    ],
    false,
    ScalarType::Bool,
    "Whether the value is within `delta` of `center` (inclusive); null when one is null.",
    &[
        Example {
            query: "range dt from datetime(2021-01-01 01:00) to datetime(2021-01-01 02:00) step 1min | where around(dt, datetime(2021-01-01 01:30), 1min) | count",
            output: "3",
        },
        Example {
            query: "print around(1.5, 1, 0.5), around(-1, 0, 0.5)",
            output: "true | false",
        },
    ],
    lower,
);
