//! `max_of()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn max_of(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let values = (0..call.args.len())
        .map(|i| arg(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    let (exprs, ty) = unify(call, &values)?;
    Ok(Typed::new(
        datafusion::functions::expr_fn::greatest(exprs),
        ty,
    ))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "max_of",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("value", "any scalar"), param("value", "any scalar")],
    variadic: true,
    returns: Returns::Rule("the common type of the values"),
    naming: Naming::Column,
    summary: "The largest of the arguments, ignoring nulls.",
    examples: &[
        Example {
            query: "print max_of(10, 1, -3, 17)",
            output: "17",
        },
        Example {
            query: "print max_of(int(null), 2)",
            output: "2",
        },
        Example {
            query: "print max_of(datetime(2024-12-15 07:15:22), datetime(2024-12-15 07:15:24))",
            output: "2024-12-15T07:15:24Z",
        },
    ],
    lower: max_of,
};
