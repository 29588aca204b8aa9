//! `indexof_regex()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, optional, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "indexof_regex")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "indexof_regex",
    &[
        param("source", "string"),
        param("regex", "string"),
        optional("start", "long"),
        optional("length", "long"),
        optional("occurrence", "long"),
    ],
    false,
    ScalarType::Long,
    "The position of the n-th match of the regular expression (non-overlapping) in the text from `start` for `length` characters; -1 when not found; null for a negative start.",
    &[Example {
        query: r#"print indexof_regex("abcabc", @"a.c"), indexof_regex("abcabcdefg", @"a.c", 0, 9, 2), indexof_regex("ababaa", @"a.a", 0, -1, 2), isnull(indexof_regex("abcabc", @"a|ab", -1))"#,
        output: "0 | 3 | -1 | true",
    }],
    lower,
);
