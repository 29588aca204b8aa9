//! `hash_crc32()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::typed;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    typed(lw, call, "hash_crc32")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash_crc32",
    &[param("source", "scalar")],
    false,
    ScalarType::Long,
    "The CRC-32 of the value's text, as a (signed 32-bit) long.",
    &[Example {
        query: r#"print hash_crc32("123456789")"#,
        output: "-873187034",
    }],
    lower,
);
