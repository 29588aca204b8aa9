//! `series_periods_validate()`: two columns, the periods given and their scores.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param, suffixed_columns,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{Expr, ScalarType};

use super::support::op;

fn columns(args: &[Expr]) -> Option<Vec<(String, ScalarType)>> {
    Some(suffixed_columns(
        "series_periods_validate",
        args,
        &[
            ("periods", ScalarType::Dynamic),
            ("scores", ScalarType::Dynamic),
        ],
    ))
}

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "periods_validate")
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "series_periods_validate",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("series", "dynamic"), param("period", "real")],
    variadic: true,
    returns: Returns::Rule("two dynamic columns: the periods and their scores"),
    naming: Naming::Columns(columns),
    summary: "Scores each period (in bins) between 0 and 1 by how strongly the series repeats \
              with it: the autocorrelation of the detrended series at that lag. A period below 4 \
              or above half the length scores 0. Two dynamic columns, \
              `series_periods_validate_<series>_periods` and `..._scores`. Kusto's scoring is \
              not published: kqlhunt's scores rank periods alike but are not Kusto's numbers.",
    examples: &[Example {
        query: "print y=dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]) | project (p, s) = series_periods_validate(y, 5.0, 2.0) | project p, s[1]",
        output: "[5.0,2.0] | 0.0",
    }],
    lower,
};
