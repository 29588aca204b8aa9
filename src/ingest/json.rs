//! Small JSON helpers shared by the parsers: borrowed strings, ordered raw objects, timestamps.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A JSON string that borrows from the input when it has no escapes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BStr<'a>(pub Cow<'a, str>);

impl<'a> BStr<'a> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for BStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(BStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(BStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(BStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A JSON object kept as its keys, in order, each with the raw text of its value.
#[derive(Debug, Default)]
pub struct RawObject<'a> {
    pub entries: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> RawObject<'a> {
    /// Parses `text` as a JSON object. Errors if it is not valid JSON or not an object.
    pub fn parse(text: &'a str) -> Result<Self, String> {
        serde_json::from_str::<RawObject<'a>>(text).map_err(|e| json_error(&e))
    }

    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// Deserializes the value under `key` (absent or JSON null gives `None`), naming the field in
    /// the error.
    pub fn field<T: Deserialize<'a>>(&self, key: &str) -> Result<Option<T>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(raw) => {
                let text: &'a str = raw.get();
                if text == "null" {
                    return Ok(None);
                }
                serde_json::from_str::<T>(text)
                    .map(Some)
                    .map_err(|e| format!("field `{key}`: {}", json_error(&e)))
            }
        }
    }

    /// A string field (null or absent: `None`).
    pub fn str_field(&self, key: &str) -> Result<Option<Cow<'a, str>>, String> {
        Ok(self.field::<BStr<'a>>(key)?.map(|s| s.0))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawObject<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(key) = map.next_key::<BStr<'de>>()? {
                    let value: &'de RawValue = map.next_value()?;
                    entries.push((key.0, value));
                }
                Ok(RawObject { entries })
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// serde_json's message without its trailing position when the position says nothing useful.
pub fn json_error(e: &serde_json::Error) -> String {
    e.to_string()
}

/// Appends `s` to `out` as a JSON string literal.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => out.push_str(&format!("\\u{:04x}", b)),
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Microseconds since the Unix epoch for a UTC RFC 3339 timestamp. Fast path for the
/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` form every API server writes, chrono for the rest (offsets,
/// a space instead of `T`).
pub fn parse_timestamp_micros(s: &str) -> Option<i64> {
    fast_rfc3339(s).or_else(|| slow_timestamp(s))
}

fn digits(b: &[u8]) -> Option<i64> {
    let mut v: i64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

fn fast_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' || !matches!(b[b.len() - 1], b'Z' | b'z') {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    let second = digits(&b[17..19])?;
    let mut micros = 0i64;
    let rest = &b[19..b.len() - 1];
    if !rest.is_empty() {
        if rest[0] != b'.' || rest.len() < 2 || rest.len() > 10 {
            return None;
        }
        let frac = &rest[1..];
        let mut v = digits(frac)?;
        // Scale to 9 digits then to micros (truncating sub-microsecond digits).
        for _ in frac.len()..9 {
            v *= 10;
        }
        micros = v / 1000;
    }
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32)?;
    let days = date
        .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?)
        .num_days();
    Some(((days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000) + micros)
}

fn slow_timestamp(s: &str) -> Option<i64> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.timestamp_micros());
    }
    // GKE fixtures and some exporters write `2024-01-19 13:47:18.279921000` (UTC, no zone).
    for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.and_utc().timestamp_micros());
        }
    }
    None
}

/// `YYYY-MM-DD` of a UTC microsecond timestamp.
pub fn date_of_micros(micros: i64) -> String {
    match chrono::DateTime::from_timestamp_micros(micros) {
        Some(dt) => dt.format("%Y-%m-%d").to_string(),
        None => "unknown".to_string(),
    }
}

/// Parses Event Hubs' US-culture `EnqueuedTimeUtc`, e.g. `12/9/2022 4:51:25 PM`.
pub fn parse_us_enqueued_time(s: &str) -> Option<i64> {
    chrono::NaiveDateTime::parse_from_str(s.trim(), "%m/%d/%Y %I:%M:%S %p")
        .ok()
        .map(|dt| dt.and_utc().timestamp_micros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_parse_in_every_form_seen() {
        let base = parse_timestamp_micros("2018-10-25T17:53:07Z").unwrap();
        assert_eq!(base, 1_540_489_987_000_000);
        assert_eq!(
            parse_timestamp_micros("2018-10-25T17:53:07.123456Z"),
            Some(base + 123_456)
        );
        assert_eq!(
            parse_timestamp_micros("2018-10-25T17:53:07.1234567Z"),
            Some(base + 123_456)
        );
        assert_eq!(
            parse_timestamp_micros("2018-10-25T17:53:07.123456789Z"),
            Some(base + 123_456)
        );
        assert_eq!(
            parse_timestamp_micros("2018-10-25T19:53:07+02:00"),
            Some(base)
        );
        assert_eq!(
            parse_timestamp_micros("2018-10-25 17:53:07.5"),
            Some(base + 500_000)
        );
        assert_eq!(parse_timestamp_micros("yesterday"), None);
        assert_eq!(parse_timestamp_micros("2018-13-25T17:53:07Z"), None);
    }

    #[test]
    fn enqueued_time_us_format() {
        let t = parse_us_enqueued_time("12/9/2022 4:51:25 PM").unwrap();
        assert_eq!(t, parse_timestamp_micros("2022-12-09T16:51:25Z").unwrap());
        assert_eq!(
            parse_us_enqueued_time("1/2/2023 12:00:01 AM"),
            parse_timestamp_micros("2023-01-02T00:00:01Z")
        );
    }

    #[test]
    fn raw_object_keeps_order_and_raw_text() {
        let obj = RawObject::parse(r#"{"b": {"x": [1, 2]}, "a": "q\"uote", "n": null}"#).unwrap();
        let keys: Vec<&str> = obj.entries.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["b", "a", "n"]);
        assert_eq!(obj.get("b").unwrap().get(), r#"{"x": [1, 2]}"#);
        assert_eq!(obj.str_field("a").unwrap().as_deref(), Some("q\"uote"));
        assert_eq!(obj.str_field("n").unwrap(), None);
        let err = obj.str_field("b").unwrap_err();
        assert!(err.starts_with("field `b`: invalid type: map"), "{err}");
        assert!(RawObject::parse("[1]").is_err());
        assert!(RawObject::parse(r#"{"a": "#).is_err());
    }

    #[test]
    fn json_string_escaping_round_trips() {
        let mut s = String::new();
        push_json_string(&mut s, "a\"b\\c\nd\u{1}é");
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}é");
    }
}
