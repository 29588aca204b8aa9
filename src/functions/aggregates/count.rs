//! `count()`.

use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::lit;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionSpec, Returns, arg_span, optional};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{ExprKind, ScalarType};

use super::support::*;

fn count_fn(_: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    match call.args.first().map(|a| &a.kind) {
        None | Some(ExprKind::Wildcard) => Ok(long(count(lit(1i64)))),
        Some(_) => Err(Diagnostic::error(
            Code::InvalidArgument,
            "`count()` counts rows: write `count()`, or `countif(predicate)` to count some",
        )
        .with_span(arg_span(call, 0))),
    }
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "count",
    &[optional("*", "*")],
    Returns::Type(ScalarType::Long),
    "count",
    "The number of rows.",
    &[Example {
        query: "range x from 1 to 10 step 1 | summarize count()",
        output: "10",
    }],
    count_fn,
);
