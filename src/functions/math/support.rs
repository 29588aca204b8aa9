//! Helpers shared by the math functions.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr, Operator, binary_expr, cast, lit, when};

use crate::diagnostic::Diagnostic;
use crate::functions::rowwise::lower_op;
use crate::functions::{Call, arg, arg_type_error};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::ScalarType;
use crate::udf;

/// Lowers a call to operation `name` of `kql_math`.
pub(super) fn op(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    name: &str,
) -> Result<Typed, Diagnostic> {
    lower_op(lw, call, udf::math(), udf::math_ops(), name)
}

/// The arguments as reals.
fn reals(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Vec<Expr>, Diagnostic> {
    (0..call.args.len())
        .map(|i| {
            let t = arg(lw, call, i)?;
            convert::to_real(&t).ok_or_else(|| arg_type_error(call, i, "a number", &t))
        })
        .collect()
}

/// A DataFusion built-in over the arguments as reals, giving a real.
pub(super) fn builtin(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    f: fn(Vec<Expr>) -> Expr,
) -> Result<Typed, Diagnostic> {
    Ok(Typed::new(f(reals(lw, call)?), ScalarType::Real))
}

/// The arguments as longs.
fn longs(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Vec<Expr>, Diagnostic> {
    (0..call.args.len())
        .map(|i| {
            let t = arg(lw, call, i)?;
            match t.ty {
                ScalarType::Int | ScalarType::Long | ScalarType::Dynamic => {
                    convert::to_integer(&t, ScalarType::Long)
                        .ok_or_else(|| arg_type_error(call, i, "a long", &t))
                }
                _ => Err(arg_type_error(call, i, "a long", &t)),
            }
        })
        .collect()
}

/// A bitwise operator over two longs.
pub(super) fn bitwise(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    op: Operator,
) -> Result<Typed, Diagnostic> {
    let mut a = longs(lw, call)?.into_iter();
    let (Some(x), Some(y)) = (a.next(), a.next()) else {
        return Err(arg_type_error(
            call,
            1,
            "a long",
            &Typed::new(lit(0), ScalarType::Long),
        ));
    };
    Ok(Typed::new(binary_expr(x, op, y), ScalarType::Long))
}

/// `binary_not(x)`: `x ^ -1`.
pub(super) fn binary_not(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let x = longs(lw, call)?.remove(0);
    Ok(Typed::new(
        binary_expr(x, Operator::BitwiseXor, lit(-1_i64)),
        ScalarType::Long,
    ))
}

/// `around(value, center, delta)`: `center - delta <= value <= center + delta`, over reals
/// (datetimes and timespans as microseconds).
pub(super) fn around(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut values = Vec::with_capacity(3);
    for i in 0..3 {
        let t = arg(lw, call, i)?;
        let e = match t.ty {
            ScalarType::DateTime | ScalarType::TimeSpan => {
                cast(cast(t.expr.clone(), DataType::Int64), DataType::Float64)
            }
            _ => convert::to_real(&t)
                .ok_or_else(|| arg_type_error(call, i, "a number, a datetime or a timespan", &t))?,
        };
        values.push(e);
    }
    let (d, c, v) = (values.remove(2), values.remove(1), values.remove(0));
    let low = binary_expr(c.clone(), Operator::Minus, d.clone());
    let high = binary_expr(c, Operator::Plus, d);
    Ok(Typed::new(
        v.clone().gt_eq(low).and(v.lt_eq(high)),
        ScalarType::Bool,
    ))
}

/// `ceiling(x)`: integers as they are, reals rounded up.
pub(super) fn ceiling(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let t = arg(lw, call, 0)?;
    match t.ty {
        ScalarType::Int | ScalarType::Long => Ok(Typed::new(
            cast(t.expr, DataType::Float64),
            ScalarType::Real,
        )),
        _ => {
            let x = convert::to_real(&t).ok_or_else(|| arg_type_error(call, 0, "a number", &t))?;
            Ok(Typed::new(
                datafusion::functions::expr_fn::ceil(x),
                ScalarType::Real,
            ))
        }
    }
}

/// A real result.
pub(super) fn real(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Real)
}

/// `result` where `condition` holds, else null.
pub(super) fn guarded(condition: Expr, result: Expr, call: &Call<'_>) -> Result<Expr, Diagnostic> {
    when(condition, result)
        .end()
        .map_err(|e| crate::plan::plan_error(e, call.span))
}
