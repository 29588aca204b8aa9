//! KQL's conversions between scalar types, as DataFusion expressions: the `to*()` functions and
//! the implicit conversions operators apply (a string operator on a dynamic number, a dynamic
//! bool compared with a string, ...).
//!
//! A `dynamic` value is JSON text, except right after the promoted-path rewrite, where it is the
//! promoted column itself ([`Typed::native`]): a string or int column whose null means "absent".

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr, ExprSchemable, cast, lit, try_cast, when};

use super::expr::Typed;
use super::types::arrow_type;
use crate::syntax::ScalarType;
use crate::udf;

/// `kql_from_dynamic(json, target)`.
fn from_dynamic(json: Expr, target: &str) -> Expr {
    udf::from_dynamic().call(vec![json, lit(target)])
}

/// The value as `dynamic` JSON text (what a dynamic column stores).
pub fn to_dynamic(t: &Typed) -> Expr {
    match (t.ty, t.native) {
        (ScalarType::Dynamic, None) => t.expr.clone(),
        _ => udf::to_dynamic().call(vec![t.expr.clone()]),
    }
}

/// The value as text, KQL `tostring()`, and whether a null in it stands for `""` (KQL strings
/// are never null; stored string columns and promoted columns can be).
pub fn to_text(t: &Typed) -> (Expr, bool) {
    match (t.ty, t.native) {
        (ScalarType::String | ScalarType::Guid, _)
        | (ScalarType::Dynamic, Some(ScalarType::String)) => (t.expr.clone(), true),
        (ScalarType::Dynamic, Some(_)) => (cast(t.expr.clone(), DataType::Utf8), true),
        (ScalarType::Dynamic, None) => (udf::dynamic_tostring().call(vec![t.expr.clone()]), false),
        _ => (udf::tostring().call(vec![t.expr.clone()]), false),
    }
}

/// KQL `tostring()`: text, never null.
pub fn to_string_value(t: &Typed, schema: &datafusion::common::DFSchema) -> Expr {
    let (expr, null_is_empty) = to_text(t);
    if null_is_empty && expr.nullable(schema).unwrap_or(true) {
        datafusion::functions::expr_fn::coalesce(vec![expr, lit("")])
    } else {
        expr
    }
}

/// KQL `todouble()`/`toreal()`; `None` when the type does not convert.
pub fn to_real(t: &Typed) -> Option<Expr> {
    let e = t.expr.clone();
    Some(match (t.ty, t.native) {
        (ScalarType::Real, _) => e,
        (ScalarType::Int | ScalarType::Long | ScalarType::Decimal, _)
        | (ScalarType::Dynamic, Some(ScalarType::Int | ScalarType::Long)) => {
            cast(e, DataType::Float64)
        }
        (ScalarType::Dynamic, Some(_)) | (ScalarType::String, _) => try_cast(e, DataType::Float64),
        (ScalarType::Dynamic, None) => from_dynamic(e, "real"),
        (ScalarType::Bool, _) => when(e, lit(1.0)).otherwise(lit(0.0)).ok()?,
        _ => return None,
    })
}

/// KQL `tolong()` (`int` for `toint()`); `None` when the type does not convert.
pub fn to_integer(t: &Typed, target: ScalarType) -> Option<Expr> {
    let data_type = arrow_type(target);
    let e = t.expr.clone();
    Some(match (t.ty, t.native) {
        (ty, None) if ty == target => e,
        // Widening is exact (and keeps a comparison on the column prunable).
        (ScalarType::Int, None) | (ScalarType::Dynamic, Some(ScalarType::Int))
            if target == ScalarType::Long =>
        {
            cast(e, data_type)
        }
        (ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal, _)
        | (ScalarType::Dynamic, Some(ScalarType::Int | ScalarType::Long)) => try_cast(e, data_type),
        (ScalarType::Dynamic, Some(_)) | (ScalarType::String, _) => {
            // Through dynamic, so that "2.5" truncates as it does in a JSON value.
            from_dynamic(udf::to_dynamic().call(vec![e]), target.name())
        }
        (ScalarType::Dynamic, None) => from_dynamic(e, target.name()),
        (ScalarType::Bool, _) => when(e, lit(1))
            .otherwise(lit(0))
            .ok()
            .map(|x| cast(x, data_type))?,
        _ => return None,
    })
}

/// KQL `tobool()`; `None` when the type does not convert.
pub fn to_bool(t: &Typed) -> Option<Expr> {
    let e = t.expr.clone();
    Some(match (t.ty, t.native) {
        (ScalarType::Bool, _) => e,
        (ScalarType::Dynamic, None) => from_dynamic(e, "bool"),
        (ScalarType::String, _) | (ScalarType::Dynamic, Some(ScalarType::String)) => {
            udf::tobool().call(vec![e])
        }
        (ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal, _)
        | (ScalarType::Dynamic, Some(_)) => cast(e, DataType::Float64).not_eq(lit(0.0)),
        _ => return None,
    })
}

/// KQL `todatetime()`; `None` when the type does not convert.
pub fn to_datetime(t: &Typed) -> Option<Expr> {
    let e = t.expr.clone();
    Some(match (t.ty, t.native) {
        (ScalarType::DateTime, _) => e,
        (ScalarType::String, _) | (ScalarType::Dynamic, Some(ScalarType::String)) => {
            udf::todatetime().call(vec![e])
        }
        (ScalarType::Dynamic, None) => from_dynamic(e, "datetime"),
        _ => return None,
    })
}

/// KQL `totimespan()`; `None` when the type does not convert.
pub fn to_timespan(t: &Typed) -> Option<Expr> {
    let e = t.expr.clone();
    Some(match (t.ty, t.native) {
        (ScalarType::TimeSpan, _) => e,
        (ScalarType::String, _) | (ScalarType::Dynamic, Some(ScalarType::String)) => {
            from_dynamic(udf::to_dynamic().call(vec![e]), "timespan")
        }
        (ScalarType::Dynamic, None) => from_dynamic(e, "timespan"),
        _ => return None,
    })
}

/// Converts a value to `target` the way KQL converts implicitly (operands of a comparison,
/// `iff()` branches, `datatable` cells); `None` when KQL would reject the mix.
pub fn convert(t: &Typed, target: ScalarType) -> Option<Expr> {
    if t.ty == target && t.native.is_none() {
        return Some(t.expr.clone());
    }
    match target {
        ScalarType::Dynamic => Some(to_dynamic(t)),
        ScalarType::String | ScalarType::Guid => Some(to_text(t).0),
        ScalarType::Real => to_real(t),
        ScalarType::Int | ScalarType::Long => {
            if matches!(t.ty, ScalarType::Real | ScalarType::Decimal) {
                // Numbers only widen implicitly.
                return None;
            }
            to_integer(t, target)
        }
        ScalarType::Decimal => matches!(
            t.ty,
            ScalarType::Int | ScalarType::Long | ScalarType::Decimal
        )
        .then(|| cast(t.expr.clone(), arrow_type(ScalarType::Decimal))),
        ScalarType::Bool => matches!(t.ty, ScalarType::Dynamic | ScalarType::Bool)
            .then(|| to_bool(t))
            .flatten(),
        ScalarType::DateTime => matches!(t.ty, ScalarType::Dynamic | ScalarType::DateTime)
            .then(|| to_datetime(t))
            .flatten(),
        ScalarType::TimeSpan => matches!(t.ty, ScalarType::Dynamic | ScalarType::TimeSpan)
            .then(|| to_timespan(t))
            .flatten(),
    }
}
