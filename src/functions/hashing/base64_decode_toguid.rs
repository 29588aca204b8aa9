//! `base64_decode_toguid()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "base64_decode_toguid")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "base64_decode_toguid",
    &[param("base64", "string")],
    false,
    ScalarType::Guid,
    "The GUID whose 16 bytes (in .NET order) the base64 text holds; null otherwise.",
    &[Example {
        query: r#"print base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA==")"#,
        output: "10e99626-bc2b-754c-bb3e-fe606de25700",
    }],
    lower,
);
