//! `trim()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn trim(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let pattern = regex_arg(lw, call, 0)?;
    let source = text(lw, call, 1)?;
    Ok(string(udf::trim().call(vec![lit(pattern), source])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "trim",
    &[],
    &[
        param("regex", "string (constant)"),
        param("source", "string"),
    ],
    Returns::Type(ScalarType::String),
    "The text without leading and trailing matches of the regular expression.",
    &[
        Example {
            query: "print trim(\"--\", \"--https://bing.com--\")",
            output: "https://bing.com",
        },
        Example {
            query: "print trim(\"1\", \"11211\")",
            output: "2",
        },
    ],
    trim,
);
