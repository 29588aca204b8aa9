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
        query: r#"print base64_decode_toguid("8jMxriJurkmwahbmqbIS6w==")"#,
        output: "ae3133f2-6e22-49ae-b06a-16e6a9b212eb",
    }],
    lower,
);
