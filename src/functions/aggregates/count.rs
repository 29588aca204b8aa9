//! `count()`.

use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::lit;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionSpec, Returns, arg_span, optional};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{ExprKind, ScalarType};

use super::support::*;

fn count_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    match call.args {
        [] => Ok(long(count(lit(1i64)))),
        [a] if matches!(a.kind, ExprKind::Wildcard) => Ok(long(count(lit(1i64)))),
        // Kusto's `count(expr)` counts rows too, nulls included (the column is `count_expr`);
        // the argument must still be valid.
        [_] => {
            crate::functions::arg(lw, call, 0)?;
            Ok(long(count(lit(1i64))))
        }
        _ => Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`count()` takes at most one argument; `countif(predicate)` counts some rows",
        )
        .with_span(arg_span(call, 1))),
    }
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "count",
    &[optional("*", "*")],
    Returns::Type(ScalarType::Long),
    "count",
    "The number of rows. `count(x)` counts the rows as well, nulls of `x` included (use \
     `countif(isnotnull(x))` to count values), and is named `count_x`.",
    &[
        Example {
            query: "range x from 1 to 10 step 1 | summarize count()",
            output: "10",
        },
        Example {
            query: "datatable(y:real)[real(null), 5.0] | summarize count(y)",
            output: "2",
        },
    ],
    count_fn,
);
