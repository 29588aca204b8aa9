//! Text UDFs: regular-expression trimming and replacement, splitting, URL and base64 encodings,
//! hashes, counting and searching, and the URL/path parsers that return bags.

use datafusion::arrow::array::{Array, StringBuilder};
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::ScalarFunctionArgs;
use regex::Regex;
use sha2::{Digest, Sha256};

use super::json_path::quote;
use super::support::{
    KqlUdf, array_result, const_string, i64_arg, opt_i64, string_arg, text_rows, text_rows_i64,
    utf8,
};

/// The constant regular expression argument `i`, anchored by `wrap` (`^(?:{})+`).
fn anchored(args: &ScalarFunctionArgs, i: usize, wrap: &str) -> Result<Regex> {
    let pattern = const_string(args, i, "the regular expression")?;
    match Regex::new(&wrap.replace("{}", &pattern)) {
        Ok(re) => Ok(re),
        Err(e) => exec_err!("invalid regular expression: {e}"),
    }
}

fn trim_with(
    args: &ScalarFunctionArgs,
    start: bool,
    end: bool,
) -> Result<datafusion::logical_expr::ColumnarValue> {
    let leading = anchored(args, 0, "^(?:{})+")?;
    let trailing = anchored(args, 0, "(?:{})+$")?;
    let source = string_arg(args, 1)?;
    let mut out = StringBuilder::with_capacity(source.len(), source.len() * 16);
    for row in 0..source.len() {
        if source.is_null(row) {
            out.append_value("");
            continue;
        }
        let mut s = source.value(row);
        if start && let Some(m) = leading.find(s) {
            s = &s[m.end()..];
        }
        if end && let Some(m) = trailing.find(s) {
            s = &s[..m.start()];
        }
        out.append_value(s);
    }
    array_result(out.finish())
}

/// `kql_trim(regex, text)`: the text without leading and trailing matches of the expression.
pub fn trim() -> KqlUdf {
    KqlUdf::new("kql_trim", utf8, None, |args| trim_with(args, true, true))
}

/// `kql_trim_start(regex, text)`: without leading matches.
pub fn trim_start() -> KqlUdf {
    KqlUdf::new("kql_trim_start", utf8, None, |args| {
        trim_with(args, true, false)
    })
}

/// `kql_trim_end(regex, text)`: without trailing matches.
pub fn trim_end() -> KqlUdf {
    KqlUdf::new("kql_trim_end", utf8, None, |args| {
        trim_with(args, false, true)
    })
}

/// A JSON array of strings.
pub(crate) fn json_strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = items.into_iter().map(quote).collect();
    format!("[{}]", parts.join(","))
}

/// `kql_split(text, delimiter[, index])`: the parts as a dynamic array of strings; with an index,
/// an array of that one part (empty when out of range).
pub fn split() -> KqlUdf {
    KqlUdf::new("kql_split", utf8, Some("dynamic"), |args| {
        let index = if args.args.len() > 2 {
            Some(i64_arg(args, 2)?)
        } else {
            None
        };
        let mut row = 0;
        text_rows(args, |v| {
            let r = row;
            row += 1;
            let text = v[0].unwrap_or("");
            let delimiter = v[1].unwrap_or("");
            let parts: Vec<&str> = if delimiter.is_empty() {
                vec![text]
            } else {
                text.split(delimiter).collect()
            };
            match &index {
                None => Some(json_strings(parts)),
                Some(index) => {
                    let i = opt_i64(index, r)?;
                    let part = usize::try_from(i).ok().and_then(|i| parts.get(i).copied());
                    Some(json_strings(part))
                }
            }
        })
    })
}

/// Kusto's `\1` group references as the `regex` crate's `${1}` (and `$` kept literal).
pub(crate) fn rewrite_template(rewrite: &str) -> String {
    let mut out = String::new();
    let mut chars = rewrite.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' if chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push_str(&format!("${{{digits}}}"));
            }
            c => out.push(c),
        }
    }
    out
}

