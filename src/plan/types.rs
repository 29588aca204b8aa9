//! KQL scalar types and their Arrow representation.
//!
//! | KQL | Arrow |
//! |---|---|
//! | `bool` | `Boolean` |
//! | `int` | `Int32` |
//! | `long` | `Int64` |
//! | `real` | `Float64` |
//! | `decimal` | `Decimal128(38, 18)` |
//! | `string` | `Utf8` |
//! | `datetime` | `Timestamp(Microsecond, "UTC")` |
//! | `timespan` | `Duration(Microsecond)` |
//! | `guid` | `Utf8`, field metadata `kqlhunt.kql_type = guid` |
//! | `dynamic` | `Utf8` holding JSON text, field metadata `kqlhunt.kql_type = dynamic` |

use std::collections::BTreeMap;

use datafusion::arrow::datatypes::{DataType, Field, TimeUnit};
use datafusion::common::ScalarValue;
use datafusion::common::metadata::FieldMetadata;

use crate::lake::schema::{KQL_TYPE_KEY, datetime_type};
use crate::syntax::ScalarType;

/// Precision and scale of KQL `decimal` values.
pub const DECIMAL_PRECISION: u8 = 38;
/// Digits after the point of KQL `decimal` values.
pub const DECIMAL_SCALE: i8 = 18;

/// The Arrow type kqlhunt uses for a KQL type.
pub fn arrow_type(ty: ScalarType) -> DataType {
    match ty {
        ScalarType::Bool => DataType::Boolean,
        ScalarType::Int => DataType::Int32,
        ScalarType::Long => DataType::Int64,
        ScalarType::Real => DataType::Float64,
        ScalarType::Decimal => DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        ScalarType::String | ScalarType::Guid | ScalarType::Dynamic => DataType::Utf8,
        ScalarType::DateTime => datetime_type(),
        ScalarType::TimeSpan => DataType::Duration(TimeUnit::Microsecond),
    }
}

/// The field metadata that marks a column's KQL type, for the types Arrow does not tell apart.
pub fn field_metadata(ty: ScalarType) -> Option<FieldMetadata> {
    matches!(ty, ScalarType::Dynamic | ScalarType::Guid).then(|| {
        FieldMetadata::new(BTreeMap::from([(
            KQL_TYPE_KEY.to_string(),
            ty.name().to_string(),
        )]))
    })
}

/// The KQL type of a column: its metadata if it has one, else from its Arrow type.
pub fn kql_type_of_field(field: &Field) -> ScalarType {
    field
        .metadata()
        .get(KQL_TYPE_KEY)
        .and_then(|name| ScalarType::from_name(name))
        .unwrap_or_else(|| kql_type_of_arrow(field.data_type()))
}

/// The KQL type that best describes an Arrow type.
pub fn kql_type_of_arrow(data_type: &DataType) -> ScalarType {
    match data_type {
        DataType::Boolean => ScalarType::Bool,
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::UInt8 | DataType::UInt16 => {
            ScalarType::Int
        }
        DataType::Int64 | DataType::UInt32 | DataType::UInt64 => ScalarType::Long,
        DataType::Float16 | DataType::Float32 | DataType::Float64 => ScalarType::Real,
        DataType::Decimal32(_, _)
        | DataType::Decimal64(_, _)
        | DataType::Decimal128(_, _)
        | DataType::Decimal256(_, _) => ScalarType::Decimal,
        DataType::Timestamp(_, _) | DataType::Date32 | DataType::Date64 => ScalarType::DateTime,
        DataType::Duration(_)
        | DataType::Interval(_)
        | DataType::Time32(_)
        | DataType::Time64(_) => ScalarType::TimeSpan,
        DataType::List(_)
        | DataType::LargeList(_)
        | DataType::FixedSizeList(_, _)
        | DataType::Struct(_)
        | DataType::Map(_, _) => ScalarType::Dynamic,
        DataType::Dictionary(_, value) => kql_type_of_arrow(value),
        _ => ScalarType::String,
    }
}

/// A typed null of a KQL type.
pub fn null_of(ty: ScalarType) -> ScalarValue {
    match ty {
        ScalarType::DateTime => {
            ScalarValue::TimestampMicrosecond(None, Some(crate::lake::schema::UTC.into()))
        }
        ScalarType::TimeSpan => ScalarValue::DurationMicrosecond(None),
        ScalarType::Bool => ScalarValue::Boolean(None),
        ScalarType::Int => ScalarValue::Int32(None),
        ScalarType::Long => ScalarValue::Int64(None),
        ScalarType::Real => ScalarValue::Float64(None),
        ScalarType::Decimal => ScalarValue::Decimal128(None, DECIMAL_PRECISION, DECIMAL_SCALE),
        ScalarType::String | ScalarType::Guid | ScalarType::Dynamic => ScalarValue::Utf8(None),
    }
}

/// Is the type one of KQL's numbers?
pub fn is_numeric(ty: ScalarType) -> bool {
    matches!(
        ty,
        ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal
    )
}

/// The type arithmetic on two numbers gives: the wider of the two (`int` < `long` < `decimal` <
/// `real`).
pub fn wider_number(a: ScalarType, b: ScalarType) -> ScalarType {
    let rank = |t: ScalarType| match t {
        ScalarType::Int => 0,
        ScalarType::Long => 1,
        ScalarType::Decimal => 2,
        _ => 3,
    };
    if rank(a) >= rank(b) { a } else { b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_field() {
        for name in [
            "bool", "int", "long", "real", "decimal", "string", "datetime", "timespan", "guid",
            "dynamic",
        ] {
            let Some(ty) = ScalarType::from_name(name) else {
                panic!("{name}");
            };
            let mut field = Field::new("x", arrow_type(ty), true);
            if let Some(metadata) = field_metadata(ty) {
                field = field.with_metadata(metadata.to_hashmap());
            }
            assert_eq!(kql_type_of_field(&field), ty, "{name}");
        }
    }
}
