//! UDFs over `dynamic` values (JSON text): path access, conversions to and from the scalar types,
//! `mv-expand`'s element lists and the JSON arrays `make_list()`/`make_set()` build.

use std::borrow::Cow;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, PrimitiveBuilder, StringBuilder,
};
use datafusion::arrow::datatypes::{
    DataType, DurationMicrosecondType, Field, TimeUnit, TimestampMicrosecondType,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs};

use super::json_path::{self, Step};
use super::support::{
    KqlUdf, array_arg, array_result, const_string, const_string_of, int64, string_arg, utf8,
};
use crate::value::format_real;

/// `kql_dynamic_get(json, step, ...)`: the value at a path (keys are strings, indexes integers),
/// as JSON text; null when absent.
pub fn dynamic_get() -> KqlUdf {
    KqlUdf::new("kql_dynamic_get", utf8, Some("dynamic"), dynamic_get_kernel)
}

fn step_at(array: &ArrayRef, row: usize) -> Option<Step<'_>> {
    if array.is_null(row) {
        return None;
    }
    match array.data_type() {
        DataType::Utf8 => Some(Step::Key(Cow::Borrowed(
            array.as_string::<i32>().value(row),
        ))),
        DataType::Int64 => Some(Step::Index(
            array
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
                .value(row),
        )),
        DataType::Int32 => Some(Step::Index(i64::from(
            array
                .as_primitive::<datafusion::arrow::datatypes::Int32Type>()
                .value(row),
        ))),
        _ => None,
    }
}

fn normalize_step_array(array: ArrayRef) -> Result<ArrayRef> {
    Ok(match array.data_type() {
        DataType::Utf8 | DataType::Int64 | DataType::Int32 => array,
        DataType::Utf8View | DataType::LargeUtf8 => {
            datafusion::arrow::compute::cast(&array, &DataType::Utf8)?
        }
        other => return exec_err!("kql_dynamic_get: a path step cannot be {other}"),
    })
}

fn dynamic_get_kernel(args: &ScalarFunctionArgs) -> Result<ColumnarValue> {
    let input = string_arg(args, 0)?;
    let steps: Vec<ArrayRef> = (1..args.args.len())
        .map(|i| array_arg(args, i).and_then(normalize_step_array))
        .collect::<Result<_>>()?;
    let mut out = StringBuilder::with_capacity(input.len(), input.len() * 16);
    let mut path = Vec::with_capacity(steps.len());
    for row in 0..input.len() {
        path.clear();
        path.extend(steps.iter().map(|s| step_at(s, row)));
        let value = if input.is_null(row) || path.iter().any(Option::is_none) {
            None
        } else {
            let path: Vec<Step<'_>> = path.iter().flatten().cloned().collect();
            json_path::get(input.value(row), &path)
        };
        out.append_option(value);
    }
    array_result(out.finish())
}

/// `kql_dynamic_tostring(json)`: KQL `tostring()` of a dynamic value (never null).
pub fn dynamic_tostring() -> KqlUdf {
    KqlUdf::new("kql_dynamic_tostring", utf8, None, |args| {
        let input = string_arg(args, 0)?;
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 16);
        for row in 0..input.len() {
            let value = (!input.is_null(row)).then(|| input.value(row));
            out.append_value(json_path::to_text(value));
        }
        array_result(out.finish())
    })
}

/// The target of [`from_dynamic`], from its constant second argument.
fn from_dynamic_type(_: &[DataType], scalars: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(match const_string_of(scalars, 1).as_deref() {
        Some("int") => DataType::Int32,
        Some("long") => DataType::Int64,
        Some("real") => DataType::Float64,
        Some("bool") => DataType::Boolean,
        Some("datetime") => crate::lake::schema::datetime_type(),
        Some("timespan") => DataType::Duration(TimeUnit::Microsecond),
        Some(other) => return exec_err!("kql_from_dynamic: unknown target type {other}"),
        // The planner always passes a constant; this only serves `return_type` probes.
        None => DataType::Utf8,
    })
}

