//! `kql_text(op, ...)`: more text functions: `parse_csv`, `parse_version`, `format_bytes`,
//! `string_size`, `regex_quote`, `indexof_regex`, `dynamic_to_json`, `replace_strings`,
//! `parse_urlquery`, `to_utf8`, `has_any_index`.

use serde_json::{Map, Value};

use super::rowwise::{Kind, Op, Ret, arg, long, num, text, to_text};
use super::strings::{TermMatch, has_term};

/// The first record of CSV text: its fields (quoted fields may hold commas, newlines and `""`).
fn parse_csv(s: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\n' | '\r' => break,
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    fields.push(field);
    fields
}

/// `parse_version()`: up to four numeric parts, each of up to 8 digits, as one number
/// (`1.2.3.4` is 1 00000002 00000003 00000004); null when invalid.
fn parse_version(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.trim().split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut value = 0f64;
    for i in 0..4 {
        let part = parts.get(i).copied().unwrap_or("0");
        if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        value = value * 1e8 + part.parse::<f64>().ok()?;
    }
    Some(value)
}

/// `format_bytes(size[, precision[, units[, base]]])`.
fn format_bytes(args: &[Value]) -> Value {
    let Some(size) = num(arg(args, 0)) else {
        return Value::String(String::new());
    };
    let precision = long(arg(args, 1)).unwrap_or(0).clamp(0, 15) as usize;
    let base = match long(arg(args, 3)) {
        Some(1000) => 1000.0,
        _ => 1024.0,
    };
    const UNITS: [&str; 7] = ["Bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
    let requested = arg(args, 2)
        .as_str()
        .filter(|u| !u.is_empty())
        .and_then(|u| UNITS.iter().position(|x| x.eq_ignore_ascii_case(u)));
    let index = requested.unwrap_or_else(|| {
        let mut i = 0;
        let mut v = size.abs();
        while v >= base && i < UNITS.len() - 1 {
            v /= base;
            i += 1;
        }
        i
    });
    let value = size / base.powi(index as i32);
    let text = format!("{value:.precision$}");
    Value::String(format!("{text} {}", UNITS[index]))
}

/// `indexof_regex(source, regex[, start[, length[, occurrence]]])`.
fn indexof_regex(args: &[Value]) -> Value {
    let (Some(source), Some(pattern)) = (text(arg(args, 0)), text(arg(args, 1))) else {
        return Value::Null;
    };
    let start = match args.get(2) {
        None => 0,
        Some(v) => match long(v) {
            Some(s) if s >= 0 => s,
            _ => return Value::Null,
        },
    };
    let length = args.get(3).and_then(long).unwrap_or(-1);
    let occurrence = match args.get(4) {
        None => 1,
        Some(v) => match long(v) {
            Some(o) if o > 0 => o,
            _ => return Value::Null,
        },
    };
    let Ok(re) = regex::Regex::new(pattern) else {
        return Value::Null;
    };
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let n = chars.len() as i64;
    if start > n {
        return Value::from(-1);
    }
    let end = if length < 0 {
        n
    } else {
        (start + length).min(n)
    };
    let byte = |i: i64| chars.get(i as usize).map_or(source.len(), |(b, _)| *b);
    let (from, to) = (byte(start), byte(end));
    let window = &source[from..to];
    match re.find_iter(window).nth((occurrence - 1) as usize) {
        Some(m) => {
            let at = from + m.start();
            Value::from(chars.iter().take_while(|(b, _)| *b < at).count() as i64)
        }
        None => Value::from(-1),
    }
}

/// A JSON value with the keys of every bag sorted.
fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(bag) => {
            let mut keys: Vec<&String> = bag.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), sorted(&bag[k]));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        v => v.clone(),
    }
}

