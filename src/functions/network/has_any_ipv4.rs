//! `has_any_ipv4()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_as, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn has_any_ipv4(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![arg_as(lw, call, 0, ArgAs::Text)?, lit("exact")];
    for i in 1..call.args.len() {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(udf::has_ipv4().call(args), ScalarType::Bool))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "has_any_ipv4",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("source", "string"),
        param("ip", "string or dynamic array"),
    ],
    variadic: true,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "Whether the text holds any of the IPv4 addresses (arguments or arrays of them).",
    examples: &[Example {
        query: "print has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '127.0.0.2'), has_any_ipv4('05:04:54 127.0.0.256 GET', dynamic(['127.0.0.256', '192.168.1.1']))",
        output: "true | false",
    }],
    lower: has_any_ipv4,
};
