//! `ipv4_is_in_any_range()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, call_udf, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn ipv4_is_in_any_range(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::ipv4_is_in_any_range(),
        &[ArgAs::Text, ArgAs::Dynamic],
        ScalarType::Bool,
    )
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "ipv4_is_in_any_range",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("ip", "string"),
        param("range", "string or dynamic array"),
    ],
    variadic: true,
    returns: Returns::Type(ScalarType::Bool),
    naming: Naming::Column,
    summary: "Whether the IPv4 address is in any of the ranges (arguments or arrays of them).",
    examples: &[
        Example {
            query: "print ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16')",
            output: "true",
        },
        Example {
            query: "print ipv4_is_in_any_range(\"127.0.0.1\", dynamic([\"127.0.0.1\", \"192.168.1.1\"]))",
            output: "true",
        },
        Example {
            query: "print ipv4_is_in_any_range(\"8.8.8.8\", dynamic([\"10.0.0.0/8\"]))",
            output: "false",
        },
    ],
    lower: ipv4_is_in_any_range,
};
