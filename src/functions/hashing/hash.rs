//! `hash()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::typed;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    typed(lw, call, "hash")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash",
    &[param("source", "scalar"), optional("mod", "long")],
    false,
    ScalarType::Long,
    "The xxHash64 of the value as a long (`hash(x, m)`: the unsigned hash modulo m): a string's UTF-8 bytes; a long's, a datetime's or a timespan's ticks and a real's bits as 8 little-endian bytes.",
    &[Example {
        query: r#"print hash("World"), hash("World", 100), hash(datetime(2015-01-01))"#,
        output: "1846988464401551951 | 51 | 1380966698541616202",
    }],
    lower,
);
