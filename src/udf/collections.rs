//! UDFs building and reading dynamic arrays and bags (JSON text): `pack_array()`, `bag_pack()`,
//! array slicing, searching, sorting and set operations, `bag_keys()`, `gettype()`, and the
//! finishing steps of the `make_bag()` and `percentile()` aggregations.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::sync::Arc;

use datafusion::arrow::array::{Array, AsArray, StringBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::ColumnarValue;
use serde_json::value::RawValue;

use super::json_path::{self, compact, quote};
use super::support::{
    KqlUdf, array_arg, array_result, f64_arg, i64_arg, int64, opt_f64, opt_i64, text_rows,
    text_rows_i64, utf8,
};
use crate::ingest::json::RawObject;

/// The elements of a JSON array (compacted), `None` when the text is not an array.
fn elements(text: Option<&str>) -> Option<Vec<String>> {
    let text = text?.trim();
    if !text.starts_with('[') {
        return None;
    }
    let items: Vec<&RawValue> = serde_json::from_str(text).ok()?;
    Some(
        items
            .iter()
            .map(|v| compact(v.get()).into_owned())
            .collect(),
    )
}

fn array_text(items: &[String]) -> String {
    format!("[{}]", items.join(","))
}

/// A dynamic argument as a JSON element (`null` for null).
fn element(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_string(), |t| compact(t).into_owned())
}

/// `kql_pack_array(json, ...)`: the values as one array.
pub fn pack_array() -> KqlUdf {
    KqlUdf::new("kql_pack_array", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| {
            let items: Vec<String> = v.iter().map(|t| element(*t)).collect();
            Some(array_text(&items))
        })
    })
}

/// `kql_bag_pack(key, json, key, json, ...)`: a property bag (a later duplicate key wins).
pub fn bag_pack() -> KqlUdf {
    KqlUdf::new("kql_bag_pack", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| {
            let mut entries: Vec<(String, String)> = Vec::new();
            for pair in v.chunks(2) {
                let key = pair[0].unwrap_or("").to_string();
                let value = element(pair.get(1).copied().flatten());
                match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 = value,
                    None => entries.push((key, value)),
                }
            }
            Some(bag_text(&entries))
        })
    })
}

/// `kql_bag_pack_present(key, json, ...)`: as `kql_bag_pack`, leaving out the pairs whose value
/// is null (`pack_all(true)`).
pub fn bag_pack_present() -> KqlUdf {
    KqlUdf::new("kql_bag_pack_present", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| {
            let mut entries: Vec<(String, String)> = Vec::new();
            for pair in v.chunks(2) {
                let Some(value) = pair.get(1).copied().flatten() else {
                    continue;
                };
                let key = pair[0].unwrap_or("").to_string();
                let value = element(Some(value));
                match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 = value,
                    None => entries.push((key, value)),
                }
            }
            Some(bag_text(&entries))
        })
    })
}

fn bag_text(entries: &[(String, String)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{v}", quote(k)))
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// `kql_array_concat(json, ...)`: the arrays joined; null when an argument is not an array.
pub fn array_concat() -> KqlUdf {
    KqlUdf::new("kql_array_concat", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| {
            let mut all = Vec::new();
            for t in v {
                all.extend(elements(*t)?);
            }
            Some(array_text(&all))
        })
    })
}

/// A position counted from the end when negative.
fn position(i: i64, len: usize) -> i64 {
    if i < 0 { i + len as i64 } else { i }
}

/// `kql_array_slice(json, start, end)`: the elements from `start` to `end` inclusive
/// (negative: from the end); null for a non-array.
pub fn array_slice() -> KqlUdf {
    KqlUdf::new("kql_array_slice", utf8, Some("dynamic"), |args| {
        let starts = i64_arg(args, 1)?;
        let ends = i64_arg(args, 2)?;
        let mut row = 0;
        text_rows(args, |v| {
            let r = row;
            row += 1;
            let items = elements(v[0])?;
            let n = items.len();
            let start = position(opt_i64(&starts, r)?, n).max(0);
            let end = position(opt_i64(&ends, r)?, n).min(n as i64 - 1);
            if start > end {
                return Some("[]".to_string());
            }
            Some(array_text(&items[start as usize..=end as usize]))
        })
    })
}

