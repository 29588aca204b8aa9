//! `base64_encode_fromguid()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "base64_encode_fromguid")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "base64_encode_fromguid",
    &[param("guid", "guid")],
    false,
    ScalarType::String,
    "The 16 bytes of a GUID (in .NET order) as base64.",
    &[Example {
        query: "print base64_encode_fromguid(guid(ae3133f2-6e22-49ae-b06a-16e6a9b212eb))",
        output: "8jMxriJurkmwahbmqbIS6w==",
    }],
    lower,
);
