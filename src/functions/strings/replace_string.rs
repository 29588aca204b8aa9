//! `replace_string()`.

use datafusion::functions::expr_fn::replace;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn replace_string(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let (s, from, to) = (text(lw, call, 0)?, text(lw, call, 1)?, text(lw, call, 2)?);
    Ok(string(replace(s, from, to)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "replace_string",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("text", "string"),
        param("lookup", "string"),
        param("rewrite", "string"),
    ],
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The text with every occurrence of `lookup` replaced by `rewrite`.",
    examples: &[Example {
        query: "print replace_string(\"a.b.c\", \".\", \"/\")",
        output: "a/b/c",
    }],
    lower: replace_string,
};