/// `kql_array_index_of(json, lookup_json, start, length, occurrence)`: the index of the
/// `occurrence`-th element equal to the lookup at or after `start`, within `length` elements
/// (-1: to the end); -1 when absent, null for a non-array.
pub fn array_index_of() -> KqlUdf {
    KqlUdf::new("kql_array_index_of", int64, None, |args| {
        let starts = i64_arg(args, 2)?;
        let lengths = i64_arg(args, 3)?;
        let occurrences = i64_arg(args, 4)?;
        let mut row = 0;
        text_rows_i64(args, |v| {
            let r = row;
            row += 1;
            let items = elements(v[0])?;
            let lookup = element(v[1]);
            let n = items.len() as i64;
            let start = position(opt_i64(&starts, r)?, items.len());
            if start < 0 || start > n {
                return None;
            }
            let length = opt_i64(&lengths, r)?;
            let end = if length < 0 {
                n
            } else {
                (start + length).min(n)
            };
            let wanted = opt_i64(&occurrences, r)?.max(1);
            let mut seen = 0;
            for i in start..end {
                if items[i as usize] == lookup {
                    seen += 1;
                    if seen == wanted {
                        return Some(i);
                    }
                }
            }
            Some(-1)
        })
    })
}

/// KQL's order of dynamic values: numbers by value, strings by text, then the rest by text.
fn compare_json(a: &str, b: &str) -> Ordering {
    match (json_path::to_f64(a), json_path::to_f64(b)) {
        (Some(x), Some(y)) if !a.starts_with('"') && !b.starts_with('"') => {
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        }
        _ => json_path::to_text(Some(a)).cmp(&json_path::to_text(Some(b))),
    }
}

/// `kql_array_sort(json, descending, nulls_last, others...)`: the elements sorted (stably);
/// with other arrays, an array of all of them, each reordered as the first (null for one whose
/// length differs from the first's).
pub fn array_sort() -> KqlUdf {
    KqlUdf::new("kql_array_sort", utf8, Some("dynamic"), |args| {
        let descending = super::support::const_bool(args, 1, "the direction")?;
        let nulls_last = super::support::const_bool(args, 2, "nulls_last")?;
        let several = args.args.len() > 3;
        text_rows(args, |v| {
            let Some(items) = elements(v[0]) else {
                return several.then(|| array_text(&vec!["null".to_string(); v.len() - 2]));
            };
            let mut order: Vec<usize> = (0..items.len()).collect();
            order.sort_by(|&a, &b| {
                let (x, y) = (&items[a], &items[b]);
                match (x == "null", y == "null") {
                    (true, true) => Ordering::Equal,
                    (true, false) if nulls_last => Ordering::Greater,
                    (true, false) => Ordering::Less,
                    (false, true) if nulls_last => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => {
                        let o = compare_json(x, y);
                        if descending { o.reverse() } else { o }
                    }
                }
            });
            let reorder = |items: &[String]| -> String {
                array_text(&order.iter().map(|&i| items[i].clone()).collect::<Vec<_>>())
            };
            if !several {
                return Some(reorder(&items));
            }
            let mut out = vec![reorder(&items)];
            for other in &v[3..] {
                out.push(match elements(*other) {
                    Some(o) if o.len() == items.len() => reorder(&o),
                    _ => "null".to_string(),
                });
            }
            Some(array_text(&out))
        })
    })
}

/// `kql_array_reverse(json)`: the elements in reverse order; null for a non-array.
pub fn array_reverse() -> KqlUdf {
    KqlUdf::new("kql_array_reverse", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| {
            let mut items = elements(v[0])?;
            items.reverse();
            Some(array_text(&items))
        })
    })
}

