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

/// `startof<unit>()`/`endof<unit>()`: the datetime, an optional offset (a long) and the unit.
pub(super) fn period(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    unit: &str,
    end: bool,
) -> Result<Typed, Diagnostic> {
    let date = crate::functions::arg_as(lw, call, 0, crate::functions::ArgAs::DateTime)?;
    let offset = if call.args.len() > 1 {
        crate::functions::arg_as(lw, call, 1, crate::functions::ArgAs::Long)?
    } else {
        lit(0i64)
    };
    let f = if end { udf::endof() } else { udf::startof() };
    Ok(Typed::new(
        f.call(vec![date, offset, lit(unit)]),
        ScalarType::DateTime,
    ))
}

/// A datetime part as an int.
pub(super) fn part_of(part: &str, date: datafusion::logical_expr::Expr) -> Typed {
    Typed::new(
        cast(
            udf::datetime_part().call(vec![lit(part), date]),
            DataType::Int32,
        ),
        ScalarType::Int,
    )
}

/// The constant part name argument `i` (lower case), checked.
pub(super) fn part_name(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<String, Diagnostic> {
    let part = crate::functions::const_string(lw, call, i)?.to_ascii_lowercase();
    let part = match part.as_str() {
        "weekofyear" | "week_of_year" => "week_of_year".to_string(),
        "dayofyear" | "day_of_year" => "dayofyear".to_string(),
        _ => part,
    };
    if udf::is_datetime_part(&part) {
        Ok(part)
    } else {
        Err(crate::diagnostic::Diagnostic::error(
            crate::diagnostic::Code::InvalidArgument,
            format!("`{part}` is not a datetime part"),
        )
        .with_span(crate::functions::arg_span(call, i))
        .with_help("use year, quarter, month, week, day, hour, minute, second, millisecond, microsecond or nanosecond"))
    }
}
