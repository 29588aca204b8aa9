//! String UDFs: `tostring()` of scalar values, the `has` family (term matching), regular
//! expression extraction, `strcat_array()`, `url_decode()`, and string parsing to bool and
//! datetime.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, PrimitiveBuilder, StringBuilder,
};
use datafusion::arrow::datatypes::{self as t, DataType, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::ScalarFunctionArgs;
use regex::Regex;

use super::json_path;
use super::support::{
    KqlUdf, array_arg, array_result, boolean, const_bool, const_i64, const_string, string_arg, utf8,
};
use crate::value::{
    MICROS_PER_DAY, format_datetime, format_real, format_timespan, parse_datetime, url_decode,
};

fn to_micros(unit: &TimeUnit, value: i64) -> i64 {
    match unit {
        TimeUnit::Second => value.saturating_mul(1_000_000),
        TimeUnit::Millisecond => value.saturating_mul(1_000),
        TimeUnit::Microsecond => value,
        TimeUnit::Nanosecond => value.div_euclid(1_000),
    }
}

/// The text KQL's `tostring()` gives row `row` of a non-dynamic array (`""` for null).
pub(crate) fn text_of(array: &ArrayRef, row: usize) -> Result<String> {
    if array.is_null(row) {
        return Ok(String::new());
    }
    Ok(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_string(),
        DataType::Utf8View => array.as_string_view().value(row).to_string(),
        DataType::Boolean => array.as_boolean().value(row).to_string(),
        DataType::Float64 => format_real(array.as_primitive::<t::Float64Type>().value(row)),
        DataType::Float32 => {
            format_real(f64::from(array.as_primitive::<t::Float32Type>().value(row)))
        }
        DataType::Timestamp(unit, _) => {
            let v = match unit {
                TimeUnit::Second => array.as_primitive::<t::TimestampSecondType>().value(row),
                TimeUnit::Millisecond => array
                    .as_primitive::<t::TimestampMillisecondType>()
                    .value(row),
                TimeUnit::Microsecond => array
                    .as_primitive::<t::TimestampMicrosecondType>()
                    .value(row),
                TimeUnit::Nanosecond => array
                    .as_primitive::<t::TimestampNanosecondType>()
                    .value(row),
            };
            format_datetime(to_micros(unit, v))
        }
        DataType::Date32 => format_datetime(
            i64::from(array.as_primitive::<t::Date32Type>().value(row)) * MICROS_PER_DAY,
        ),
        DataType::Duration(unit) => {
            let v = match unit {
                TimeUnit::Second => array.as_primitive::<t::DurationSecondType>().value(row),
                TimeUnit::Millisecond => array
                    .as_primitive::<t::DurationMillisecondType>()
                    .value(row),
                TimeUnit::Microsecond => array
                    .as_primitive::<t::DurationMicrosecondType>()
                    .value(row),
                TimeUnit::Nanosecond => {
                    array.as_primitive::<t::DurationNanosecondType>().value(row)
                }
            };
            format_timespan(to_micros(unit, v))
        }
        DataType::Decimal128(_, scale) => {
            format_decimal(array.as_primitive::<t::Decimal128Type>().value(row), *scale)
        }
        _ => datafusion::arrow::util::display::array_value_to_string(array, row)?,
    })
}

/// A decimal as Kusto prints it: no trailing zeros after the point, no point for a whole number.
pub(crate) fn format_decimal(value: i128, scale: i8) -> String {
    if scale <= 0 {
        return (value * 10i128.pow(u32::from(scale.unsigned_abs()))).to_string();
    }
    let scale = scale.unsigned_abs() as usize;
    let digits = value.unsigned_abs().to_string();
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    let fraction = fraction.trim_end_matches('0');
    let sign = if value < 0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// `kql_tostring(x)`: KQL `tostring()` of a non-dynamic value (never null).
pub fn tostring() -> KqlUdf {
    KqlUdf::new("kql_tostring", utf8, None, |args| {
        let input = array_arg(args, 0)?;
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 8);
        for row in 0..input.len() {
            out.append_value(text_of(&input, row)?);
        }
        array_result(out.finish())
    })
}

/// Where a `has`-family needle must sit in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermMatch {
    /// `has`: a whole term.
    Term,
    /// `hasprefix`: the start of a term.
    Prefix,
    /// `hassuffix`: the end of a term.
    Suffix,
}

