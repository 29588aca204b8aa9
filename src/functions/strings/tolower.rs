//! `tolower()`.

use datafusion::functions::expr_fn::lower;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn tolower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(lower(text(lw, call, 0)?)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "tolower",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: TEXT,
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The text in lower case.",
    examples: &[Example {
        query: "print tolower(\"Kube-System\")",
        output: "kube-system",
    }],
    lower: tolower,
};
