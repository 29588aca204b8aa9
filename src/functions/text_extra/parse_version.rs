//! `parse_version()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "parse_version")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "parse_version",
    &[param("version", "string")],
    false,
    ScalarType::Real,
    "A version of one to four numeric parts (of up to 8 digits each) as one comparable number (a real; kqlhunt has no 28-digit decimal); null when invalid.",
    &[Example {
        query: r#"print parse_version("0.0.7.0"), parse_version("1.2.3.4") > parse_version("1.0"), isnull(parse_version("1.x"))"#,
        output: "700000000 | true | true",
    }],
    lower,
);
