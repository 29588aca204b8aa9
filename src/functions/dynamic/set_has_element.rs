//! `set_has_element()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg_as, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn set_has_element(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let args = vec![
        arg_as(lw, call, 0, ArgAs::Dynamic)?,
        arg_as(lw, call, 1, ArgAs::Dynamic)?,
        lit(0i64),
        lit(-1i64),
        lit(1i64),
    ];
    Ok(Typed::new(
        udf::array_index_of().call(args).gt_eq(lit(0i64)),
        ScalarType::Bool,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "set_has_element",
    &[],
    &[param("set", "dynamic"), param("value", "any scalar")],
    Returns::Type(ScalarType::Bool),
    "Whether the array holds the value.",
    &[Example {
        query: "print set_has_element(dynamic([\"this\", \"is\", \"an\", \"example\"]), \"example\")",
        output: "true",
    }],
    set_has_element,
);
