//! `indexof()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn indexof(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![text(lw, call, 0)?, text(lw, call, 1)?];
    for (i, default) in [(2, 0i64), (3, -1), (4, 1)] {
        args.push(if call.args.len() > i {
            arg_as(lw, call, i, ArgAs::Long)?
        } else {
            lit(default)
        });
    }
    Ok(Typed::new(udf::indexof().call(args), ScalarType::Long))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "indexof",
    &[],
    &[
        param("source", "string"),
        param("lookup", "string"),
        optional("start_index", "long"),
        optional("length", "long"),
        optional("occurrence", "long"),
    ],
    Returns::Type(ScalarType::Long),
    "The position (from 0, in characters) of the `occurrence`-th match of `lookup` at or after `start_index` (negative: from the end) within `length` characters (-1: to the end); -1 when there is none, null for an invalid start.",
    &[
        Example {
            query: "print indexof(\"abcdefg\", \"cde\"), indexof(\"abcdefg\", \"cde\", 1, 2), indexof(\"abcdefg\", \"cde\", -5)",
            output: "2 | -1 | 2",
        },
        Example {
            query: "print indexof(\"abcdefgabcdefg\", \"cde\", 1, 10, 2)",
            output: "9",
        },
    ],
    indexof,
);
