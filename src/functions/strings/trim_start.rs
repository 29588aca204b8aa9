//! `trim_start()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn trim_start(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let pattern = regex_arg(lw, call, 0)?;
    let source = text(lw, call, 1)?;
    Ok(string(udf::trim_start().call(vec![lit(pattern), source])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "trim_start",
    &[],
    &[
        param("regex", "string (constant)"),
        param("source", "string"),
    ],
    Returns::Type(ScalarType::String),
    "The text without leading matches of the regular expression.",
    &[Example {
        query: "print trim_start(\"https://\", \"https://bing.com\")",
        output: "bing.com",
    }],
    trim_start,
);
