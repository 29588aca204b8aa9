//! Reading `dynamic` values, which kqlhunt keeps as JSON text (see `docs/dynamic.md`): walking a
//! path of keys and indexes without building a tree, compact printing, and the conversions
//! KQL applies to a dynamic value (`tostring()`, `tolong()`, ...).

use std::borrow::Cow;

use serde_json::value::RawValue;

use crate::ingest::json::RawObject;

/// One step of a dynamic path: `a.b` / `a["b"]` (a key) or `a[0]` / `a[-1]` (an index, negative
/// from the end).
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'a> {
    Key(Cow<'a, str>),
    Index(i64),
}

/// The raw JSON of the value at `steps` below `text`, or `None` when a step does not exist, a
/// step does not fit the value (a key into an array, ...), the text is not JSON, or the value
/// is JSON `null` (KQL's dynamic null).
pub fn get<'a>(text: &'a str, steps: &[Step<'_>]) -> Option<&'a str> {
    let mut current: &'a str = text.trim();
    for step in steps {
        current = match step {
            Step::Key(key) => {
                if !current.starts_with('{') {
                    return None;
                }
                let object = RawObject::parse(current).ok()?;
                // Kusto keeps the last of duplicate keys.
                object
                    .entries
                    .iter()
                    .rev()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.get())?
            }
            Step::Index(index) => {
                if !current.starts_with('[') {
                    return None;
                }
                let items: Vec<&'a RawValue> = serde_json::from_str(current).ok()?;
                let at = if *index < 0 {
                    items.len().checked_sub(index.unsigned_abs() as usize)?
                } else {
                    usize::try_from(*index).ok()?
                };
                items.get(at)?.get()
            }
        };
    }
    (current != "null" && !current.is_empty()).then_some(current)
}

/// Whether `text` (JSON) has whitespace outside strings.
fn has_insignificant_whitespace(text: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b.is_ascii_whitespace() {
            return true;
        }
    }
    false
}

/// `text` (JSON) without whitespace outside strings; everything else, numbers included, as
/// written.
pub fn compact(text: &str) -> Cow<'_, str> {
    if !has_insignificant_whitespace(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// KQL `tostring()` of a dynamic value: a JSON string gives its text (unescaped, without
/// quotes), null gives the empty string, anything else its compact JSON.
pub fn to_text(json: Option<&str>) -> Cow<'_, str> {
    let Some(text) = json.map(str::trim) else {
        return Cow::Borrowed("");
    };
    if text == "null" {
        return Cow::Borrowed("");
    }
    if text.starts_with('"') {
        if !text.contains('\\') && text.len() >= 2 {
            return Cow::Borrowed(&text[1..text.len() - 1]);
        }
        if let Ok(s) = serde_json::from_str::<String>(text) {
            return Cow::Owned(s);
        }
    }
    compact(text)
}

/// The JSON text of a string value.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    crate::ingest::json::push_json_string(&mut out, text);
    out
}

/// The string a dynamic value holds, if it is a JSON string.
fn as_string(text: &str) -> Option<Cow<'_, str>> {
    if !text.starts_with('"') {
        return None;
    }
    if !text.contains('\\') && text.len() >= 2 {
        return Some(Cow::Borrowed(&text[1..text.len() - 1]));
    }
    serde_json::from_str::<String>(text).ok().map(Cow::Owned)
}

/// KQL `todouble()` of a dynamic value: JSON numbers, numeric strings, and booleans (1/0).
pub fn to_f64(text: &str) -> Option<f64> {
    let text = text.trim();
    match text {
        "true" => Some(1.0),
        "false" => Some(0.0),
        _ => match as_string(text) {
            Some(s) => s.trim().parse::<f64>().ok(),
            None => text.parse::<f64>().ok(),
        },
    }
}

/// KQL `tolong()` of a dynamic value: integers as they are, reals truncated toward zero, numeric
/// strings parsed the same way, booleans as 1/0.
pub fn to_i64(text: &str) -> Option<i64> {
    let text = text.trim();
    let parse = |s: &str| {
        s.parse::<i64>().ok().or_else(|| {
            s.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && f.abs() < 9.2e18)
                .map(|f| f.trunc() as i64)
        })
    };
    match text {
        "true" => Some(1),
        "false" => Some(0),
        _ => match as_string(text) {
            Some(s) => parse(s.trim()),
            None => parse(text),
        },
    }
}

/// KQL `tobool()` of a dynamic value: JSON booleans, the strings `true`/`false` (any case) and
/// `1`/`0`, and numbers (non-zero is true).
pub fn to_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => match as_string(text) {
            Some(s) => parse_bool(&s),
            None => text.parse::<f64>().ok().map(|f| f != 0.0),
        },
    }
}

/// `true`/`false` (any case), `1`/`0`.
pub fn parse_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("true") || text == "1" {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") || text == "0" {
        Some(false)
    } else {
        None
    }
}

/// KQL `todatetime()` of a dynamic value: a string in one of the datetime forms.
pub fn to_datetime(text: &str) -> Option<i64> {
    as_string(text.trim()).and_then(|s| crate::value::parse_datetime(&s))
}

