//! `iff()`.

use datafusion::logical_expr::{Expr, when};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn iff(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let condition = arg(lw, call, 0)?;
    let condition = lw.boolean(condition, crate::functions::arg_span(call, 0))?;
    let branches = [arg(lw, call, 1)?, arg(lw, call, 2)?];
    let (exprs, ty) = unify(call, &branches)?;
    let [then, otherwise] = <[Expr; 2]>::try_from(exprs).map_err(|_| {
        Diagnostic::error(Code::WrongArgumentCount, "iff() takes 3 arguments").with_span(call.span)
    })?;
    let expr = when(condition, then)
        .otherwise(otherwise)
        .map_err(|e| crate::plan::plan_error(e, call.span))?;
    Ok(Typed::new(expr, ty))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "iff",
    aliases: &["iif"],
    kind: FunctionKind::Scalar,
    params: &[
        param("predicate", "bool"),
        param("then", "any scalar"),
        param("else", "any scalar"),
    ],
    variadic: false,
    returns: Returns::Rule("the common type of `then` and `else`"),
    naming: Naming::Column,
    summary: "`then` when the predicate is true, else `else` (also when it is null).",
    examples: &[Example {
        query: "print iff(1 > 2, \"yes\", \"no\"), iif(true, 1, 2.5)",
        output: "no | 1",
    }],
    lower: iff,
};
