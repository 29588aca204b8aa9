//! Time and rounding: `now`, `ago`, `bin`/`floor`, `startofday`.
//!
//! `now()` and `ago()` read the query's clock, fixed once per query (`--now` sets it), so every
//! use in a query sees the same instant and a time filter is a constant the scan can prune with.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{cast, lit};

use super::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, optional,
    param,
};
use crate::diagnostic::Diagnostic;
use crate::plan::{ExprLowerer, Typed, constant_value, literal, types::is_numeric};
use crate::syntax::{BinaryOp, ScalarType};
use crate::udf;
use crate::value::MICROS_PER_DAY;

fn now_value(lw: &ExprLowerer<'_>) -> Typed {
    Typed::new(
        lit(literal::datetime_value(lw.planner.now_micros())),
        ScalarType::DateTime,
    )
}

/// `now - offset`, folded to a constant when the offset is one.
fn shifted(
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

fn now(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.is_empty() {
        return Ok(now_value(lw));
    }
    let offset = arg(lw, call, 0)?;
    shifted(lw, call, offset, BinaryOp::Add)
}

fn ago(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let offset = arg(lw, call, 0)?;
    shifted(lw, call, offset, BinaryOp::Sub)
}

fn bin_of(value: Typed, size: Typed, call: &Call<'_>) -> Result<Typed, Diagnostic> {
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

fn bin(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let size = arg(lw, call, 1)?;
    bin_of(value, size, call)
}

fn startofday(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 1 {
        return Err(crate::plan::not_supported(
            "the offset argument of `startofday()`",
            super::arg_span(call, 1),
        ));
    }
    let value = arg(lw, call, 0)?;
    if value.ty != ScalarType::DateTime {
        return Err(arg_type_error(call, 0, "a datetime", &value));
    }
    let day = Typed::new(
        lit(literal::timespan_value(MICROS_PER_DAY)),
        ScalarType::TimeSpan,
    );
    bin_of(value, day, call)
}

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        name: "now",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[optional("offset", "timespan")],
        variadic: false,
        returns: Returns::Type(ScalarType::DateTime),
        naming: Naming::Column,
        summary: "The query's current time (the same for every use in a query; `--now` sets \
                  it), plus an optional offset.",
        examples: &[Example {
            query: "print now() - now(-1h)",
            output: "01:00:00",
        }],
        lower: now,
    },
    FunctionSpec {
        name: "ago",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("timespan", "timespan")],
        variadic: false,
        returns: Returns::Type(ScalarType::DateTime),
        naming: Naming::Column,
        summary: "`now()` minus the timespan.",
        examples: &[Example {
            query: "print now() - ago(1d)",
            output: "1.00:00:00",
        }],
        lower: ago,
    },
    FunctionSpec {
        name: "bin",
        aliases: &["floor"],
        kind: FunctionKind::Scalar,
        params: &[
            param("value", "number, datetime or timespan"),
            param("roundTo", "number or timespan"),
        ],
        variadic: false,
        returns: Returns::Rule("the type of `value` (long for int and long, real otherwise)"),
        naming: Naming::FirstArgument,
        summary: "The value rounded down to a multiple of `roundTo`; datetimes round from \
                  0001-01-01, so `bin(t, 1d)` is the start of the day and `bin(t, 7d)` a Monday.",
        examples: &[
            Example {
                query: "print bin(datetime(2026-11-20 10:47:12), 1h)",
                output: "2026-11-20T10:00:00Z",
            },
            Example {
                query: "print bin(datetime(2026-11-20), 7d)",
                output: "2026-11-16T00:00:00Z",
            },
            Example {
                query: "print bin(17, 5), bin(-1, 5), bin(2.5, 1)",
                output: "15 | -5 | 2",
            },
            Example {
                query: "print bin(90m, 1h)",
                output: "01:00:00",
            },
        ],
        lower: bin,
    },
    FunctionSpec {
        name: "startofday",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("date", "datetime")],
        variadic: false,
        returns: Returns::Type(ScalarType::DateTime),
        naming: Naming::Column,
        summary: "The start of the datetime's day (UTC).",
        examples: &[Example {
            query: "print startofday(datetime(2026-11-20 23:59:59))",
            output: "2026-11-20T00:00:00Z",
        }],
        lower: startofday,
    },
];