/// `kql_replace_regex(text, regex, rewrite)`: every match replaced (`\1` refers to a group).
pub fn replace_regex() -> KqlUdf {
    KqlUdf::new("kql_replace_regex", utf8, None, |args| {
        let re = anchored(args, 1, "{}")?;
        let rewrite = rewrite_template(&const_string(args, 2, "the rewrite")?);
        text_rows(args, |v| {
            Some(
                re.replace_all(v[0].unwrap_or(""), rewrite.as_str())
                    .into_owned(),
            )
        })
    })
}

/// Percent-encodes everything but ASCII letters, digits and `-_.~`, in lower-case hex as Kusto
/// does.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02x}"));
        }
    }
    out
}

/// `kql_url_encode(text)`: `url_encode()`/`url_encode_component()`.
pub fn url_encode() -> KqlUdf {
    KqlUdf::new("kql_url_encode", utf8, None, |args| {
        text_rows(args, |v| Some(percent_encode(v[0].unwrap_or(""))))
    })
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard (or URL-safe) base64, padding optional; `None` when malformed.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    (bits < 6).then_some(out)
}

/// `kql_base64_encode(text)`: the UTF-8 bytes of the text in base64.
pub fn base64_encode_tostring() -> KqlUdf {
    KqlUdf::new("kql_base64_encode_tostring", utf8, None, |args| {
        text_rows(args, |v| Some(base64_encode(v[0].unwrap_or("").as_bytes())))
    })
}

/// `kql_base64_decode_tostring(text)`: the UTF-8 text base64 encodes; null when it is not
/// base64 of UTF-8.
pub fn base64_decode_tostring() -> KqlUdf {
    KqlUdf::new("kql_base64_decode_tostring", utf8, None, |args| {
        text_rows(args, |v| {
            String::from_utf8(base64_decode(v[0].unwrap_or(""))?).ok()
        })
    })
}

/// `kql_hash_sha256(text)`: the SHA-256 of the UTF-8 text, in lower-case hex.
pub fn hash_sha256() -> KqlUdf {
    KqlUdf::new("kql_hash_sha256", utf8, None, |args| {
        text_rows(args, |v| {
            let digest = Sha256::digest(v[0].unwrap_or("").as_bytes());
            Some(digest.iter().map(|b| format!("{b:02x}")).collect())
        })
    })
}

/// `kql_countof(text, search, kind)`: occurrences of `search` (`normal`: overlapping substring
/// matches; `regex`: matches of the expression).
pub fn countof() -> KqlUdf {
    KqlUdf::new("kql_countof", super::support::int64, None, |args| {
        let kind = const_string(args, 2, "the kind")?;
        if kind == "regex" {
            let re = anchored(args, 1, "{}")?;
            return text_rows_i64(args, |v| {
                i64::try_from(re.find_iter(v[0].unwrap_or("")).count()).ok()
            });
        }
        text_rows_i64(args, |v| {
            let (text, search) = (v[0].unwrap_or(""), v[1].unwrap_or(""));
            if search.is_empty() {
                return Some(0);
            }
            let mut count = 0i64;
            let mut from = 0;
            while let Some(at) = text[from..].find(search) {
                count += 1;
                from += at + text[from + at..].chars().next().map_or(1, char::len_utf8);
            }
            Some(count)
        })
    })
}

