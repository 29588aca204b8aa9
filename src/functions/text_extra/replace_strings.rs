//! `replace_strings()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "replace_strings")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "replace_strings",
    &[
        param("text", "string"),
        param("lookups", "dynamic"),
        param("rewrites", "dynamic"),
    ],
    false,
    ScalarType::String,
    "The text with each lookup replaced by its rewrite, in order; a part that was already rewritten is not matched again.",
    &[Example {
        query: r#"print replace_strings("This is an example", dynamic(["This", "is"]), dynamic(["This", "was"])), replace_strings("This is an example", dynamic(["is", "This"]), dynamic(["was", "This"]))"#,
        output: "This was an example | Thwas was an example",
    }],
    lower,
);
