//! `has_ipv4_prefix()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn has_ipv4_prefix(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![arg_as(lw, call, 0, ArgAs::Text)?, lit("prefix")];
    for i in 1..call.args.len() {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(udf::has_ipv4().call(args), ScalarType::Bool))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "has_ipv4_prefix",
    &[],
    &[param("source", "string"), param("ip", "string")],
    Returns::Type(ScalarType::Bool),
    "Whether the text holds a valid, delimited IPv4 address starting with the prefix (which ends with `.` or is a whole address).",
    &[Example {
        query: "print has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.'), has_ipv4_prefix('05:04:54 127.0.0.1 GET', '127.0'), has_ipv4_prefix('05:04:54 127.0.0.256 GET', '127.0.')",
        output: "true | false | false",
    }],
    has_ipv4_prefix,
);