/// `kql_bag_keys(json)`: the keys of a bag as an array; null for anything else.
pub fn bag_keys() -> KqlUdf {
    KqlUdf::new("kql_bag_keys", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| {
            let text = v[0]?.trim();
            if !text.starts_with('{') {
                return None;
            }
            let bag = RawObject::parse(text).ok()?;
            let keys: Vec<String> = bag.entries.iter().map(|(k, _)| quote(k)).collect();
            Some(array_text(&keys))
        })
    })
}

/// `kql_set_op(kind, json, ...)`: `union`, `intersect` or `difference` of arrays, distinct
/// elements in first-seen order; null when an argument is not an array.
pub fn set_op() -> KqlUdf {
    KqlUdf::new("kql_set_op", utf8, Some("dynamic"), |args| {
        let kind = super::support::const_string(args, 0, "the set operation")?;
        text_rows(args, |v| {
            let arrays: Vec<Vec<String>> =
                v[1..].iter().map(|t| elements(*t)).collect::<Option<_>>()?;
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            let candidates: Vec<&String> = match kind.as_str() {
                "union" => arrays.iter().flatten().collect(),
                _ => arrays.first()?.iter().collect(),
            };
            for item in candidates {
                let keep = match kind.as_str() {
                    "intersect" => arrays[1..].iter().all(|a| a.contains(item)),
                    "difference" => arrays[1..].iter().all(|a| !a.contains(item)),
                    _ => true,
                };
                if keep && seen.insert(item.clone()) {
                    out.push(item.clone());
                }
            }
            Some(array_text(&out))
        })
    })
}

/// The `gettype()` name of a JSON value.
fn json_type(text: Option<&str>) -> &'static str {
    let Some(text) = text.map(str::trim) else {
        return "null";
    };
    match text.as_bytes().first() {
        None => "null",
        Some(b'{') => "dictionary",
        Some(b'[') => "array",
        Some(b'"') => "string",
        Some(b't' | b'f') => "bool",
        Some(b'n') => "null",
        _ if text.contains(['.', 'e', 'E']) => "real",
        _ if text.parse::<i32>().is_ok() => "int",
        _ => "long",
    }
}

/// `kql_gettype(json)`: the type of a dynamic value (`array`, `dictionary`, `string`, `int`,
/// `long`, `real`, `bool`, `null`).
pub fn gettype() -> KqlUdf {
    KqlUdf::new("kql_gettype", utf8, None, |args| {
        text_rows(args, |v| Some(json_type(v[0]).to_string()))
    })
}

/// `kql_merge_bags(list)`: the bags of a list (an aggregation's `array_agg`) merged into one;
/// the first value of a key wins; non-bags are skipped.
pub fn merge_bags() -> KqlUdf {
    KqlUdf::new("kql_merge_bags", utf8, Some("dynamic"), |args| {
        let input = array_arg(args, 0)?;
        let Some(list) = input.as_list_opt::<i32>() else {
            return exec_err!("kql_merge_bags expects a list, got {}", input.data_type());
        };
        let mut out = StringBuilder::new();
        for row in 0..list.len() {
            let mut entries: Vec<(String, String)> = Vec::new();
            if !list.is_null(row) {
                let values = datafusion::arrow::compute::cast(&list.value(row), &DataType::Utf8)?;
                let values = values.as_string::<i32>();
                for i in 0..values.len() {
                    if values.is_null(i) {
                        continue;
                    }
                    let Ok(bag) = RawObject::parse(values.value(i).trim()) else {
                        continue;
                    };
                    for (k, v) in bag.entries {
                        if !entries.iter().any(|(key, _)| *key == k) {
                            entries.push((k.into_owned(), compact(v.get()).into_owned()));
                        }
                    }
                }
            }
            out.append_value(bag_text(&entries));
        }
        array_result(out.finish())
    })
}

