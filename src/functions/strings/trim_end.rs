//! `trim_end()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn trim_end(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let pattern = regex_arg(lw, call, 0)?;
    let source = text(lw, call, 1)?;
    Ok(string(udf::trim_end().call(vec![lit(pattern), source])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "trim_end",
    &[],
    &[
        param("regex", "string (constant)"),
        param("source", "string"),
    ],
    Returns::Type(ScalarType::String),
    "The text without trailing matches of the regular expression.",
    &[
        Example {
            query: "print trim_end(\".com\", \"bing.com\")",
            output: "bing",
        },
        Example {
            query: "print trim_end(@\"[^\\w]+\", \"-  Te st1// $\")",
            output: "-  Te st1",
        },
    ],
    trim_end,
);
