//! `min_of()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn min_of(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let values = (0..call.args.len())
        .map(|i| arg(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    let (exprs, ty) = unify(call, &values)?;
    Ok(Typed::new(datafusion::functions::expr_fn::least(exprs), ty))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "min_of",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("value", "any scalar"), param("value", "any scalar")],
    variadic: true,
    returns: Returns::Rule("the common type of the values"),
    naming: Naming::Column,
    summary: "The smallest of the arguments, ignoring nulls.",
    examples: &[
        Example {
            query: "print min_of(10, 1, -3, 17)",
            output: "-3",
        },
        Example {
            query: "print min_of(1, int(null))",
            output: "1",
        },
    ],
    lower: min_of,
};
