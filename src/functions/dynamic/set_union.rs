//! `set_union()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_as, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn set_union(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![lit("union")];
    for i in 0..call.args.len() {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(udf::set_op().call(args), ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "set_union",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("array", "dynamic"), param("array", "dynamic")],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The distinct elements of all the arrays. Null when an argument is not an array.",
    examples: &[Example {
        query: "print set_union(dynamic(['A4', 'A2', 'A7', 'A2']), dynamic(['A4', 'C1']))",
        output: "[\"A4\",\"A2\",\"A7\",\"C1\"]",
    }],
    lower: set_union,
};