/// `kql_indexof(text, lookup, start, length, occurrence)`: the character index of the
/// `occurrence`-th match of `lookup` at or after `start` (negative: from the end) within `length`
/// characters (-1: to the end); -1 when absent, null for an invalid start.
pub fn indexof() -> KqlUdf {
    KqlUdf::new("kql_indexof", super::support::int64, None, |args| {
        let start = i64_arg(args, 2)?;
        let length = i64_arg(args, 3)?;
        let occurrence = i64_arg(args, 4)?;
        let source = string_arg(args, 0)?;
        let lookup = string_arg(args, 1)?;
        let values: datafusion::arrow::array::Int64Array = (0..args.number_rows)
            .map(|row| {
                let text: Vec<char> = if source.is_null(row) {
                    Vec::new()
                } else {
                    source.value(row).chars().collect()
                };
                let needle: Vec<char> = if lookup.is_null(row) {
                    Vec::new()
                } else {
                    lookup.value(row).chars().collect()
                };
                let n = text.len() as i64;
                let mut s = opt_i64(&start, row)?;
                if s < 0 {
                    s += n;
                }
                if s < 0 || s > n {
                    return None;
                }
                let len = opt_i64(&length, row)?;
                if len < -1 {
                    return None;
                }
                let occurrence = opt_i64(&occurrence, row)?;
                if occurrence <= 0 {
                    return None;
                }
                // Like .NET's `IndexOf(value, start, count)`, repeated from after each match.
                let mut from = s;
                for _ in 0..occurrence {
                    let end = if len == -1 { n } else { (from + len).min(n) };
                    let mut found = None;
                    let mut i = from;
                    while i + needle.len() as i64 <= end {
                        let at = i as usize;
                        if text[at..at + needle.len()] == needle[..] {
                            found = Some(i);
                            break;
                        }
                        i += 1;
                    }
                    match found {
                        Some(i) => from = i + 1,
                        None => return Some(-1),
                    }
                }
                Some(from - 1)
            })
            .collect();
        array_result(values)
    })
}

/// `kql_strrep(text, times, delimiter)`: the text repeated, joined by the delimiter.
pub fn strrep() -> KqlUdf {
    KqlUdf::new("kql_strrep", utf8, None, |args| {
        let times = i64_arg(args, 1)?;
        let mut row = 0;
        text_rows(args, |v| {
            let r = row;
            row += 1;
            let n = usize::try_from(opt_i64(&times, r)?.clamp(0, 1024)).ok()?;
            Some(vec![v[0].unwrap_or(""); n].join(v[2].unwrap_or("")))
        })
    })
}

/// `kql_parse_url(text)`: a bag of the URL's parts; an empty bag when it is not a URL.
pub fn parse_url() -> KqlUdf {
    KqlUdf::new("kql_parse_url", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| Some(parse_url_text(v[0].unwrap_or(""))))
    })
}

