//! Arithmetic: numbers widen (`int` < `long` < `decimal` < `real`), datetimes and timespans
//! combine as Kusto allows (`datetime - datetime` is a timespan, `timespan * 2`, ...). Integer
//! division or modulo by zero gives null. Time arithmetic works on microsecond counts.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions::expr_fn::nullif;
use datafusion::logical_expr::{Expr, Operator, binary_expr, cast, lit};

use super::convert;
use super::expr::{Typed, type_error};
use super::types::{arrow_type, is_numeric, wider_number};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{BinaryOp, ScalarType};

/// A numeric view of an operand: numbers as they are, a promoted int as an int, any other
/// dynamic value through `todouble()`.
fn numeric(t: &Typed) -> Option<(Expr, ScalarType)> {
    match (t.ty, t.native) {
        (ty, None) if is_numeric(ty) => Some((t.expr.clone(), ty)),
        (ScalarType::Dynamic, Some(ScalarType::Int)) => Some((t.expr.clone(), ScalarType::Int)),
        (ScalarType::Dynamic, _) => convert::to_real(t).map(|e| (e, ScalarType::Real)),
        _ => None,
    }
}

fn operator(op: BinaryOp) -> Operator {
    match op {
        BinaryOp::Add => Operator::Plus,
        BinaryOp::Sub => Operator::Minus,
        BinaryOp::Mul => Operator::Multiply,
        BinaryOp::Div => Operator::Divide,
        _ => Operator::Modulo,
    }
}

fn micros(e: Expr) -> Expr {
    cast(e, DataType::Int64)
}

fn as_type(e: Expr, ty: ScalarType) -> Typed {
    Typed::new(cast(e, arrow_type(ty)), ty)
}

fn mismatch(op: BinaryOp, l: &Typed, r: &Typed, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::TypeMismatch,
        format!(
            "`{}` cannot combine {} and {}",
            op.as_str(),
            l.ty.name(),
            r.ty.name()
        ),
    )
    .with_span(span)
}

/// `l op r` for `+ - * / %`.
pub(crate) fn arithmetic(
    op: BinaryOp,
    l: Typed,
    r: Typed,
    span: Span,
) -> Result<Typed, Diagnostic> {
    use ScalarType::{DateTime, TimeSpan};
    let o = operator(op);
    match (l.ty, r.ty, op) {
        (DateTime, DateTime, BinaryOp::Sub) => Ok(as_type(
            binary_expr(micros(l.expr), o, micros(r.expr)),
            TimeSpan,
        )),
        (DateTime, TimeSpan, BinaryOp::Add | BinaryOp::Sub) => Ok(as_type(
            binary_expr(micros(l.expr), o, micros(r.expr)),
            DateTime,
        )),
        (TimeSpan, DateTime, BinaryOp::Add) => Ok(as_type(
            binary_expr(micros(l.expr), o, micros(r.expr)),
            DateTime,
        )),
        (TimeSpan, TimeSpan, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mod) => {
            let right = if op == BinaryOp::Mod {
                nullif(micros(r.expr), lit(0i64))
            } else {
                micros(r.expr)
            };
            Ok(as_type(binary_expr(micros(l.expr), o, right), TimeSpan))
        }
        (TimeSpan, TimeSpan, BinaryOp::Div) => Ok(Typed::new(
            binary_expr(
                cast(l.expr, DataType::Float64),
                o,
                cast(r.expr, DataType::Float64),
            ),
            ScalarType::Real,
        )),
        (TimeSpan, _, BinaryOp::Mul | BinaryOp::Div) | (_, TimeSpan, BinaryOp::Mul) => {
            let (span_side, number_side) = if l.ty == TimeSpan { (&l, &r) } else { (&r, &l) };
            let Some((number, _)) = numeric(number_side) else {
                return Err(mismatch(op, &l, &r, span));
            };
            let scaled = binary_expr(
                cast(span_side.expr.clone(), DataType::Float64),
                o,
                cast(number, DataType::Float64),
            );
            Ok(as_type(cast(scaled, DataType::Int64), TimeSpan))
        }
        _ => {
            let (Some((le, lt)), Some((re, rt))) = (numeric(&l), numeric(&r)) else {
                return Err(mismatch(op, &l, &r, span));
            };
            let ty = wider_number(lt, rt);
            let data_type = arrow_type(ty);
            let le = cast(le, data_type.clone());
            let mut re = cast(re, data_type.clone());
            if matches!(op, BinaryOp::Div | BinaryOp::Mod) && ty != ScalarType::Real {
                let zero = match ty {
                    ScalarType::Int => lit(0i32),
                    ScalarType::Long => lit(0i64),
                    _ => cast(lit(0i64), data_type.clone()),
                };
                re = nullif(re, zero);
            }
            // Decimal arithmetic changes precision; keep KQL's one decimal type.
            Ok(as_type(binary_expr(le, o, re), ty))
        }
    }
}

/// `-x`.
pub(crate) fn negate(t: Typed, span: Span) -> Result<Typed, Diagnostic> {
    match t.ty {
        ScalarType::TimeSpan => Ok(as_type(
            Expr::Negative(Box::new(micros(t.expr))),
            ScalarType::TimeSpan,
        )),
        _ => match numeric(&t) {
            Some((e, ty)) => Ok(Typed::new(Expr::Negative(Box::new(e)), ty)),
            None => Err(type_error(&t, "a number or a timespan", span)),
        },
    }
}