/// `replace_strings(text, lookups, replacements)`: each lookup in turn is replaced in the parts
/// of the text that no earlier lookup replaced.
fn replace_strings(args: &[Value]) -> Value {
    let Some(source) = text(arg(args, 0)) else {
        return Value::String(String::new());
    };
    let (Some(lookups), Some(replacements)) = (arg(args, 1).as_array(), arg(args, 2).as_array())
    else {
        return Value::String(source.to_string());
    };
    // (text, replaced)
    let mut parts: Vec<(String, bool)> = vec![(source.to_string(), false)];
    for (i, lookup) in lookups.iter().enumerate() {
        let needle = to_text(lookup);
        if needle.is_empty() {
            continue;
        }
        // A rewrite that is not a string leaves the matches as they are.
        let replacement = match replacements.get(i) {
            Some(Value::String(r)) => r.clone(),
            _ => needle.clone(),
        };
        let mut next = Vec::with_capacity(parts.len());
        for (part, replaced) in parts {
            if replaced || !part.contains(&needle) {
                next.push((part, replaced));
                continue;
            }
            let mut rest = part.as_str();
            while let Some(at) = rest.find(&needle) {
                if at > 0 {
                    next.push((rest[..at].to_string(), false));
                }
                next.push((replacement.clone(), true));
                rest = &rest[at + needle.len()..];
            }
            if !rest.is_empty() {
                next.push((rest.to_string(), false));
            }
        }
        parts = next;
    }
    Value::String(parts.into_iter().map(|(p, _)| p).collect())
}

fn parse_urlquery(s: &str) -> Value {
    let mut params = Map::new();
    for pair in s
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |t: &str| crate::value::url_decode(&t.replace('+', " "));
        params.insert(decode(k), Value::String(decode(v)));
    }
    let mut out = Map::new();
    out.insert("Query Parameters".into(), Value::Object(params));
    Value::Object(out)
}

fn has_any_index(args: &[Value]) -> Value {
    let source = text(arg(args, 0)).unwrap_or_default().to_lowercase();
    let Some(lookups) = arg(args, 1).as_array() else {
        return Value::Null;
    };
    for (i, lookup) in lookups.iter().enumerate() {
        let needle = to_text(lookup).to_lowercase();
        if !needle.is_empty() && has_term(&source, &needle, TermMatch::Term) {
            return Value::from(i as i64);
        }
    }
    Value::from(-1)
}

/// `translate(search, replace, source)`: each character of `search` in the text becomes the
/// character at the same place of `replace` (its last one when `replace` is shorter; removed when
/// it is empty).
fn translate(args: &[Value]) -> Value {
    let (Some(search), Some(replace), Some(source)) =
        (text(arg(args, 0)), text(arg(args, 1)), text(arg(args, 2)))
    else {
        return Value::String(String::new());
    };
    let search: Vec<char> = search.chars().collect();
    let replace: Vec<char> = replace.chars().collect();
    let out: String = source
        .chars()
        .filter_map(|c| match search.iter().position(|s| *s == c) {
            None => Some(c),
            Some(_) if replace.is_empty() => None,
            Some(i) => replace.get(i).or(replace.last()).copied(),
        })
        .collect();
    Value::String(out)
}

const S: &[Kind] = &[Kind::Str];

