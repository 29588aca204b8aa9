//! `set_intersect()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_as, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn set_intersect(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![lit("intersect")];
    for i in 0..call.args.len() {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(udf::set_op().call(args), ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "set_intersect",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("array", "dynamic"), param("array", "dynamic")],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The distinct elements found in every array. Null when an argument is not an array.",
    examples: &[
        Example {
            query: "print set_intersect(dynamic([1, 2, 1, 4]), dynamic([1, 2]), dynamic([8, 1]))",
            output: "[1]",
        },
        Example {
            query: "print set_intersect(dynamic([1, 2, 3]), dynamic([4, 5]))",
            output: "[]",
        },
    ],
    lower: set_intersect,
};
