//! `has_ipv4()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn has_ipv4(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![arg_as(lw, call, 0, ArgAs::Text)?, lit("exact")];
    for i in 1..call.args.len() {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(udf::has_ipv4().call(args), ScalarType::Bool))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "has_ipv4",
    &[],
    &[param("source", "string"), param("ip", "string")],
    Returns::Type(ScalarType::Bool),
    "Whether the text holds the IPv4 address, delimited by anything but digits and dots (and valid).",
    &[Example {
        query: "print has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1'), has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1'), has_ipv4('05:04:54 127.0.0.256 GET', '127.0.0.256')",
        output: "true | false | false",
    }],
    has_ipv4,
);