/// `kql_json_set(list)`: the distinct values of a list (an aggregation's `array_agg` of JSON
/// texts) as one array, in first-seen order; an array's elements count one by one (`make_set()`).
pub fn json_set() -> KqlUdf {
    KqlUdf::new("kql_json_set", utf8, Some("dynamic"), |args| {
        let input = array_arg(args, 0)?;
        let Some(list) = input.as_list_opt::<i32>() else {
            return exec_err!("kql_json_set expects a list, got {}", input.data_type());
        };
        let mut out = StringBuilder::new();
        for row in 0..list.len() {
            let mut seen = HashSet::new();
            let mut items = Vec::new();
            if !list.is_null(row) {
                let values = datafusion::arrow::compute::cast(&list.value(row), &DataType::Utf8)?;
                let values = values.as_string::<i32>();
                for i in 0..values.len() {
                    if values.is_null(i) {
                        continue;
                    }
                    let text = values.value(i);
                    let parts =
                        elements(Some(text)).unwrap_or_else(|| vec![compact(text).into_owned()]);
                    for part in parts {
                        if part != "null" && seen.insert(part.clone()) {
                            items.push(part);
                        }
                    }
                }
            }
            out.append_value(array_text(&items));
        }
        array_result(out.finish())
    })
}

fn list_element_type(types: &[DataType], _: &[Option<&ScalarValue>]) -> Result<DataType> {
    match types.first() {
        Some(DataType::List(field)) => Ok(field.data_type().clone()),
        other => exec_err!("kql_percentile expects a list, got {other:?}"),
    }
}

/// `kql_percentile(list, p)`: the nearest-rank percentile of a list (an aggregation's
/// `array_agg`): the value at rank `ceil(p / 100 * n)` of the sorted non-null values (the
/// smallest for `p` = 0); null for an empty list.
pub fn percentile() -> KqlUdf {
    KqlUdf::new("kql_percentile", list_element_type, None, |args| {
        let input = array_arg(args, 0)?;
        let Some(list) = input.as_list_opt::<i32>() else {
            return exec_err!("kql_percentile expects a list, got {}", input.data_type());
        };
        let element_type = list_element_type(&[input.data_type().clone()], &[])?;
        let ps = f64_arg(args, 1)?;
        let mut out = Vec::with_capacity(list.len());
        for row in 0..list.len() {
            let mut value = ScalarValue::try_from(&element_type)?;
            if let (false, Some(p)) = (list.is_null(row), opt_f64(&ps, row)) {
                let values = list.value(row);
                let numbers = datafusion::arrow::compute::cast(&values, &DataType::Float64)?;
                let numbers = numbers.as_primitive::<datafusion::arrow::datatypes::Float64Type>();
                let mut order: Vec<usize> =
                    (0..values.len()).filter(|i| !values.is_null(*i)).collect();
                order.sort_by(|a, b| {
                    numbers
                        .value(*a)
                        .partial_cmp(&numbers.value(*b))
                        .unwrap_or(Ordering::Equal)
                });
                if !order.is_empty() {
                    let rank = (p.clamp(0.0, 100.0) / 100.0 * order.len() as f64).ceil() as usize;
                    let at = order[rank.clamp(1, order.len()) - 1];
                    value = ScalarValue::try_from_array(&values, at)?;
                }
            }
            out.push(value);
        }
        let array = if out.is_empty() {
            datafusion::arrow::array::new_empty_array(&element_type)
        } else {
            ScalarValue::iter_to_array(out)?
        };
        Ok(ColumnarValue::Array(Arc::clone(&array)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_of_json_values() {
        assert_eq!(json_type(Some("[1]")), "array");
        assert_eq!(json_type(Some("{}")), "dictionary");
        assert_eq!(json_type(Some("1.5")), "real");
        assert_eq!(json_type(Some("7")), "int");
        assert_eq!(json_type(Some("7000000000")), "long");
        assert_eq!(json_type(None), "null");
    }

    #[test]
    fn slices_count_from_the_end() {
        assert_eq!(position(-1, 5), 4);
        assert_eq!(
            elements(Some("[1, \"a\"]")),
            Some(vec!["1".into(), "\"a\"".into()])
        );
        assert_eq!(elements(Some("{}")), None);
    }
}
