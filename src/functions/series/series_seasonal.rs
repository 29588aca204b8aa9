//! `series_seasonal()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "seasonal")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_seasonal",
    &[param("series", "dynamic"), optional("period", "long")],
    false,
    ScalarType::Dynamic,
    "The seasonal component of the series: each element becomes the median of the elements at \
     the same position of every period. With `period` -1 (the default) the period is detected \
     (the best `series_periods_detect()` finds between 4 and half the length, if it scores at \
     least 0.7); zeros when none is found or `period` is otherwise below 1.",
    &[
        Example {
            query: "print series_seasonal(dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]))",
            output: "[10.0,12.0,14.0,12.0,10.0,10.0,12.0,14.0,12.0,10.0,10.0,12.0,14.0,12.0,10.0,10.0,12.0,14.0,12.0,10.0]",
        },
        Example {
            query: "print series_seasonal(dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]), 3)",
            output: "[1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5]",
        },
        Example {
            query: "print series_seasonal(dynamic([1, 3, 5, 2, 4, 6]))",
            output: "[0.0,0.0,0.0,0.0,0.0,0.0]",
        },
    ],
    lower,
);
