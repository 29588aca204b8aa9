//! `reverse()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn reverse(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(datafusion::functions::expr_fn::reverse(kusto_text(
        lw, call, 0,
    )?)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "reverse",
    &[],
    &[param("value", "any scalar")],
    Returns::Type(ScalarType::String),
    "The value's text, characters in reverse order.",
    &[
        Example {
            query: "print reverse(\"kube-system\")",
            output: "metsys-ebuk",
        },
        Example {
            query: "print reverse(123.45)",
            output: "54.321",
        },
        Example {
            query: "print reverse(datetime(2017-10-15 12:00))",
            output: "Z0000000.00:00:21T51-01-7102",
        },
    ],
    reverse,
);