/// KQL `totimespan()` of a dynamic value: a string in timespan form.
pub fn to_timespan(text: &str) -> Option<i64> {
    as_string(text.trim()).and_then(|s| crate::value::parse_timespan(&s))
}

/// The elements `mv-expand` makes of a dynamic value: an array's elements; a property bag's
/// properties (`bag` mode: each as a one-property bag; `array` mode: each as `[key, value]`);
/// nothing for an empty array or bag; a null value or scalar stays one element.
pub fn expand(json: Option<&str>, bag_as_array: bool) -> Vec<Option<String>> {
    let Some(text) = json.map(str::trim).filter(|t| *t != "null") else {
        return vec![None];
    };
    if text.starts_with('[') {
        if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(text) {
            return items
                .into_iter()
                .map(|v| (v.get() != "null").then(|| v.get().to_string()))
                .collect();
        }
    } else if text.starts_with('{')
        && let Ok(object) = RawObject::parse(text)
    {
        return object
            .entries
            .iter()
            .map(|(k, v)| {
                let key = quote(k);
                Some(if bag_as_array {
                    format!("[{key},{}]", v.get())
                } else {
                    format!("{{{key}:{}}}", v.get())
                })
            })
            .collect();
    }
    vec![Some(text.to_string())]
}

/// The number of elements of a JSON array, `None` for anything else.
pub fn array_length(text: &str) -> Option<usize> {
    let text = text.trim();
    if !text.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<&RawValue>>(text)
        .ok()
        .map(|v| v.len())
}

/// The elements of a JSON array as raw JSON, `None` for anything else.
pub fn array_elements(text: &str) -> Option<Vec<&str>> {
    let text = text.trim();
    if !text.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<&RawValue>>(text)
        .ok()
        .map(|v| v.into_iter().map(RawValue::get).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step<'_> {
        Step::Key(Cow::Borrowed(k))
    }

    #[test]
    fn walks_keys_and_indexes() {
        let doc = r#"{"a": {"b": [1, {"c": "x"}, null]}, "n": null, "a": {"b": [7]}}"#;
        assert_eq!(get(doc, &[key("a"), key("b"), Step::Index(0)]), Some("7"));
        let doc = r#"{"a": {"b": [1, {"c": "x"}, null]}, "n": null}"#;
        assert_eq!(
            get(doc, &[key("a"), key("b"), Step::Index(1), key("c")]),
            Some("\"x\"")
        );
        assert_eq!(get(doc, &[key("a"), key("b"), Step::Index(-3)]), Some("1"));
        assert_eq!(get(doc, &[key("a"), key("b"), Step::Index(-4)]), None);
        assert_eq!(get(doc, &[key("a"), key("b"), Step::Index(2)]), None);
        assert_eq!(get(doc, &[key("n")]), None);
        assert_eq!(get(doc, &[key("missing"), key("x")]), None);
        assert_eq!(get(doc, &[key("a"), Step::Index(0)]), None);
        assert_eq!(get("not json", &[key("a")]), None);
        assert_eq!(get(doc, &[]).map(|s| s.len()), Some(doc.len()));
    }

    #[test]
    fn tostring_of_dynamic() {
        assert_eq!(to_text(Some("\"a\\\"b\"")), "a\"b");
        assert_eq!(to_text(Some("\"plain\"")), "plain");
        assert_eq!(to_text(Some("true")), "true");
        assert_eq!(to_text(Some("{ \"a\" : [1, 2] }")), "{\"a\":[1,2]}");
        assert_eq!(to_text(Some("null")), "");
        assert_eq!(to_text(None), "");
        assert_eq!(compact("{\"a b\": \" x \"}"), "{\"a b\":\" x \"}");
    }

    #[test]
    fn conversions() {
        assert_eq!(to_i64("201"), Some(201));
        assert_eq!(to_i64("\"201\""), Some(201));
        assert_eq!(to_i64("2.9"), Some(2));
        assert_eq!(to_i64("\"x\""), None);
        assert_eq!(to_f64("1e3"), Some(1000.0));
        assert_eq!(to_bool("\"TRUE\""), Some(true));
        assert_eq!(to_bool("0"), Some(false));
        assert_eq!(to_bool("{}"), None);
        assert!(to_datetime("\"2026-11-20T10:00:00Z\"").is_some());
        assert_eq!(to_timespan("\"01:00:00\""), Some(3_600_000_000));
    }

    #[test]
    fn expansion() {
        assert_eq!(
            expand(Some("[1, \"a\", null]"), false),
            vec![Some("1".to_string()), Some("\"a\"".to_string()), None]
        );
        assert_eq!(
            expand(Some("{\"k\": 1, \"l\": [2]}"), false),
            vec![
                Some("{\"k\":1}".to_string()),
                Some("{\"l\":[2]}".to_string())
            ]
        );
        assert_eq!(
            expand(Some("{\"k\": 1}"), true),
            vec![Some("[\"k\",1]".to_string())]
        );
        assert!(expand(Some("[]"), false).is_empty());
        assert_eq!(expand(None, false), vec![None]);
        assert_eq!(expand(Some("5"), false), vec![Some("5".to_string())]);
    }
}