fn parse_url_text(text: &str) -> String {
    let Ok(url) = url::Url::parse(text) else {
        return "{}".to_string();
    };
    let mut query = Vec::new();
    for (k, v) in url.query_pairs() {
        query.push(format!("{}:{}", quote(&k), quote(&v)));
    }
    let path = url.path().trim_start_matches('/');
    let fields = [
        ("Scheme", url.scheme().to_string()),
        ("Host", url.host_str().unwrap_or("").to_string()),
        (
            "Port",
            url.port().map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("Path", path.to_string()),
        ("Username", url.username().to_string()),
        ("Password", url.password().unwrap_or("").to_string()),
    ];
    let mut parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    parts.push(format!("\"Query Parameters\":{{{}}}", query.join(",")));
    parts.push(format!(
        "\"Fragment\":{}",
        quote(url.fragment().unwrap_or(""))
    ));
    format!("{{{}}}", parts.join(","))
}

/// `kql_parse_path(text)`: a bag of a file path's parts.
pub fn parse_path() -> KqlUdf {
    KqlUdf::new("kql_parse_path", utf8, Some("dynamic"), |args| {
        text_rows(args, |v| Some(parse_path_text(v[0].unwrap_or(""))))
    })
}

fn parse_path_text(text: &str) -> String {
    let (scheme, rest) = match text.find("://") {
        Some(at) if text[..at].chars().all(|c| c.is_ascii_alphanumeric()) => {
            (&text[..at], &text[at + 3..])
        }
        _ => ("", text),
    };
    let separator = |c: char| c == '/' || c == '\\';
    let (directory, file) = match rest.rfind(separator) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => ("", rest),
    };
    // `file.txt:stream`: an NTFS alternate data stream.
    let (file, stream) = match file.find(':') {
        Some(at) => (&file[..at], &file[at + 1..]),
        None => (file, ""),
    };
    let root = match directory.find(separator) {
        Some(at) if directory[..at].ends_with(':') => &directory[..at],
        None if directory.ends_with(':') => directory,
        _ => "",
    };
    let directory_name = directory.rsplit(separator).next().unwrap_or("");
    let extension = file.rfind('.').map_or("", |at| &file[at + 1..]);
    let fields = [
        ("Scheme", scheme),
        ("RootPath", root),
        ("DirectoryPath", directory),
        ("DirectoryName", directory_name),
        ("Filename", file),
        ("Extension", extension),
        ("AlternateDataStreamName", stream),
    ];
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// `kql_tohex(value, min_length)`: lower-case hex (two's complement for negatives), zero-padded
/// to the minimum length.
pub fn tohex() -> KqlUdf {
    KqlUdf::new("kql_tohex", utf8, None, |args| {
        let values = super::support::array_arg(args, 0)?;
        let is_int = matches!(
            values.data_type(),
            datafusion::arrow::datatypes::DataType::Int32
        );
        let numbers = i64_arg(args, 0)?;
        let widths = i64_arg(args, 1)?;
        let mut out = StringBuilder::new();
        for row in 0..args.number_rows {
            match opt_i64(&numbers, row) {
                None => out.append_null(),
                Some(v) => {
                    let hex = if is_int {
                        format!("{:x}", v as i32)
                    } else {
                        format!("{v:x}")
                    };
                    let width = usize::try_from(opt_i64(&widths, row).unwrap_or(0)).unwrap_or(0);
                    out.append_value(format!("{hex:0>width$}"));
                }
            }
        }
        array_result(out.finish())
    })
}

/// A GUID in its canonical form (lower case, dashed) from 32 hex digits with or without dashes
/// (and braces); `None` otherwise.
pub(crate) fn canonical_guid(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('{').trim_end_matches('}');
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let h = hex.to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

/// `kql_toguid(text)`: the canonical GUID, null when the text is not one.
pub fn toguid() -> KqlUdf {
    KqlUdf::new("kql_toguid", utf8, Some("guid"), |args| {
        text_rows(args, |v| canonical_guid(v[0]?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        assert_eq!(base64_encode(b"Kusto"), "S3VzdG8=");
        assert_eq!(base64_encode(b"ab"), "YWI=");
        assert_eq!(base64_encode(b"abc"), "YWJj");
        assert_eq!(base64_decode("S3VzdG8=").as_deref(), Some(&b"Kusto"[..]));
        assert_eq!(base64_decode("S3VzdG8"), Some(b"Kusto".to_vec()));
        assert_eq!(base64_decode("%%"), None);
    }

    #[test]
    fn guids_take_the_canonical_form() {
        assert_eq!(
            canonical_guid("{0123456789ABCDEF0123456789abcdef}").as_deref(),
            Some("01234567-89ab-cdef-0123-456789abcdef")
        );
        assert_eq!(canonical_guid("0123456789ab-cdef"), None);
    }

    #[test]
    fn rewrites_use_group_numbers() {
        assert_eq!(rewrite_template(r"was: \1 $"), "was: ${1} $$");
    }

    #[test]
    fn paths_split_like_kusto() {
        assert_eq!(
            parse_path_text(r"C:\temp\file.txt"),
            r#"{"Scheme":"","RootPath":"C:","DirectoryPath":"C:\\temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}"#
        );
        assert_eq!(
            parse_path_text("file://C:/temp/file.txt:some.exe"),
            r#"{"Scheme":"file","RootPath":"C:","DirectoryPath":"C:/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"}"#
        );
    }
}
