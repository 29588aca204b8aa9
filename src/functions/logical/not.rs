//! `not()`.

use datafusion::logical_expr::not;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn not_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let value = lw.boolean(value, crate::functions::arg_span(call, 0))?;
    Ok(bool_typed(not(value)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "not",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("predicate", "bool")],
    variadic: false,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "The negation of the predicate.",
    examples: &[Example {
        query: "print not(1 == 2)",
        output: "true",
    }],
    lower: not_fn,
};
