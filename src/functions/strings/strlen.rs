//! `strlen()`.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions::expr_fn::character_length;
use datafusion::logical_expr::cast;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn strlen(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let s = text(lw, call, 0)?;
    Ok(Typed::new(
        cast(character_length(s), DataType::Int64),
        ScalarType::Long,
    ))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "strlen",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: TEXT,
    variadic: false,
    returns: Returns::Type(ScalarType::Long),
    naming: Naming::Column,
    summary: "The number of characters of the text.",
    examples: &[Example {
        query: "print strlen(\"héllo\")",
        output: "5",
    }],
    lower: strlen,
};
