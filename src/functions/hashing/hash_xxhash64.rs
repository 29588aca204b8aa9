//! `hash_xxhash64()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::typed;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    typed(lw, call, "hash")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash_xxhash64",
    &[param("source", "scalar"), optional("mod", "long")],
    false,
    ScalarType::Long,
    "The same as `hash()`: xxHash64 of the value as a long (modulo m when given).",
    &[Example {
        query: r#"print hash_xxhash64("World"), hash_xxhash64("World", 100)"#,
        output: "1846988464401551951 | 51",
    }],
    lower,
);
