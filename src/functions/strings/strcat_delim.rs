//! `strcat_delim()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn strcat_delim(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let parts = (0..call.args.len())
        .map(|i| text(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    let mut parts = parts.into_iter();
    let delimiter = parts.next().unwrap_or_else(|| lit(""));
    Ok(string(datafusion::functions::expr_fn::concat_ws(
        delimiter,
        parts.collect(),
    )))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "strcat_delim",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("delimiter", "string"),
        param("value", "any scalar"),
        param("value", "any scalar"),
    ],
    variadic: true,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The values as text, joined by the delimiter.",
    examples: &[Example {
        query: "print st = strcat_delim('-', 1, '2', 'A', 1s)",
        output: "1-2-A-00:00:01",
    }],
    lower: strcat_delim,
};
