//! Row-wise UDFs over JSON-like values, for the function families whose work is per row and
//! mostly on `dynamic` values (series, collections, network, hashing, math, text extras).
//!
//! One UDF per family (`kql_series(op, ...)`, `kql_net(op, ...)`, ...): its first argument is a
//! constant naming the operation, found in the family's table of [`Op`]s. Each operation declares
//! how the planner passes its arguments ([`Kind`]) and its result type ([`Ret`]), and is a plain
//! function from the row's argument values to the result value, so nothing in a plan captures
//! state: a distributed runtime ships the UDF by name and the operation as a literal.
//!
//! Values are `serde_json::Value`s: a null cell is `Value::Null`; a real that JSON cannot hold
//! (NaN, ±infinity) is the string `"NaN"`, `"Infinity"` or `"-Infinity"` (what a `dynamic` value
//! holds for it).

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, Float64Builder, Int64Builder, PrimitiveBuilder,
    StringBuilder,
};
use datafusion::arrow::datatypes::{
    self as t, DataType, Field, FieldRef, TimestampMicrosecondType,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};
use serde_json::{Number, Value};

use crate::lake::schema::KQL_TYPE_KEY;

/// How the planner passes an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any value, as `dynamic` (scalars become JSON scalars).
    Dynamic,
    /// Text (`tostring()`).
    Str,
    /// A real (numbers convert; other types are a type error).
    Real,
    /// A long.
    Long,
    /// A bool.
    Bool,
}

/// The type of an operation's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    Dynamic,
    Real,
    Long,
    Bool,
    Str,
    Guid,
    /// Microseconds since the epoch.
    DateTime,
}

impl Ret {
    fn data_type(self) -> DataType {
        match self {
            Ret::Dynamic | Ret::Str | Ret::Guid => DataType::Utf8,
            Ret::Real => DataType::Float64,
            Ret::Long => DataType::Int64,
            Ret::Bool => DataType::Boolean,
            Ret::DateTime => crate::lake::schema::datetime_type(),
        }
    }

    /// The KQL type of the result.
    pub fn scalar_type(self) -> crate::syntax::ScalarType {
        use crate::syntax::ScalarType as S;
        match self {
            Ret::Dynamic => S::Dynamic,
            Ret::Real => S::Real,
            Ret::Long => S::Long,
            Ret::Bool => S::Bool,
            Ret::Str => S::String,
            Ret::Guid => S::Guid,
            Ret::DateTime => S::DateTime,
        }
    }
}

/// One operation of a family.
pub struct Op {
    pub name: &'static str,
    /// How each argument is passed; the last kind repeats for further arguments.
    pub args: &'static [Kind],
    pub ret: Ret,
    pub f: fn(&[Value]) -> Value,
}

impl Op {
    /// The kind of argument `i`.
    pub fn kind(&self, i: usize) -> Kind {
        self.args
            .get(i)
            .or(self.args.last())
            .copied()
            .unwrap_or(Kind::Dynamic)
    }
}

/// A family's UDF.
pub struct RowwiseUdf {
    name: &'static str,
    ops: &'static [Op],
    signature: Signature,
}

impl RowwiseUdf {
    pub(crate) fn new(name: &'static str, ops: &'static [Op]) -> Self {
        RowwiseUdf {
            name,
            ops,
            signature: Signature::variadic_any(Volatility::Immutable),
        }
    }

    /// The operation named `name`.
    pub fn op(&self, name: &str) -> Option<&'static Op> {
        self.ops.iter().find(|o| o.name == name)
    }
}

/// The operations of several tables as one.
pub fn concat(tables: &[&[Op]]) -> Vec<Op> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .map(|op| Op {
            name: op.name,
            args: op.args,
            ret: op.ret,
            f: op.f,
        })
        .collect()
}

/// The operation of `ops` named `name`.
pub fn find_op(ops: &'static [Op], name: &str) -> Option<&'static Op> {
    ops.iter().find(|o| o.name == name)
}

impl fmt::Debug for RowwiseUdf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowwiseUdf")
            .field("name", &self.name)
            .finish()
    }
}

impl PartialEq for RowwiseUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for RowwiseUdf {}

impl Hash for RowwiseUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

fn op_name(scalar: Option<&ScalarValue>) -> Option<&str> {
    match scalar {
        Some(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::Utf8View(Some(s))
            | ScalarValue::LargeUtf8(Some(s)),
        ) => Some(s.as_str()),
        _ => None,
    }
}

