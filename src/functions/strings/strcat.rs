//! `strcat()`.

use datafusion::functions::expr_fn::concat;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn strcat(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let parts = (0..call.args.len())
        .map(|i| text(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(string(concat(parts)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "strcat",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("value", "any scalar")],
    variadic: true,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The arguments as text (`tostring()` of each), concatenated.",
    examples: &[Example {
        query: "print strcat(\"pod-\", 7, \"/\", dynamic(\"x\"))",
        output: "pod-7/x",
    }],
    lower: strcat,
};
