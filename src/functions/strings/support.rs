//! Helpers shared by the strings functions.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr, cast, lit};

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Param, arg, arg_span, arg_type_error, const_string, param};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::ScalarType;
use crate::udf;

/// Argument `i` as text (`tostring()`), never null.
pub(super) fn text(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Expr, Diagnostic> {
    let t = arg(lw, call, i)?;
    Ok(convert::to_string_value(&t, lw.scope.schema.as_ref()))
}

pub(super) fn string(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::String)
}

pub(super) fn integer(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Expr, Diagnostic> {
    let t = arg(lw, call, i)?;
    match t.ty {
        ScalarType::Int | ScalarType::Long => Ok(cast(t.expr, DataType::Int64)),
        _ => Err(arg_type_error(call, i, "a long", &t)),
    }
}

pub(super) fn regex_arg(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<String, Diagnostic> {
    let pattern = const_string(lw, call, i)?;
    crate::plan::check_regex(&pattern, arg_span(call, i))?;
    Ok(pattern)
}

pub(super) const TEXT: &[Param] = &[param("text", "string")];

/// Argument `i` as the text Kusto's `tostring()` gives, with datetimes in Kusto's own form
/// (`2020-01-01T00:00:00.0000000Z`, seven fraction digits): what `hash_*()` and `reverse()` see.
pub(super) fn kusto_text(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Expr, Diagnostic> {
    let t = arg(lw, call, i)?;
    if t.ty == ScalarType::DateTime {
        return Ok(datafusion::functions::expr_fn::coalesce(vec![
            udf::format_datetime().call(vec![t.expr, lit("yyyy-MM-ddTHH:mm:ss.fffffffZ")]),
            lit(""),
        ]));
    }
    Ok(convert::to_string_value(&t, lw.scope.schema.as_ref()))
}
