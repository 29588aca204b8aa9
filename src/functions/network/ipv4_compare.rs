//! `ipv4_compare()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, call_udf, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn ipv4_compare_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::ipv4_compare(),
        &[ArgAs::Text, ArgAs::Text, ArgAs::Long],
        ScalarType::Long,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "ipv4_compare",
    &[],
    &[
        param("ip1", "string"),
        param("ip2", "string"),
        optional("prefix", "long"),
    ],
    Returns::Type(ScalarType::Long),
    "-1, 0 or 1 as the first IPv4 address is below, equal to or above the second, compared on the shortest of their `/prefix`es and the prefix argument; null when one is invalid.",
    &[Example {
        query: "print ipv4_compare(\"192.168.1.1\", \"192.168.1.255\"), ipv4_compare(\"192.168.1.1/24\", \"192.168.1.255\"), ipv4_compare(\"192.168.1.1\", \"192.168.1.0\", 31)",
        output: "-1 | 0 | 0",
    }],
    ipv4_compare_fn,
);
