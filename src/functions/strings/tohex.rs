//! `tohex()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg, arg_as, arg_type_error, optional, param,
    scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn tohex(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let expr = match value.ty {
        ScalarType::Int | ScalarType::Long => value.expr,
        ScalarType::Dynamic => arg_as(lw, call, 0, ArgAs::Long)?,
        _ => return Err(arg_type_error(call, 0, "an int or a long", &value)),
    };
    let width = if call.args.len() > 1 {
        arg_as(lw, call, 1, ArgAs::Long)?
    } else {
        lit(0i64)
    };
    Ok(string(udf::tohex().call(vec![expr, width])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "tohex",
    &[],
    &[param("value", "int or long"), optional("minLength", "long")],
    Returns::Type(ScalarType::String),
    "The integer in lower-case hex (two's complement for negatives: 32 bits for an int, 64 for a long), zero-padded to `minLength`.",
    &[Example {
        query: "print tohex(256), tohex(-256), tohex(toint(-256), 8), tohex(256, 8)",
        output: "100 | ffffffffffffff00 | ffffff00 | 00000100",
    }],
    tohex,
);
