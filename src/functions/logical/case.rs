//! `case()`.

use datafusion::logical_expr::conditional_expressions::CaseBuilder;
use datafusion::logical_expr::{Expr, when};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed, types};

use super::support::*;

fn case(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() < 3 || call.args.len().is_multiple_of(2) {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`case()` takes pairs of (predicate, value) and a final else value",
        )
        .with_span(call.span));
    }
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    for i in (0..call.args.len() - 1).step_by(2) {
        let c = arg(lw, call, i)?;
        conditions.push(lw.boolean(c, crate::functions::arg_span(call, i))?);
        values.push(arg(lw, call, i + 1)?);
    }
    values.push(arg(lw, call, call.args.len() - 1)?);
    let (mut exprs, ty) = unify(call, &values)?;
    let otherwise = exprs
        .pop()
        .unwrap_or_else(|| Expr::Literal(types::null_of(ty), None));
    let mut builder: Option<CaseBuilder> = None;
    for (c, v) in conditions.into_iter().zip(exprs) {
        builder = Some(match builder {
            None => when(c, v),
            Some(mut b) => b.when(c, v),
        });
    }
    let expr = match builder {
        Some(mut b) => b
            .otherwise(otherwise)
            .map_err(|e| crate::plan::plan_error(e, call.span))?,
        None => otherwise,
    };
    Ok(Typed::new(expr, ty))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "case",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("predicate", "bool"),
        param("then", "any scalar"),
        param("else", "any scalar"),
    ],
    variadic: true,
    returns: Returns::Rule("the common type of the values"),
    naming: Naming::Column,
    summary: "The value of the first true predicate, else the last argument.",
    examples: &[Example {
        query: "print case(2 < 1, \"a\", 2 < 3, \"b\", \"c\")",
        output: "b",
    }],
    lower: case,
};
