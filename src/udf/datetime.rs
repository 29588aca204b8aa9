//! Numeric and time UDFs: `bin()` over numbers, datetimes and timespans, and the value lists the
//! `range` operator expands.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Float64Array, Int64Array, ListArray, PrimitiveArray,
};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{
    DataType, DurationMicrosecondType, Field, Float64Type, Int64Type, TimeUnit,
    TimestampMicrosecondType,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs};

use super::support::{KqlUdf, array_arg, first_arg, scalar_arg};
use crate::value::KUSTO_EPOCH_MICROS;

/// The most values one `range` may produce.
pub const MAX_RANGE_VALUES: usize = 10_000_000;

fn floor_to(value: i64, size: i64, origin: i64) -> Option<i64> {
    (size > 0).then(|| {
        let offset = value.wrapping_sub(origin);
        offset
            .div_euclid(size)
            .wrapping_mul(size)
            .wrapping_add(origin)
    })
}

fn bin_i64(values: &ArrayRef, sizes: &ArrayRef, origin: i64) -> Vec<Option<i64>> {
    let values = values.as_primitive::<Int64Type>();
    let sizes = sizes.as_primitive::<Int64Type>();
    (0..values.len())
        .map(|i| {
            if values.is_null(i) || sizes.is_null(i) {
                None
            } else {
                floor_to(values.value(i), sizes.value(i), origin)
            }
        })
        .collect()
}

/// `kql_bin(value, size)`: `value` rounded down to a multiple of `size`: longs and reals as
/// numbers, datetimes (microseconds, UTC) from Kusto's origin `0001-01-01`, timespans from zero.
/// A size that is not positive gives null.
pub fn bin() -> KqlUdf {
    KqlUdf::new("kql_bin", first_arg, None, |args| {
        let values = array_arg(args, 0)?;
        let sizes = array_arg(args, 1)?;
        let as_i64 = |a: &ArrayRef| datafusion::arrow::compute::cast(a, &DataType::Int64);
        let result: ArrayRef = match (values.data_type(), sizes.data_type()) {
            (DataType::Int64, DataType::Int64) => {
                Arc::new(Int64Array::from(bin_i64(&values, &sizes, 0)))
            }
            (DataType::Float64, DataType::Float64) => {
                let v = values.as_primitive::<Float64Type>();
                let s = sizes.as_primitive::<Float64Type>();
                Arc::new(Float64Array::from_iter((0..v.len()).map(|i| {
                    (!v.is_null(i) && !s.is_null(i) && s.value(i) > 0.0)
                        .then(|| (v.value(i) / s.value(i)).floor() * s.value(i))
                })))
            }
            (
                DataType::Timestamp(TimeUnit::Microsecond, tz),
                DataType::Duration(TimeUnit::Microsecond),
            ) => {
                let binned = bin_i64(&as_i64(&values)?, &as_i64(&sizes)?, KUSTO_EPOCH_MICROS);
                Arc::new(
                    PrimitiveArray::<TimestampMicrosecondType>::from(binned)
                        .with_timezone_opt(tz.clone()),
                )
            }
            (
                DataType::Duration(TimeUnit::Microsecond),
                DataType::Duration(TimeUnit::Microsecond),
            ) => {
                let binned = bin_i64(&as_i64(&values)?, &as_i64(&sizes)?, 0);
                Arc::new(PrimitiveArray::<DurationMicrosecondType>::from(binned))
            }
            (v, s) => return exec_err!("kql_bin: cannot bin {v} by {s}"),
        };
        Ok(ColumnarValue::Array(result))
    })
}

fn range_type(types: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    match types.first() {
        Some(t) => Ok(DataType::List(Arc::new(Field::new_list_field(
            t.clone(),
            true,
        )))),
        None => exec_err!("kql_range needs arguments"),
    }
}

