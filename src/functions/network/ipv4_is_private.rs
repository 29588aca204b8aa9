//! `ipv4_is_private()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn ipv4_is_private_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::ipv4_is_private(),
        &[ArgAs::Text],
        ScalarType::Bool,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "ipv4_is_private",
    &[],
    &[param("ip", "string")],
    Returns::Type(ScalarType::Bool),
    "Whether the IPv4 address (or `/prefix` range) is in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); null when it is not an address.",
    &[Example {
        query: "print ipv4_is_private(\"10.1.2.3\"), ipv4_is_private(\"192.168.1.1/24\"), ipv4_is_private(\"127.0.0.1\")",
        output: "true | true | false",
    }],
    ipv4_is_private_fn,
);
