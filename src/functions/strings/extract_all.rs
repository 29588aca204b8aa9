//! `extract_all()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_span, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn extract_all(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 2 {
        return Err(crate::plan::not_supported(
            "the capture-group list of `extract_all()`",
            arg_span(call, 1),
        ));
    }
    let pattern = regex_arg(lw, call, 0)?;
    let source = text(lw, call, 1)?;
    Ok(Typed::new(
        udf::extract_all().call(vec![lit(pattern), source]),
        ScalarType::Dynamic,
    ))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "extract_all",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("regex", "string (constant)"),
        param("source", "string"),
    ],
    variadic: false,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "Every match of the regular expression, as a dynamic array: of the capture \
              group's text with one group, of arrays of the groups' texts with several, of \
              the whole matches with none. Null when nothing matches.",
    examples: &[
        Example {
            query: "print extract_all(@\"command=([^\\&]*)\", \"/exec?command=ls&command=-la&tty=1\")",
            output: "[\"ls\",\"-la\"]",
        },
        Example {
            query: "print extract_all(@\"(\\w)=(\\d)\", \"a=1 b=2\")",
            output: "[[\"a\",\"1\"],[\"b\",\"2\"]]",
        },
        Example {
            query: "print isnull(extract_all(@\"(x)\", \"abc\"))",
            output: "true",
        },
    ],
    lower: extract_all,
};
