//! The shape shared by kqlhunt's scalar UDFs: a name, a return-type rule and a kernel, wrapped
//! in one [`ScalarUDFImpl`], plus helpers to read arguments.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array, StringArray, StringBuilder,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type, Int64Type, TimeUnit};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::lake::schema::KQL_TYPE_KEY;

/// Computes the return type from the argument types and the constant arguments.
pub(crate) type ReturnRule = fn(&[DataType], &[Option<&ScalarValue>]) -> Result<DataType>;
/// Evaluates the function over a batch.
pub(crate) type Kernel = fn(&ScalarFunctionArgs) -> Result<ColumnarValue>;

/// A kqlhunt scalar function: `name`, any arguments, a return rule and a kernel.
pub struct KqlUdf {
    name: &'static str,
    signature: Signature,
    returns: ReturnRule,
    /// `Some("dynamic")` when the result is JSON text that KQL sees as `dynamic`.
    kql_type: Option<&'static str>,
    kernel: Kernel,
}

impl KqlUdf {
    pub(crate) fn new(
        name: &'static str,
        returns: ReturnRule,
        kql_type: Option<&'static str>,
        kernel: Kernel,
    ) -> Self {
        KqlUdf {
            name,
            signature: Signature::variadic_any(Volatility::Immutable),
            returns,
            kql_type,
            kernel,
        }
    }
}

impl fmt::Debug for KqlUdf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KqlUdf").field("name", &self.name).finish()
    }
}

impl PartialEq for KqlUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for KqlUdf {}

impl Hash for KqlUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl ScalarUDFImpl for KqlUdf {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        (self.returns)(arg_types, &[])
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<DataType> = args
            .arg_fields
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        let data_type = (self.returns)(&types, args.scalar_arguments)?;
        let mut field = Field::new(self.name, data_type, true);
        if let Some(kql_type) = self.kql_type {
            field = field.with_metadata(HashMap::from([(
                KQL_TYPE_KEY.to_string(),
                kql_type.to_string(),
            )]));
        }
        Ok(Arc::new(field))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        (self.kernel)(&args)
    }
}

/// Return rule: always `Utf8`.
pub(crate) fn utf8(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(DataType::Utf8)
}

/// Return rule: always `Boolean`.
pub(crate) fn boolean(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(DataType::Boolean)
}

/// Return rule: always `Int64`.
pub(crate) fn int64(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(DataType::Int64)
}

/// Return rule: the type of the first argument.
pub(crate) fn first_arg(types: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    match types.first() {
        Some(t) => Ok(t.clone()),
        None => exec_err!("the function needs an argument"),
    }
}

/// Argument `i` as a `Utf8` array of `rows` rows (casting other string and scalar types).
pub(crate) fn string_arg(args: &ScalarFunctionArgs, i: usize) -> Result<StringArray> {
    let Some(arg) = args.args.get(i) else {
        return exec_err!("missing argument {}", i + 1);
    };
    let array = arg.to_array(args.number_rows)?;
    let array: ArrayRef = if array.data_type() == &DataType::Utf8 {
        array
    } else {
        cast(&array, &DataType::Utf8)?
    };
    Ok(array.as_string::<i32>().clone())
}

/// Argument `i` as an array of `rows` rows.
pub(crate) fn array_arg(args: &ScalarFunctionArgs, i: usize) -> Result<ArrayRef> {
    match args.args.get(i) {
        Some(arg) => arg.to_array(args.number_rows),
        None => exec_err!("missing argument {}", i + 1),
    }
}

/// Argument `i` when it is a constant.
pub(crate) fn scalar_arg(args: &ScalarFunctionArgs, i: usize) -> Option<&ScalarValue> {
    match args.args.get(i) {
        Some(ColumnarValue::Scalar(s)) => Some(s),
        _ => None,
    }
}

/// A constant string argument.
pub(crate) fn const_string(args: &ScalarFunctionArgs, i: usize, what: &str) -> Result<String> {
    match scalar_arg(args, i) {
        Some(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::Utf8View(Some(s))
            | ScalarValue::LargeUtf8(Some(s)),
        ) => Ok(s.clone()),
        _ => exec_err!("{what} must be a constant string"),
    }
}

/// A constant string from the constant arguments seen when computing a return type.
pub(crate) fn const_string_of(scalars: &[Option<&ScalarValue>], i: usize) -> Option<String> {
    match scalars.get(i) {
        Some(Some(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::Utf8View(Some(s))
            | ScalarValue::LargeUtf8(Some(s)),
        )) => Some(s.clone()),
        _ => None,
    }
}

/// A constant boolean argument.
pub(crate) fn const_bool(args: &ScalarFunctionArgs, i: usize, what: &str) -> Result<bool> {
    match scalar_arg(args, i) {
        Some(ScalarValue::Boolean(Some(b))) => Ok(*b),
        _ => exec_err!("{what} must be a constant bool"),
    }
}

