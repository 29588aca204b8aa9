//! `coalesce()`.

use datafusion::functions::expr_fn::{coalesce, nullif};
use datafusion::logical_expr::{Expr, lit};

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn coalesce_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let values = (0..call.args.len())
        .map(|i| arg(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    let (exprs, ty) = unify(call, &values)?;
    let expr = if ty == ScalarType::String {
        // The first non-empty string.
        let mut parts: Vec<Expr> = exprs.into_iter().map(|e| nullif(e, lit(""))).collect();
        parts.push(lit(""));
        coalesce(parts)
    } else {
        coalesce(exprs)
    };
    Ok(Typed::new(expr, ty))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "coalesce",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("value", "any scalar")],
    variadic: true,
    returns: Returns::Rule("the common type of the values"),
    naming: Naming::Column,
    summary: "The first value that is not null (for strings: not empty).",
    examples: &[
        Example {
            query: "print coalesce(long(null), 7, 8)",
            output: "7",
        },
        Example {
            query: "print coalesce(\"\", \"b\")",
            output: "b",
        },
    ],
    lower: coalesce_fn,
};