/// `kql_from_dynamic(json, 'long'|'int'|'real'|'bool'|'datetime'|'timespan')`: KQL's
/// conversion of a dynamic value to a scalar type (null when it does not convert).
pub fn from_dynamic() -> KqlUdf {
    KqlUdf::new("kql_from_dynamic", from_dynamic_type, None, |args| {
        let input = string_arg(args, 0)?;
        let target = const_string(args, 1, "the target type")?;
        let value = |row: usize| (!input.is_null(row)).then(|| input.value(row));
        let n = input.len();
        let array: ArrayRef = match target.as_str() {
            "int" => {
                let mut b = Int32Builder::with_capacity(n);
                for row in 0..n {
                    b.append_option(
                        value(row)
                            .and_then(json_path::to_i64)
                            .and_then(|v| i32::try_from(v).ok()),
                    );
                }
                Arc::new(b.finish())
            }
            "long" => {
                let mut b = Int64Builder::with_capacity(n);
                for row in 0..n {
                    b.append_option(value(row).and_then(json_path::to_i64));
                }
                Arc::new(b.finish())
            }
            "real" => {
                let mut b = Float64Builder::with_capacity(n);
                for row in 0..n {
                    b.append_option(value(row).and_then(json_path::to_f64));
                }
                Arc::new(b.finish())
            }
            "bool" => {
                let mut b = BooleanBuilder::with_capacity(n);
                for row in 0..n {
                    b.append_option(value(row).and_then(json_path::to_bool));
                }
                Arc::new(b.finish())
            }
            "datetime" => {
                let mut b = PrimitiveBuilder::<TimestampMicrosecondType>::with_capacity(n)
                    .with_timezone(crate::lake::schema::UTC);
                for row in 0..n {
                    b.append_option(value(row).and_then(json_path::to_datetime));
                }
                Arc::new(b.finish())
            }
            "timespan" => {
                let mut b = PrimitiveBuilder::<DurationMicrosecondType>::with_capacity(n);
                for row in 0..n {
                    b.append_option(value(row).and_then(json_path::to_timespan));
                }
                Arc::new(b.finish())
            }
            other => return exec_err!("kql_from_dynamic: unknown target type {other}"),
        };
        Ok(ColumnarValue::Array(array))
    })
}

/// The JSON text of row `row` of a scalar-typed array (`None` for null).
pub(crate) fn json_of(array: &ArrayRef, row: usize) -> Result<Option<String>> {
    use datafusion::arrow::datatypes as t;
    if array.is_null(row) {
        return Ok(None);
    }
    Ok(Some(match array.data_type() {
        DataType::Utf8 => json_path::quote(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => json_path::quote(array.as_string::<i64>().value(row)),
        DataType::Utf8View => json_path::quote(array.as_string_view().value(row)),
        DataType::Boolean => array.as_boolean().value(row).to_string(),
        DataType::Int8 => array.as_primitive::<t::Int8Type>().value(row).to_string(),
        DataType::Int16 => array.as_primitive::<t::Int16Type>().value(row).to_string(),
        DataType::Int32 => array.as_primitive::<t::Int32Type>().value(row).to_string(),
        DataType::Int64 => array.as_primitive::<t::Int64Type>().value(row).to_string(),
        DataType::UInt8 => array.as_primitive::<t::UInt8Type>().value(row).to_string(),
        DataType::UInt16 => array.as_primitive::<t::UInt16Type>().value(row).to_string(),
        DataType::UInt32 => array.as_primitive::<t::UInt32Type>().value(row).to_string(),
        DataType::UInt64 => array.as_primitive::<t::UInt64Type>().value(row).to_string(),
        DataType::Float32 | DataType::Float64 => {
            let v = match array.data_type() {
                DataType::Float32 => f64::from(array.as_primitive::<t::Float32Type>().value(row)),
                _ => array.as_primitive::<t::Float64Type>().value(row),
            };
            if v.is_finite() {
                format_real(v)
            } else {
                json_path::quote(&format_real(v))
            }
        }
        DataType::Timestamp(_, _) | DataType::Duration(_) | DataType::Decimal128(_, _) => {
            json_path::quote(&crate::udf::strings::text_of(array, row)?)
        }
        other => return exec_err!("cannot convert {other} to dynamic"),
    }))
}

/// `kql_to_dynamic(x)`: a scalar value as dynamic (JSON text): strings quoted, numbers and
/// booleans as JSON, datetimes and timespans as their KQL text.
pub fn to_dynamic() -> KqlUdf {
    KqlUdf::new("kql_to_dynamic", utf8, Some("dynamic"), |args| {
        let input = array_arg(args, 0)?;
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 8);
        for row in 0..input.len() {
            out.append_option(json_of(&input, row)?);
        }
        array_result(out.finish())
    })
}