fn scalar_i64(args: &ScalarFunctionArgs, i: usize) -> Result<Option<i64>> {
    Ok(match scalar_arg(args, i) {
        Some(
            ScalarValue::Int64(v)
            | ScalarValue::TimestampMicrosecond(v, _)
            | ScalarValue::DurationMicrosecond(v),
        ) => *v,
        _ => return exec_err!("kql_range: argument {} must be a constant", i + 1),
    })
}

fn checked_count(count: f64) -> Result<usize> {
    if count > MAX_RANGE_VALUES as f64 {
        return exec_err!("range would produce more than {MAX_RANGE_VALUES} values");
    }
    Ok(count.max(0.0) as usize)
}

/// `kql_range(from, to, step)`: the list `from, from + step, ...` up to `to` (inclusive), for
/// longs, reals, datetimes (with a timespan step) and timespans. Empty when `step` goes away from `to`.
pub fn range() -> KqlUdf {
    KqlUdf::new("kql_range", range_type, None, |args| {
        let from = array_arg(args, 0)?;
        let values: ArrayRef = match from.data_type() {
            DataType::Float64 => {
                let get = |i: usize| match scalar_arg(args, i) {
                    Some(ScalarValue::Float64(v)) => Ok(*v),
                    _ => exec_err!("kql_range: argument {} must be a constant real", i + 1),
                };
                let (Some(a), Some(b), Some(s)) = (get(0)?, get(1)?, get(2)?) else {
                    return Ok(ColumnarValue::Scalar(ScalarValue::Null));
                };
                if s == 0.0 || !s.is_finite() {
                    return exec_err!("range step must not be zero");
                }
                let n = checked_count(((b - a) / s).floor() + 1.0)?;
                Arc::new(Float64Array::from_iter_values(
                    (0..n).map(|k| a + s * k as f64),
                ))
            }
            data_type => {
                let (Some(a), Some(b), Some(s)) = (
                    scalar_i64(args, 0)?,
                    scalar_i64(args, 1)?,
                    scalar_i64(args, 2)?,
                ) else {
                    return Ok(ColumnarValue::Scalar(ScalarValue::Null));
                };
                if s == 0 {
                    return exec_err!("range step must not be zero");
                }
                let n = checked_count(((b as f64 - a as f64) / s as f64).floor() + 1.0)?;
                let items = (0..n as i64).map(|k| a + s * k);
                match data_type {
                    DataType::Int64 => Arc::new(Int64Array::from_iter_values(items)),
                    DataType::Timestamp(TimeUnit::Microsecond, tz) => Arc::new(
                        PrimitiveArray::<TimestampMicrosecondType>::from_iter_values(items)
                            .with_timezone_opt(tz.clone()),
                    ),
                    DataType::Duration(TimeUnit::Microsecond) => {
                        Arc::new(PrimitiveArray::<
                            datafusion::arrow::datatypes::DurationMicrosecondType,
                        >::from_iter_values(items))
                    }
                    other => return exec_err!("kql_range: cannot range over {other}"),
                }
            }
        };
        let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
        let rows = args.number_rows.max(1);
        let len = values.len();
        let indices: Vec<u32> = (0..rows)
            .flat_map(|_| 0..u32::try_from(len).unwrap_or(u32::MAX))
            .collect();
        let repeated = datafusion::arrow::compute::take(
            &values,
            &datafusion::arrow::array::UInt32Array::from(indices),
            None,
        )?;
        let offsets = OffsetBuffer::from_lengths(std::iter::repeat_n(len, rows));
        Ok(ColumnarValue::Array(Arc::new(ListArray::try_new(
            field, offsets, repeated, None,
        )?)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_from_the_origin() {
        assert_eq!(floor_to(7, 5, 0), Some(5));
        assert_eq!(floor_to(-1, 5, 0), Some(-5));
        assert_eq!(floor_to(5, 0, 0), None);
        // 1970-01-05 is a Monday; weeks from 0001-01-01 (a Monday) start on Mondays.
        let day = 86_400_000_000;
        assert_eq!(
            floor_to(4 * day + 5, 7 * day, KUSTO_EPOCH_MICROS),
            Some(4 * day)
        );
    }
}