const OPS: &[Op] = &[
    Op {
        name: "parse_csv",
        args: S,
        ret: Ret::Dynamic,
        f: |a| match text(arg(a, 0)) {
            Some(s) => Value::from(parse_csv(s)),
            None => Value::Null,
        },
    },
    Op {
        name: "parse_version",
        args: S,
        ret: Ret::Real,
        f: |a| match text(arg(a, 0)).and_then(parse_version) {
            Some(v) => super::rowwise::real(v),
            None => Value::Null,
        },
    },
    Op {
        name: "format_bytes",
        args: &[Kind::Real, Kind::Long, Kind::Str, Kind::Long],
        ret: Ret::Str,
        f: format_bytes,
    },
    Op {
        name: "string_size",
        args: S,
        ret: Ret::Long,
        f: |a| Value::from(text(arg(a, 0)).map_or(0, str::len) as i64),
    },
    Op {
        name: "regex_quote",
        args: S,
        ret: Ret::Str,
        f: |a| Value::String(regex::escape(text(arg(a, 0)).unwrap_or_default())),
    },
    Op {
        name: "indexof_regex",
        args: &[Kind::Str, Kind::Str, Kind::Long],
        ret: Ret::Long,
        f: indexof_regex,
    },
    Op {
        name: "dynamic_to_json",
        args: &[Kind::Dynamic],
        ret: Ret::Str,
        f: |a| match arg(a, 0) {
            Value::Null => Value::String("null".into()),
            v => Value::String(sorted(v).to_string()),
        },
    },
    Op {
        name: "replace_strings",
        args: &[Kind::Str, Kind::Dynamic],
        ret: Ret::Str,
        f: replace_strings,
    },
    Op {
        name: "parse_urlquery",
        args: S,
        ret: Ret::Dynamic,
        f: |a| match text(arg(a, 0)) {
            Some(s) => parse_urlquery(s),
            None => Value::Null,
        },
    },
    Op {
        name: "to_utf8",
        args: S,
        ret: Ret::Dynamic,
        f: |a| match text(arg(a, 0)) {
            Some(s) => Value::from(s.as_bytes().to_vec()),
            None => Value::Null,
        },
    },
    Op {
        name: "strcmp",
        args: S,
        ret: Ret::Long,
        f: |a| {
            let (x, y) = (text(arg(a, 0)).unwrap_or(""), text(arg(a, 1)).unwrap_or(""));
            Value::from(x.cmp(y) as i64)
        },
    },
    Op {
        name: "translate",
        args: S,
        ret: Ret::Str,
        f: translate,
    },
    Op {
        name: "isascii",
        args: S,
        ret: Ret::Bool,
        f: |a| Value::Bool(text(arg(a, 0)).unwrap_or("").is_ascii()),
    },
    Op {
        name: "has_any_index",
        args: &[Kind::Str, Kind::Dynamic],
        ret: Ret::Long,
        f: has_any_index,
    },
    Op {
        name: "parse_command_line",
        args: S,
        ret: Ret::Dynamic,
        f: |a| match text(arg(a, 0)) {
            Some(line) => Value::Array(
                split_windows_command_line(line)
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            ),
            None => Value::Null,
        },
    },
];

/// The arguments of a Windows command line, split as `CommandLineToArgvW` does: whitespace
/// separates them; double quotes group; in the first (the program name) quotes only group; in
/// the others `2n` backslashes before a quote are `n` backslashes and the quote toggles quoting,
/// `2n + 1` are `n` and a literal quote, other backslashes are literal, and `""` inside quotes is
/// a literal quote.
pub(crate) fn split_windows_command_line(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut i = 0;
    // The program name.
    let mut name = String::new();
    let mut quoted = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && (c == ' ' || c == '\t') {
            break;
        } else {
            name.push(c);
        }
        i += 1;
    }
    if chars.is_empty() {
        return args;
    }
    args.push(name);
    loop {
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        if i >= chars.len() {
            return args;
        }
        let mut arg = String::new();
        let mut quoted = false;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                let start = i;
                while i < chars.len() && chars[i] == '\\' {
                    i += 1;
                }
                let n = i - start;
                if i < chars.len() && chars[i] == '"' {
                    arg.extend(std::iter::repeat_n('\\', n / 2));
                    if n % 2 == 1 {
                        arg.push('"');
                        i += 1;
                    }
                } else {
                    arg.extend(std::iter::repeat_n('\\', n));
                }
                continue;
            }
            if c == '"' {
                if quoted && chars.get(i + 1) == Some(&'"') {
                    arg.push('"');
                    i += 2;
                    continue;
                }
                quoted = !quoted;
            } else if !quoted && (c == ' ' || c == '\t') {
                break;
            } else {
                arg.push(c);
            }
            i += 1;
        }
        args.push(arg);
    }
}

/// Every operation of `kql_text`.
pub fn ops() -> &'static [Op] {
    OPS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_versions() {
        assert_eq!(
            parse_csv("aa,\"b,b,b\",cc,\"Escaping quotes: \"\"Title\"\"\",\"line1\nline2\""),
            vec![
                "aa",
                "b,b,b",
                "cc",
                "Escaping quotes: \"Title\"",
                "line1\nline2"
            ]
        );
        assert_eq!(parse_csv("record1,a\nrecord2,x"), vec!["record1", "a"]);
        assert_eq!(parse_version("0.0.7.0"), Some(700_000_000.0));
        assert_eq!(parse_version("1.x"), None);
    }
}