impl ScalarUDFImpl for RowwiseUdf {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        // Only probes without the constant operation name reach this.
        Ok(DataType::Utf8)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let name = args.scalar_arguments.first().copied().flatten();
        let Some(op) = op_name(name).and_then(|n| self.op(n)) else {
            return exec_err!("{}: the first argument must name an operation", self.name);
        };
        let mut field = Field::new(self.name, op.ret.data_type(), true);
        let kql_type = match op.ret {
            Ret::Dynamic => Some("dynamic"),
            Ret::Guid => Some("guid"),
            _ => None,
        };
        if let Some(kql_type) = kql_type {
            field = field.with_metadata(HashMap::from([(
                KQL_TYPE_KEY.to_string(),
                kql_type.to_string(),
            )]));
        }
        Ok(Arc::new(field))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let name = match args.args.first() {
            Some(ColumnarValue::Scalar(s)) => op_name(Some(s)),
            _ => None,
        };
        let Some(op) = name.and_then(|n| self.op(n)) else {
            return exec_err!("{}: the first argument must name an operation", self.name);
        };
        let n = args.number_rows;
        let inputs: Vec<ArrayRef> = args.args[1..]
            .iter()
            .map(|a| a.to_array(n))
            .collect::<Result<_>>()?;
        let mut row_values = Vec::with_capacity(inputs.len());
        let mut results = Vec::with_capacity(n);
        for row in 0..n {
            row_values.clear();
            for (i, input) in inputs.iter().enumerate() {
                row_values.push(value_at(input, row, op.kind(i))?);
            }
            results.push((op.f)(&row_values));
        }
        let array: ArrayRef = build(op.ret, results);
        Ok(ColumnarValue::Array(array))
    }
}

/// Row `row` of an argument as a value.
fn value_at(array: &ArrayRef, row: usize, kind: Kind) -> Result<Value> {
    if array.is_null(row) {
        return Ok(Value::Null);
    }
    let text = |s: &str| {
        if kind == Kind::Dynamic {
            serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_string()))
        } else {
            Value::String(s.to_string())
        }
    };
    Ok(match array.data_type() {
        DataType::Utf8 => text(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => text(array.as_string::<i64>().value(row)),
        DataType::Utf8View => text(array.as_string_view().value(row)),
        DataType::Boolean => Value::Bool(array.as_boolean().value(row)),
        DataType::Int8 => Value::from(array.as_primitive::<t::Int8Type>().value(row)),
        DataType::Int16 => Value::from(array.as_primitive::<t::Int16Type>().value(row)),
        DataType::Int32 => Value::from(array.as_primitive::<t::Int32Type>().value(row)),
        DataType::Int64 => Value::from(array.as_primitive::<t::Int64Type>().value(row)),
        DataType::UInt8 => Value::from(array.as_primitive::<t::UInt8Type>().value(row)),
        DataType::UInt16 => Value::from(array.as_primitive::<t::UInt16Type>().value(row)),
        DataType::UInt32 => Value::from(array.as_primitive::<t::UInt32Type>().value(row)),
        DataType::UInt64 => Value::from(array.as_primitive::<t::UInt64Type>().value(row)),
        DataType::Float32 => real(f64::from(array.as_primitive::<t::Float32Type>().value(row))),
        DataType::Float64 => real(array.as_primitive::<t::Float64Type>().value(row)),
        DataType::Null => Value::Null,
        _ => Value::String(crate::udf::strings::text_of(array, row)?),
    })
}

fn build(ret: Ret, results: Vec<Value>) -> ArrayRef {
    let n = results.len();
    match ret {
        Ret::Dynamic => {
            let mut b = StringBuilder::with_capacity(n, n * 16);
            for v in results {
                match v {
                    Value::Null => b.append_null(),
                    v => b.append_value(v.to_string()),
                }
            }
            Arc::new(b.finish())
        }
        Ret::Str | Ret::Guid => {
            let mut b = StringBuilder::with_capacity(n, n * 16);
            for v in results {
                match v {
                    Value::Null => b.append_null(),
                    Value::String(s) => b.append_value(s),
                    v => b.append_value(v.to_string()),
                }
            }
            Arc::new(b.finish())
        }
        Ret::Real => {
            let mut b = Float64Builder::with_capacity(n);
            for v in results {
                b.append_option(num(&v));
            }
            Arc::new(b.finish())
        }
        Ret::Long => {
            let mut b = Int64Builder::with_capacity(n);
            for v in results {
                b.append_option(long(&v));
            }
            Arc::new(b.finish())
        }
        Ret::DateTime => {
            let mut b = PrimitiveBuilder::<TimestampMicrosecondType>::with_capacity(n)
                .with_timezone(crate::lake::schema::UTC);
            for v in results {
                b.append_option(long(&v));
            }
            Arc::new(b.finish())
        }
        Ret::Bool => {
            let mut b = BooleanBuilder::with_capacity(n);
            for v in results {
                b.append_option(v.as_bool());
            }
            Arc::new(b.finish())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the operations.
// ---------------------------------------------------------------------------------------------

/// A real as a value (NaN and the infinities as their strings).
pub fn real(v: f64) -> Value {
    match Number::from_f64(v) {
        Some(n) => Value::Number(n),
        None => Value::String(crate::value::format_real(v)),
    }
}

/// A number's value as a real (also the strings of NaN and the infinities); `None` otherwise.
pub fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// A number's value as a long (reals truncated toward zero); `None` otherwise.
pub fn long(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && f.abs() < 9.2e18)
                .map(|f| f as i64)
        }),
        _ => None,
    }
}

/// Whether the value is an integer number.
pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Number(n) if n.is_i64() || n.is_u64())
}

/// The text of a string value.
pub fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Argument `i` (null when absent).
pub fn arg(args: &[Value], i: usize) -> &Value {
    static NULL: Value = Value::Null;
    args.get(i).unwrap_or(&NULL)
}

/// `tostring()` of a dynamic value: a string's text, null as `""`, anything else as compact JSON.
pub fn to_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}
