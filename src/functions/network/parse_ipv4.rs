//! `parse_ipv4()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn parse_ipv4_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::parse_ipv4(),
        &[ArgAs::Text],
        ScalarType::Long,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "parse_ipv4",
    &[],
    &[param("ip", "string")],
    Returns::Type(ScalarType::Long),
    "The IPv4 address as a long (masked by its `/prefix` when it has one); null when it is not an address.",
    &[
        Example {
            query: "print parse_ipv4(\"192.168.1.1\"), parse_ipv4(\"192.168.1.1/24\"), parse_ipv4(\"255.255.255.255/31\")",
            output: "3232235777 | 3232235776 | 4294967294",
        },
        Example {
            query: "print isnull(parse_ipv4(\"192.168.1.256\"))",
            output: "true",
        },
    ],
    parse_ipv4_fn,
);
