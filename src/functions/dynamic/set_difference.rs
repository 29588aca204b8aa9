//! `set_difference()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_as, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn set_difference(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![lit("difference")];
    for i in 0..call.args.len() {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(udf::set_op().call(args), ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "set_difference",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("array", "dynamic"), param("array", "dynamic")],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The distinct elements of the first array found in none of the others. Null when an argument is not an array.",
    examples: &[
        Example {
            query: "print set_difference(dynamic([1, 2, 1, 4]), dynamic([1, 2]), dynamic([1, 2, 8]))",
            output: "[4]",
        },
        Example {
            query: "print set_difference(dynamic([1, 2, 3]), dynamic([1, 2, 3]))",
            output: "[]",
        },
    ],
    lower: set_difference,
};
