//! `toupper()`.

use datafusion::functions::expr_fn::upper;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn toupper(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(upper(text(lw, call, 0)?)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "toupper",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: TEXT,
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The text in upper case.",
    examples: &[Example {
        query: "print toupper(\"get\")",
        output: "GET",
    }],
    lower: toupper,
};
