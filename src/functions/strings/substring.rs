//! `substring()`.

use datafusion::functions::expr_fn::{substr, substring};
use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, optional, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn substring_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let s = text(lw, call, 0)?;
    // KQL counts from 0, SQL from 1.
    let start = integer(lw, call, 1)? + lit(1i64);
    let expr = if call.args.len() > 2 {
        substring(s, start, integer(lw, call, 2)?)
    } else {
        substr(s, start)
    };
    Ok(string(expr))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "substring",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("text", "string"),
        param("start", "long"),
        optional("length", "long"),
    ],
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "Part of the text, from `start` (counted from 0), `length` characters or to the end.",
    examples: &[
        Example {
            query: "print substring(\"kube-system\", 5)",
            output: "system",
        },
        Example {
            query: "print substring(\"kube-system\", 0, 4)",
            output: "kube",
        },
    ],
    lower: substring_fn,
};