/// A constant integer argument.
pub(crate) fn const_i64(args: &ScalarFunctionArgs, i: usize, what: &str) -> Result<i64> {
    match scalar_arg(args, i) {
        Some(ScalarValue::Int64(Some(v))) => Ok(*v),
        Some(ScalarValue::Int32(Some(v))) => Ok(i64::from(*v)),
        _ => exec_err!("{what} must be a constant integer"),
    }
}

/// Wraps an array result.
pub(crate) fn array_result(array: impl Array + 'static) -> Result<ColumnarValue> {
    Ok(ColumnarValue::Array(Arc::new(array)))
}

/// Return rule: a KQL `datetime`.
pub(crate) fn datetime(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(crate::lake::schema::datetime_type())
}

/// Return rule: a KQL `timespan`.
pub(crate) fn timespan(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(DataType::Duration(
        datafusion::arrow::datatypes::TimeUnit::Microsecond,
    ))
}

/// Every argument as a `Utf8` array.
pub(crate) fn string_args(args: &ScalarFunctionArgs) -> Result<Vec<StringArray>> {
    (0..args.args.len()).map(|i| string_arg(args, i)).collect()
}

/// Row `row` of each array (`None` for null).
pub(crate) fn row_of(arrays: &[StringArray], row: usize) -> Vec<Option<&str>> {
    arrays
        .iter()
        .map(|a| (!a.is_null(row)).then(|| a.value(row)))
        .collect()
}

/// Argument `i` as 64-bit integers: numbers (reals truncated), datetimes and timespans in
/// microseconds.
pub(crate) fn i64_arg(args: &ScalarFunctionArgs, i: usize) -> Result<Int64Array> {
    let array = array_arg(args, i)?;
    let array = match array.data_type() {
        DataType::Timestamp(unit, _) if *unit != TimeUnit::Microsecond => {
            cast(&array, &DataType::Timestamp(TimeUnit::Microsecond, None))?
        }
        DataType::Duration(unit) if *unit != TimeUnit::Microsecond => {
            cast(&array, &DataType::Duration(TimeUnit::Microsecond))?
        }
        _ => array,
    };
    let array = match array.data_type() {
        DataType::Int64 => array,
        DataType::Timestamp(_, _) | DataType::Duration(_) => {
            // Reinterpret the microseconds.
            let data = array.to_data();
            let data = data.into_builder().data_type(DataType::Int64).build()?;
            datafusion::arrow::array::make_array(data)
        }
        _ => cast(&array, &DataType::Int64)?,
    };
    Ok(array.as_primitive::<Int64Type>().clone())
}

/// Argument `i` as reals.
pub(crate) fn f64_arg(args: &ScalarFunctionArgs, i: usize) -> Result<Float64Array> {
    let array = cast(&array_arg(args, i)?, &DataType::Float64)?;
    Ok(array.as_primitive::<Float64Type>().clone())
}

/// Row `row` of an integer array (`None` for null).
pub(crate) fn opt_i64(array: &Int64Array, row: usize) -> Option<i64> {
    (!array.is_null(row)).then(|| array.value(row))
}

/// Row `row` of a real array (`None` for null).
pub(crate) fn opt_f64(array: &Float64Array, row: usize) -> Option<f64> {
    (!array.is_null(row)).then(|| array.value(row))
}

/// A text result computed row by row from the arguments as text.
pub(crate) fn text_rows(
    args: &ScalarFunctionArgs,
    mut f: impl FnMut(&[Option<&str>]) -> Option<String>,
) -> Result<ColumnarValue> {
    let arrays = string_args(args)?;
    let mut out = StringBuilder::with_capacity(args.number_rows, args.number_rows * 16);
    for row in 0..args.number_rows {
        out.append_option(f(&row_of(&arrays, row)));
    }
    array_result(out.finish())
}

/// An integer result computed row by row from the arguments as text.
pub(crate) fn text_rows_i64(
    args: &ScalarFunctionArgs,
    mut f: impl FnMut(&[Option<&str>]) -> Option<i64>,
) -> Result<ColumnarValue> {
    let arrays = string_args(args)?;
    let values: Int64Array = (0..args.number_rows)
        .map(|row| f(&row_of(&arrays, row)))
        .collect();
    array_result(values)
}

/// A boolean result computed row by row from the arguments as text.
pub(crate) fn text_rows_bool(
    args: &ScalarFunctionArgs,
    mut f: impl FnMut(&[Option<&str>]) -> Option<bool>,
) -> Result<ColumnarValue> {
    let arrays = string_args(args)?;
    let values: BooleanArray = (0..args.number_rows)
        .map(|row| f(&row_of(&arrays, row)))
        .collect();
    array_result(values)
}

/// Microsecond values (or other integers) as an array of `data_type` (`Int64`, a KQL datetime
/// or timespan).
pub(crate) fn i64_result(values: Vec<Option<i64>>, data_type: &DataType) -> Result<ColumnarValue> {
    let array: ArrayRef = Arc::new(Int64Array::from(values));
    let array = match data_type {
        DataType::Int64 => array,
        _ => {
            let data = array
                .to_data()
                .into_builder()
                .data_type(data_type.clone())
                .build()?;
            datafusion::arrow::array::make_array(data)
        }
    };
    Ok(ColumnarValue::Array(array))
}
