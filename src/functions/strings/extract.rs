//! `extract()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_span, const_long, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn extract(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 3 {
        return Err(crate::plan::not_supported(
            "the type argument of `extract()`",
            arg_span(call, 3),
        ));
    }
    let pattern = regex_arg(lw, call, 0)?;
    let group = const_long(lw, call, 1)?;
    let groups = crate::plan::regex_groups(&pattern).unwrap_or(0);
    if group < 0 || usize::try_from(group).unwrap_or(usize::MAX) > groups {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            format!("the expression has {groups} capture group(s); group {group} does not exist"),
        )
        .with_span(arg_span(call, 1)));
    }
    let source = text(lw, call, 2)?;
    Ok(string(udf::extract().call(vec![
        lit(pattern),
        lit(group),
        source,
    ])))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "extract",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("regex", "string (constant)"),
        param("captureGroup", "long (constant)"),
        param("source", "string"),
    ],
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The text of a capture group (0: the whole match) of the first match of the \
              regular expression; `\"\"` when nothing matches.",
    examples: &[
        Example {
            query: "print extract(@\"/pods/([^/]+)/exec\", 1, \"/api/v1/namespaces/ns/pods/web-1/exec\")",
            output: "web-1",
        },
        Example {
            query: "print strlen(extract(@\"x(\\d+)\", 1, \"none\"))",
            output: "0",
        },
    ],
    lower: extract,
};
