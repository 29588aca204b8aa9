//! Literals: syntax-tree literals to typed DataFusion constants.

use datafusion::common::ScalarValue;
use datafusion::logical_expr::{Expr, lit};

use super::expr::Typed;
use super::types::{DECIMAL_PRECISION, DECIMAL_SCALE, null_of};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::lake::schema::UTC;
use crate::syntax::{Dynamic, Literal, ScalarType};
use crate::udf::json_path::quote;
use crate::value::{format_datetime, format_real, format_timespan, parse_datetime};

/// Microseconds in a tick count (ticks are 100 ns; sub-microsecond digits are dropped).
pub fn ticks_to_micros(ticks: i64) -> i64 {
    ticks / 10
}

/// A datetime constant.
pub fn datetime_value(micros: i64) -> ScalarValue {
    ScalarValue::TimestampMicrosecond(Some(micros), Some(UTC.into()))
}

/// A timespan constant.
pub fn timespan_value(micros: i64) -> ScalarValue {
    ScalarValue::DurationMicrosecond(Some(micros))
}

fn invalid(what: &str, text: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidLiteral,
        format!("invalid {what} literal `{text}`"),
    )
    .with_span(span)
}

/// Parses a `datetime(...)` literal's text to microseconds.
pub fn parse_datetime_literal(text: &str, span: Span) -> Result<i64, Diagnostic> {
    parse_datetime(text).ok_or_else(|| {
        invalid("datetime", text, span)
            .with_help("write an ISO 8601 date or date-time, such as `2026-11-20T10:00:00Z`")
    })
}

fn decimal_value(text: &str, span: Span) -> Result<ScalarValue, Diagnostic> {
    let bad = || invalid("decimal", text, span);
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
        || frac.len() > DECIMAL_SCALE as usize
    {
        return Err(bad());
    }
    let mut scaled = format!("{whole}{frac}");
    scaled.extend(std::iter::repeat_n(
        '0',
        DECIMAL_SCALE as usize - frac.len(),
    ));
    let value: i128 = scaled.parse().map_err(|_| bad())?;
    if value.to_string().len() > DECIMAL_PRECISION as usize {
        return Err(bad());
    }
    Ok(ScalarValue::Decimal128(
        Some(if negative { -value } else { value }),
        DECIMAL_PRECISION,
        DECIMAL_SCALE,
    ))
}

/// A `guid(...)` literal in its canonical text (lower case, hyphenated).
fn guid_text(text: &str, span: Span) -> Result<String, Diagnostic> {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(invalid("guid", text, span));
    }
    let hex = hex.to_ascii_lowercase();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// The JSON text of a `dynamic(...)` literal's content.
pub fn dynamic_json(value: &Dynamic, span: Span) -> Result<String, Diagnostic> {
    Ok(match value {
        Dynamic::Null => "null".to_string(),
        Dynamic::Bool(b) => b.to_string(),
        Dynamic::Long(v) => v.to_string(),
        Dynamic::Real(v) if v.is_finite() => format_real(*v),
        Dynamic::Real(v) => quote(&format_real(*v)),
        Dynamic::String(s) => quote(s),
        Dynamic::DateTime(text) => quote(&format_datetime(parse_datetime_literal(text, span)?)),
        Dynamic::TimeSpan(ticks) => quote(&format_timespan(ticks_to_micros(*ticks))),
        Dynamic::Guid(text) => quote(&guid_text(text, span)?),
        Dynamic::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| dynamic_json(item, span))
                .collect::<Result<_, _>>()?;
            format!("[{}]", items.join(","))
        }
        Dynamic::Object(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| Ok(format!("{}:{}", quote(k), dynamic_json(v, span)?)))
                .collect::<Result<_, Diagnostic>>()?;
            format!("{{{}}}", entries.join(","))
        }
    })
}

/// The typed constant of a literal.
pub fn lower_literal(literal: &Literal, span: Span) -> Result<Typed, Diagnostic> {
    let (value, ty) = match literal {
        Literal::Bool(b) => (ScalarValue::Boolean(Some(*b)), ScalarType::Bool),
        Literal::Int(v) => (ScalarValue::Int32(Some(*v)), ScalarType::Int),
        Literal::Long(v) => (ScalarValue::Int64(Some(*v)), ScalarType::Long),
        Literal::Real(v) => (ScalarValue::Float64(Some(*v)), ScalarType::Real),
        Literal::Decimal(text) => (decimal_value(text.trim(), span)?, ScalarType::Decimal),
        Literal::String(s) => (ScalarValue::Utf8(Some(s.clone())), ScalarType::String),
        Literal::DateTime(text) => (
            datetime_value(parse_datetime_literal(text, span)?),
            ScalarType::DateTime,
        ),
        Literal::TimeSpan(ticks) => (
            timespan_value(ticks_to_micros(*ticks)),
            ScalarType::TimeSpan,
        ),
        Literal::Guid(text) => (
            ScalarValue::Utf8(Some(guid_text(text, span)?)),
            ScalarType::Guid,
        ),
        Literal::Dynamic(d) => match d {
            Dynamic::Null => (ScalarValue::Utf8(None), ScalarType::Dynamic),
            d => (
                ScalarValue::Utf8(Some(dynamic_json(d, span)?)),
                ScalarType::Dynamic,
            ),
        },
        Literal::Null(ty) => (null_of(*ty), *ty),
    };
    Ok(Typed::new(lit(value), ty))
}

/// The constant an expression holds, if it is one.
pub fn constant(expr: &Expr) -> Option<&ScalarValue> {
    match expr {
        Expr::Literal(value, _) => Some(value),
        Expr::Alias(alias) => constant(&alias.expr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_guids() {
        let span = Span::default();
        assert_eq!(
            decimal_value("1.5", span).ok(),
            Some(ScalarValue::Decimal128(
                Some(15 * 10i128.pow(17)),
                DECIMAL_PRECISION,
                DECIMAL_SCALE
            ))
        );
        assert!(decimal_value("1.x", span).is_err());
        assert_eq!(
            guid_text("74BE27DE-1E4E-49D9-B579-FE0B331D3642", span)
                .ok()
                .as_deref(),
            Some("74be27de-1e4e-49d9-b579-fe0b331d3642")
        );
        assert!(guid_text("nope", span).is_err());
    }

    #[test]
    fn dynamic_literals_become_json() {
        let value = Dynamic::Object(vec![
            (
                "a".to_string(),
                Dynamic::Array(vec![Dynamic::Long(1), Dynamic::Null]),
            ),
            ("t".to_string(), Dynamic::TimeSpan(36_000_000_000)),
        ]);
        assert_eq!(
            dynamic_json(&value, Span::default()).ok().as_deref(),
            Some(r#"{"a":[1,null],"t":"01:00:00"}"#)
        );
    }
}