impl TermMatch {
    /// The name the planner passes to `kql_has`.
    pub fn name(self) -> &'static str {
        match self {
            TermMatch::Term => "term",
            TermMatch::Prefix => "prefix",
            TermMatch::Suffix => "suffix",
        }
    }

    fn from_name(name: &str) -> Option<TermMatch> {
        match name {
            "term" => Some(TermMatch::Term),
            "prefix" => Some(TermMatch::Prefix),
            "suffix" => Some(TermMatch::Suffix),
            _ => None,
        }
    }
}

/// Kusto's term rule: terms are maximal runs of letters and digits. `needle` matches when it
/// occurs in `text` with a term boundary before it (if it starts with a letter or digit, and the
/// mode requires the start) and after it (likewise for its end). An empty needle always matches.
pub fn has_term(text: &str, needle: &str, mode: TermMatch) -> bool {
    if needle.is_empty() {
        return true;
    }
    let check_start =
        mode != TermMatch::Suffix && needle.chars().next().is_some_and(char::is_alphanumeric);
    let check_end =
        mode != TermMatch::Prefix && needle.chars().last().is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(found) = text[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let start_ok = !check_start
            || text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
        let end_ok = !check_end
            || text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        if start_ok && end_ok {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// `kql_has(text, needle, case_sensitive, 'term'|'prefix'|'suffix')`: the `has`, `hasprefix`
/// and `hassuffix` operators.
pub fn has() -> KqlUdf {
    KqlUdf::new("kql_has", boolean, None, |args| {
        let text = string_arg(args, 0)?;
        let needle = string_arg(args, 1)?;
        let case_sensitive = const_bool(args, 2, "the case flag")?;
        let mode_name = const_string(args, 3, "the match kind")?;
        let Some(mode) = TermMatch::from_name(&mode_name) else {
            return exec_err!("kql_has: unknown match kind {mode_name}");
        };
        let mut out = BooleanBuilder::with_capacity(text.len());
        for row in 0..text.len() {
            if text.is_null(row) || needle.is_null(row) {
                out.append_null();
                continue;
            }
            let matched = if case_sensitive {
                has_term(text.value(row), needle.value(row), mode)
            } else {
                has_term(
                    &text.value(row).to_lowercase(),
                    &needle.value(row).to_lowercase(),
                    mode,
                )
            };
            out.append_value(matched);
        }
        array_result(out.finish())
    })
}

fn regex_arg(args: &ScalarFunctionArgs, i: usize) -> Result<Regex> {
    let pattern = const_string(args, i, "the regular expression")?;
    match Regex::new(&pattern) {
        Ok(re) => Ok(re),
        Err(e) => exec_err!("invalid regular expression: {e}"),
    }
}

/// `kql_extract(regex, group, text)`: the text of capture group `group` (0: the whole match) of
/// the first match, `""` when there is none.
pub fn extract() -> KqlUdf {
    KqlUdf::new("kql_extract", utf8, None, |args| {
        let re = regex_arg(args, 0)?;
        let group = usize::try_from(const_i64(args, 1, "the capture group")?).unwrap_or(0);
        let text = string_arg(args, 2)?;
        let mut out = StringBuilder::with_capacity(text.len(), text.len() * 8);
        for row in 0..text.len() {
            let found = (!text.is_null(row))
                .then(|| re.captures(text.value(row)))
                .flatten()
                .and_then(|c| c.get(group).map(|m| m.as_str()));
            out.append_value(found.unwrap_or(""));
        }
        array_result(out.finish())
    })
}

/// `kql_extract_all(regex, text)`: every match, as a dynamic array: of the capture group's text
/// when the expression has one group, of arrays of the groups' texts when it has several, of
/// the whole matches when it has none. Null when nothing matches.
pub fn extract_all() -> KqlUdf {
    KqlUdf::new("kql_extract_all", utf8, Some("dynamic"), |args| {
        let re = regex_arg(args, 0)?;
        let text = string_arg(args, 1)?;
        // The groups chosen by the three-argument form, else all of them.
        let chosen: Vec<usize> = if args.args.len() > 2 {
            const_string(args, 2, "the capture groups")?
                .split(',')
                .filter_map(|g| g.parse().ok())
                .collect()
        } else {
            (1..re.captures_len()).collect()
        };
        let groups = chosen.len();
        let mut out = StringBuilder::with_capacity(text.len(), text.len() * 8);
        for row in 0..text.len() {
            if text.is_null(row) {
                out.append_null();
                continue;
            }
            let mut items = Vec::new();
            for caps in re.captures_iter(text.value(row)) {
                let group = |i: usize| json_path::quote(caps.get(i).map_or("", |m| m.as_str()));
                items.push(match groups {
                    0 => group(0),
                    1 => group(chosen[0]),
                    _ => format!(
                        "[{}]",
                        chosen
                            .iter()
                            .map(|&g| group(g))
                            .collect::<Vec<_>>()
                            .join(",")
                    ),
                });
            }
            if items.is_empty() {
                out.append_null();
            } else {
                out.append_value(format!("[{}]", items.join(",")));
            }
        }
        array_result(out.finish())
    })
}

/// `kql_strcat_array(array, delimiter)`: the array's elements as text (`tostring()` of each),
/// joined; `""` for anything but an array.
pub fn strcat_array() -> KqlUdf {
    KqlUdf::new("kql_strcat_array", utf8, None, |args| {
        let input = string_arg(args, 0)?;
        let delimiter = string_arg(args, 1)?;
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 16);
        for row in 0..input.len() {
            let elements = (!input.is_null(row))
                .then(|| json_path::array_elements(input.value(row)))
                .flatten()
                .unwrap_or_default();
            let delimiter = if delimiter.is_null(row) {
                ""
            } else {
                delimiter.value(row)
            };
            let joined = elements
                .into_iter()
                .map(|e| json_path::to_text(Some(e)))
                .collect::<Vec<_>>()
                .join(delimiter);
            out.append_value(joined);
        }
        array_result(out.finish())
    })
}

/// `kql_url_decode(text)`: `%XX` escapes decoded.
pub fn url_decode_udf() -> KqlUdf {
    KqlUdf::new("kql_url_decode", utf8, None, |args| {
        let input = string_arg(args, 0)?;
        let mut out = StringBuilder::with_capacity(input.len(), input.len() * 16);
        for row in 0..input.len() {
            if input.is_null(row) {
                out.append_value("");
            } else {
                out.append_value(url_decode(input.value(row)));
            }
        }
        array_result(out.finish())
    })
}

/// `kql_tobool(text)`: `true`/`false` (any case) and `1`/`0`; null otherwise.
pub fn tobool() -> KqlUdf {
    KqlUdf::new("kql_tobool", boolean, None, |args| {
        let input = string_arg(args, 0)?;
        let mut out = BooleanBuilder::with_capacity(input.len());
        for row in 0..input.len() {
            out.append_option(
                (!input.is_null(row))
                    .then(|| json_path::parse_bool(input.value(row)))
                    .flatten(),
            );
        }
        array_result(out.finish())
    })
}

fn datetime_result(_: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    Ok(crate::lake::schema::datetime_type())
}

/// `kql_todatetime(text)`: the datetime forms of [`parse_datetime`]; null otherwise.
pub fn todatetime() -> KqlUdf {
    KqlUdf::new("kql_todatetime", datetime_result, None, |args| {
        let input = string_arg(args, 0)?;
        let mut out = PrimitiveBuilder::<TimestampMicrosecondType>::with_capacity(input.len())
            .with_timezone(crate::lake::schema::UTC);
        for row in 0..input.len() {
            out.append_option(
                (!input.is_null(row))
                    .then(|| parse_datetime(input.value(row)))
                    .flatten(),
            );
        }
        array_result(out.finish())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_print_without_trailing_zeros() {
        assert_eq!(format_decimal(2_500_000_000_000_000_000, 18), "2.5");
        assert_eq!(format_decimal(-15, 1), "-1.5");
        assert_eq!(format_decimal(5, 3), "0.005");
        assert_eq!(format_decimal(3_000, 3), "3");
    }

    #[test]
    fn term_matching() {
        let text = "kubectl exec -it pod -- /bin/sh";
        assert!(has_term(text, "exec", TermMatch::Term));
        assert!(!has_term(text, "exe", TermMatch::Term));
        assert!(has_term(text, "exe", TermMatch::Prefix));
        assert!(!has_term(text, "xec", TermMatch::Prefix));
        assert!(has_term(text, "xec", TermMatch::Suffix));
        assert!(has_term(text, "bin/sh", TermMatch::Term));
        assert!(
            has_term(text, "/bin", TermMatch::Term),
            "non-alphanumeric edge"
        );
        assert!(has_term("a.b", "a.b", TermMatch::Term));
        assert!(!has_term("xa.b", "a.b", TermMatch::Term));
        assert!(
            has_term("aaa aa", "aa", TermMatch::Term),
            "later occurrence"
        );
        assert!(has_term("é-x", "x", TermMatch::Term));
        assert!(has_term("anything", "", TermMatch::Term));
    }
}
