//! `series_periods_detect()`: two columns, the periods found and their scores.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param, suffixed_columns,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{Expr, ScalarType};

use super::support::op;

fn columns(args: &[Expr]) -> Option<Vec<(String, ScalarType)>> {
    Some(suffixed_columns(
        "series_periods_detect",
        args,
        &[
            ("periods", ScalarType::Dynamic),
            ("periods_scores", ScalarType::Dynamic),
        ],
    ))
}

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "periods_detect")
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "series_periods_detect",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("series", "dynamic"),
        param("min_period", "real"),
        param("max_period", "real"),
        param("num_periods", "long"),
    ],
    variadic: false,
    returns: Returns::Rule("two dynamic columns: the periods and their scores"),
    naming: Naming::Columns(columns),
    summary: "The most significant periods of a regular series between `min_period` and \
              `max_period` bins (at least 4, at most half the length), best first, and their \
              scores between 0 and 1, as two arrays of `num_periods` elements (zeros where no \
              more were found), named `series_periods_detect_<series>_periods` and \
              `..._periods_scores`. Candidates come from the periodogram's peaks and are kept \
              where the autocorrelation has a hill; the score is that autocorrelation. Kusto's \
              algorithm is not published: periods agree on clear signals, scores differ.",
    examples: &[Example {
        query: "print y=dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1]) | project (periods) = series_periods_detect(y, 4.0, 12.0, 2)",
        output: "[6.0,0.0]",
    }],
    lower,
};
