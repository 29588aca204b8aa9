//! `ipv4_range_to_cidr_list()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "ipv4_range_to_cidr_list")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "ipv4_range_to_cidr_list",
    &[param("start_ip", "string"), param("end_ip", "string")],
    false,
    ScalarType::Dynamic,
    "The smallest list of CIDR blocks that covers the range of IPv4 addresses from start to end.",
    &[Example {
        query: "print ipv4_range_to_cidr_list('1.1.128.0', '1.1.140.255')",
        output: r#"["1.1.128.0/21","1.1.136.0/22","1.1.140.0/24"]"#,
    }],
    lower,
);
