//! `ipv4_is_match()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, call_udf, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn ipv4_is_match(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let compared = call_udf(
        lw,
        call,
        udf::ipv4_compare(),
        &[ArgAs::Text, ArgAs::Text, ArgAs::Long],
        ScalarType::Long,
    )?;
    Ok(Typed::new(compared.expr.eq(lit(0i64)), ScalarType::Bool))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "ipv4_is_match",
    &[],
    &[
        param("ip1", "string"),
        param("ip2", "string"),
        optional("prefix", "long"),
    ],
    Returns::Type(ScalarType::Bool),
    "Whether the two IPv4 addresses are equal on the shortest of their `/prefix`es and the prefix argument.",
    &[Example {
        query: "print ipv4_is_match(\"192.168.1.1/24\", \"192.168.1.255\"), ipv4_is_match(\"192.168.1.1\", \"192.168.1.255\")",
        output: "true | false",
    }],
    ipv4_is_match,
);