fn list_of_utf8(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(DataType::List(Arc::new(Field::new_list_field(
        DataType::Utf8,
        true,
    ))))
}

/// `kql_mv_items(json, 'bag'|'array')`: the elements `mv-expand` produces for each row, as a list
/// of JSON texts (see [`json_path::expand`]).
pub fn mv_items() -> KqlUdf {
    KqlUdf::new("kql_mv_items", list_of_utf8, None, |args| {
        let input = string_arg(args, 0)?;
        let bag_as_array = const_string(args, 1, "the expansion kind")? == "array";
        let mut out = ListBuilder::new(StringBuilder::new());
        for row in 0..input.len() {
            let value = (!input.is_null(row)).then(|| input.value(row));
            for item in json_path::expand(value, bag_as_array) {
                out.values().append_option(item);
            }
            out.append(true);
        }
        array_result(out.finish())
    })
}

/// `kql_json_array(list)`: a list of JSON texts (null elements skipped) as one JSON array; an
/// absent list gives `[]`.
pub fn json_array() -> KqlUdf {
    KqlUdf::new("kql_json_array", utf8, Some("dynamic"), |args| {
        let input = array_arg(args, 0)?;
        let Some(list) = input.as_list_opt::<i32>() else {
            return exec_err!("kql_json_array expects a list, got {}", input.data_type());
        };
        let mut out = StringBuilder::with_capacity(list.len(), list.len() * 32);
        let mut text = String::new();
        for row in 0..list.len() {
            text.clear();
            text.push('[');
            if !list.is_null(row) {
                let values = list.value(row);
                let values = datafusion::arrow::compute::cast(&values, &DataType::Utf8)?;
                let values = values.as_string::<i32>();
                let mut first = true;
                for i in 0..values.len() {
                    if values.is_null(i) {
                        continue;
                    }
                    if !first {
                        text.push(',');
                    }
                    first = false;
                    text.push_str(&json_path::compact(values.value(i)));
                }
            }
            text.push(']');
            out.append_value(&text);
        }
        array_result(out.finish())
    })
}

/// `kql_parse_json(text)`: KQL `parse_json()`/`todynamic()`: the value the JSON text holds
/// (compacted); text that is not JSON becomes a dynamic string.
pub fn parse_json() -> KqlUdf {
    KqlUdf::new("kql_parse_json", utf8, Some("dynamic"), |args| {
        let input = string_arg(args, 0)?;
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 16);
        for row in 0..input.len() {
            if input.is_null(row) {
                out.append_null();
                continue;
            }
            let text = input.value(row).trim();
            if text.is_empty() {
                out.append_null();
                continue;
            }
            if serde_json::from_str::<&serde_json::value::RawValue>(text).is_ok() {
                if text == "null" {
                    out.append_null();
                } else {
                    out.append_value(json_path::compact(text));
                }
            } else {
                out.append_value(json_path::quote(input.value(row)));
            }
        }
        array_result(out.finish())
    })
}

/// `kql_array_length(json)`: the number of elements of a JSON array (null otherwise).
pub fn array_length() -> KqlUdf {
    KqlUdf::new("kql_array_length", int64, None, |args| {
        let input = string_arg(args, 0)?;
        let mut out = Int64Builder::with_capacity(input.len());
        for row in 0..input.len() {
            out.append_option(
                (!input.is_null(row))
                    .then(|| json_path::array_length(input.value(row)))
                    .flatten()
                    .and_then(|n| i64::try_from(n).ok()),
            );
        }
        array_result(out.finish())
    })
}
