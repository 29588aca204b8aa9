//! `countif()`.

use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn countif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let p = predicate(lw, call, 0)?;
    Ok(long(filtered(count(lit(1i64)), Some(p), call)?))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "countif",
    &[param("predicate", "bool")],
    Returns::Type(ScalarType::Long),
    "countif",
    "The number of rows for which the predicate is true.",
    &[Example {
        query: "range x from 1 to 10 step 1 | summarize countif(x % 2 == 0)",
        output: "5",
    }],
    countif,
);
