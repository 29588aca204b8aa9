//! `format_bytes()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "format_bytes")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "format_bytes",
    &[
        param("size", "number"),
        optional("precision", "long"),
        optional("units", "string"),
        optional("base", "long"),
    ],
    false,
    ScalarType::String,
    "A size in bytes as text with a unit (`Bytes`, `KB`, `MB`, ... of 1024 by default), rounded to the precision (0 digits by default).",
    &[Example {
        query: r#"print format_bytes(564), format_bytes(10332, 1), format_bytes(20010332, 2), format_bytes(20010332, 0, "KB")"#,
        output: "564 Bytes | 10.1 KB | 19.08 MB | 19541 KB",
    }],
    lower,
);
