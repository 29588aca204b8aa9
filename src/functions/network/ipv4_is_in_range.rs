//! `ipv4_is_in_range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn ipv4_is_in_range_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::ipv4_is_in_range(),
        &[ArgAs::Text, ArgAs::Text],
        ScalarType::Bool,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "ipv4_is_in_range",
    &[],
    &[param("ip", "string"), param("range", "string")],
    Returns::Type(ScalarType::Bool),
    "Whether the IPv4 address is in the range (`a.b.c.d/n`, or one address); null when either is invalid.",
    &[Example {
        query: "print ipv4_is_in_range(\"192.168.1.1\", \"192.168.1.1\"), ipv4_is_in_range(\"192.168.1.1\", \"192.168.1.255/24\"), ipv4_is_in_range(\"10.0.0.1\", \"192.168.0.0/16\")",
        output: "true | true | false",
    }],
    ipv4_is_in_range_fn,
);
