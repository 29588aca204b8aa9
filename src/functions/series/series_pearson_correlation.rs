//! `series_pearson_correlation()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "pearson_correlation")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "series_pearson_correlation",
    &[param("series1", "dynamic"), param("series2", "dynamic")],
    false,
    ScalarType::Real,
    "Pearson's correlation coefficient of two numeric arrays of the same length.",
    &[Example {
        query: "range s1 from 1 to 5 step 1 | extend s2 = 2 * s1 | summarize s1 = make_list(s1), s2 = make_list(s2) | project series_pearson_correlation(s1, s2)",
        output: "1",
    }],
    lower,
);
