//! `countof()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionSpec, Returns, arg_span, const_string, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn countof(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let source = text(lw, call, 0)?;
    let kind = if call.args.len() > 2 {
        const_string(lw, call, 2)?
    } else {
        "normal".to_string()
    };
    let search = match kind.as_str() {
        "normal" => text(lw, call, 1)?,
        "regex" => lit(regex_arg(lw, call, 1)?),
        _ => {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the kind of `countof()` is \"normal\" or \"regex\"",
            )
            .with_span(arg_span(call, 2)));
        }
    };
    Ok(Typed::new(
        udf::countof().call(vec![source, search, lit(kind)]),
        ScalarType::Long,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "countof",
    &[],
    &[
        param("source", "string"),
        param("search", "string"),
        optional("kind", "string (constant: normal or regex)"),
    ],
    Returns::Type(ScalarType::Long),
    "The number of occurrences of `search` in the text: overlapping substring matches (`normal`, the default) or matches of a regular expression (`regex`).",
    &[Example {
        query: "print countof(\"aaa\", \"a\"), countof(\"aaaa\", \"aa\"), countof(\"ababa\", \"aba\", \"regex\")",
        output: "3 | 3 | 1",
    }],
    countof,
);
