//! `strcmp()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "strcmp")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "strcmp",
    &[param("string1", "string"), param("string2", "string")],
    false,
    ScalarType::Long,
    "Compares two strings ordinally: -1 when the first sorts before the second, 0 when equal, 1 after.",
    &[Example {
        query: "print strcmp('ABC', 'ABC'), strcmp('abc', 'ABC'), strcmp('ABC', 'abc'), strcmp('abcde', 'abc')",
        output: "0 | 1 | -1 | 1",
    }],
    lower,
);
