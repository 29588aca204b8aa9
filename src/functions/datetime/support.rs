//! Helpers shared by the datetime functions.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{cast, lit};

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, arg_type_error};
use crate::plan::{ExprLowerer, Typed, constant_value, literal, types::is_numeric};
use crate::syntax::{BinaryOp, ScalarType};
use crate::udf;

pub(super) fn now_value(lw: &ExprLowerer<'_>) -> Typed {
    Typed::new(
        lit(literal::datetime_value(lw.planner.now_micros())),
        ScalarType::DateTime,
    )
}

/// `now - offset`, folded to a constant when the offset is one.
pub(super) fn shifted(
    lw: &ExprLowerer<'_>,
    call: &Call<'_>,
    offset: Typed,
    op: BinaryOp,
) -> Result<Typed, Diagnostic> {
    if offset.ty != ScalarType::TimeSpan {
        return Err(arg_type_error(call, 0, "a timespan", &offset));
    }
    if let Some(datafusion::common::ScalarValue::DurationMicrosecond(Some(micros))) =
        constant_value(&offset.expr)
    {
        let now = lw.planner.now_micros();
        let value = if op == BinaryOp::Sub {
            now.saturating_sub(*micros)
        } else {
            now.saturating_add(*micros)
        };
        return Ok(Typed::new(
            lit(literal::datetime_value(value)),
            ScalarType::DateTime,
        ));
    }
    crate::plan::arithmetic(op, now_value(lw), offset, call.span)
}

pub(super) fn bin_of(value: Typed, size: Typed, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let (ty, value_type, size_type) = match (value.ty, size.ty) {
        (ScalarType::DateTime, ScalarType::TimeSpan) => (
            ScalarType::DateTime,
            crate::lake::schema::datetime_type(),
            DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond),
        ),
        (ScalarType::TimeSpan, ScalarType::TimeSpan) => (
            ScalarType::TimeSpan,
            DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond),
            DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond),
        ),
        (a, b) if is_numeric(a) && is_numeric(b) => {
            if matches!(a, ScalarType::Int | ScalarType::Long)
                && matches!(b, ScalarType::Int | ScalarType::Long)
            {
                (ScalarType::Long, DataType::Int64, DataType::Int64)
            } else {
                (ScalarType::Real, DataType::Float64, DataType::Float64)
            }
        }
        (ScalarType::DateTime | ScalarType::TimeSpan, _) => {
            return Err(arg_type_error(call, 1, "a timespan", &size));
        }
        _ => {
            return Err(arg_type_error(
                call,
                0,
                "a number, datetime or timespan",
                &value,
            ));
        }
    };
    Ok(Typed::new(
        udf::bin().call(vec![
            cast(value.expr, value_type),
            cast(size.expr, size_type),
        ]),
        ty,
    ))
}
