//! `replace_regex()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, const_string, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn replace_regex(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let source = text(lw, call, 0)?;
    let pattern = regex_arg(lw, call, 1)?;
    let rewrite = const_string(lw, call, 2)?;
    Ok(string(udf::replace_regex().call(vec![
        source,
        lit(pattern),
        lit(rewrite),
    ])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "replace_regex",
    &[],
    &[
        param("source", "string"),
        param("lookup_regex", "string (constant)"),
        param("rewrite", "string (constant)"),
    ],
    Returns::Type(ScalarType::String),
    "The text with every match of the regular expression replaced by `rewrite`, where `\\\\1`, `\\\\2`, ... stand for the capture groups.",
    &[Example {
        query: "print replace_regex(\"Number is 1\", @\"is (\\d+)\", @\"was: \\1\")",
        output: "Number was: 1",
    }],
    replace_regex,
);
