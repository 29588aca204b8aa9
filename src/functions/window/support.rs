//! Helpers shared by the window functions.

use datafusion::common::ScalarValue;
use datafusion::functions_window::expr_fn::{lag, lead};
use datafusion::logical_expr::{Expr, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, arg, arg_span, arg_type_error, const_long};
use crate::plan::window::{over_rows, restart_partitions};
use crate::plan::{ExprLowerer, Typed, convert, types};
use crate::syntax::ScalarType;

/// The partitions of the optional `restart` argument `i` (a bool).
pub(super) fn restart(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Vec<Expr>, Diagnostic> {
    if call.args.len() <= i {
        return Ok(vec![]);
    }
    let r = arg(lw, call, i)?;
    let Some(flag) = convert::to_bool(&r) else {
        return Err(arg_type_error(call, i, "bool", &r));
    };
    Ok(restart_partitions(Some(flag)))
}

/// The term (argument 0) and the partitions of the optional restart (argument 1) of
/// `row_cumsum`, `row_rank_dense` and `row_rank_min`.
pub(super) fn term_and_restart(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<(Typed, Vec<Expr>), Diagnostic> {
    if call.args.is_empty() || call.args.len() > 2 {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            format!(
                "`{}()` takes the term and, optionally, a restart condition",
                call.name.name
            ),
        )
        .with_span(call.span));
    }
    let term = arg(lw, call, 0)?;
    let partitions = restart(lw, call, 1)?;
    Ok((term, partitions))
}

/// `prev`/`next`: the value `offset` rows before (`lag`) or after (`lead`), or the default.
pub(super) fn shifted(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    forward: bool,
) -> Result<Typed, Diagnostic> {
    if call.args.is_empty() || call.args.len() > 3 {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            format!(
                "`{}()` takes 1 to 3 arguments: the column, an offset and a default",
                call.name.name
            ),
        )
        .with_span(call.span));
    }
    let value = arg(lw, call, 0)?;
    let offset = if call.args.len() > 1 {
        const_long(lw, call, 1)?
    } else {
        1
    };
    if offset < 0 {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            format!("the offset of `{}()` must not be negative", call.name.name),
        )
        .with_span(arg_span(call, 1)));
    }
    let default = if call.args.len() > 2 {
        let d = arg(lw, call, 2)?;
        let Some(e) = convert::convert(&d, value.ty) else {
            return Err(arg_type_error(call, 2, value.ty.name(), &d));
        };
        match crate::plan::constant_value(&e) {
            Some(v) => Some(v.clone()),
            None => {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("the default of `{}()` must be a constant", call.name.name),
                )
                .with_span(arg_span(call, 2)));
            }
        }
    } else {
        None
    };
    let default: Option<ScalarValue> = match default {
        Some(v) => Some(
            v.cast_to(&types::arrow_type(value.ty))
                .map_err(|e| crate::plan::plan_error(e, arg_span(call, 2)))?,
        ),
        None => None,
    };
    let f = if forward {
        lead(value.expr.clone(), Some(offset), default)
    } else {
        lag(value.expr.clone(), Some(offset), default)
    };
    Ok(Typed {
        expr: over_rows(f, vec![]),
        ty: value.ty,
        native: value.native,
    })
}

/// Whether the term differs from the previous row's (a run of equal terms starts here), as 1
/// or 0, within the restart partitions.
pub(super) fn run_starts(term: &Typed, partitions: Vec<Expr>) -> Expr {
    let previous = over_rows(lag(term.expr.clone(), Some(1), None), partitions);
    datafusion::logical_expr::when(
        datafusion::logical_expr::binary_expr(
            previous,
            datafusion::logical_expr::Operator::IsDistinctFrom,
            term.expr.clone(),
        ),
        lit(1i64),
    )
    .otherwise(lit(0i64))
    .expect("a valid CASE")
}

/// A `long` result.
pub(super) fn long_typed(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Long)
}
