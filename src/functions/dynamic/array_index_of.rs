//! `array_index_of()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn array_index_of(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut args = vec![
        arg_as(lw, call, 0, ArgAs::Dynamic)?,
        arg_as(lw, call, 1, ArgAs::Dynamic)?,
    ];
    for (i, default) in [(2, 0i64), (3, -1), (4, 1)] {
        args.push(if call.args.len() > i {
            arg_as(lw, call, i, ArgAs::Long)?
        } else {
            lit(default)
        });
    }
    Ok(Typed::new(
        udf::array_index_of().call(args),
        ScalarType::Long,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "array_index_of",
    &[],
    &[
        param("array", "dynamic"),
        param("lookup", "any scalar"),
        optional("start", "long"),
        optional("length", "long"),
        optional("occurrence", "long"),
    ],
    Returns::Type(ScalarType::Long),
    "The index of the first element equal to `lookup` (from `start`, within `length` elements, the `occurrence`-th); -1 when there is none, null for anything but an array.",
    &[Example {
        query: "print array_index_of(dynamic([\"this\", \"is\", \"an\", \"example\"]), \"example\"), array_index_of(dynamic([1, 2, 3]), 4)",
        output: "3 | -1",
    }],
    array_index_of,
);
