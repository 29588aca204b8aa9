//! `hash_combine()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, arg_as, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::combine;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let hashes = (0..call.args.len())
        .map(|i| arg_as(lw, call, i, ArgAs::Long))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(combine(hashes))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash_combine",
    &[param("h1", "long"), param("h2", "long")],
    true,
    ScalarType::Long,
    "One hash of several hash values: the xxHash64 of their 8-byte little-endian forms, in \
     order; null when one is null. Kusto does not publish its combining function, so the \
     numbers differ from Kusto's (which, Kusto warns, may change); use it within one engine.",
    &[Example {
        query: "print hash_combine(hash(\"Hello\"), hash(\"World\")) == hash_many(\"Hello\", \"World\"), hash_combine(1, 2) != hash_combine(2, 1)",
        output: "true | true",
    }],
    lower,
);
