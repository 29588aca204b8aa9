//! `kql_parse_kv(text, key, pair_delimiter, kv_delimiter, quote, escape, greedy, regex)`: the
//! value of one key of a `parse-kv` operator (its text, null when the key is missing). Every
//! argument but `text` is a constant; an empty string is an option not given.
//!
//! - `regex` given: every match of the expression is a pair, group 1 the key, group 2 the value;
//! - `pair_delimiter`/`kv_delimiter` given: the text is split at the pair delimiter (outside
//!   quotes), each piece at its first key-value delimiter; pieces without one are ignored, or,
//!   with `greedy`, continue the value before them;
//! - neither: the key is looked up as a word followed by one delimiter character (`:`, `=`,
//!   ...); its value runs up to the next space or `,`/`;` (or is quoted).
//!
//! Keys and values are trimmed; a quoted key or value loses its quotes, and inside quotes the
//! escape character makes the next character literal. The first occurrence of a key wins.

use datafusion::arrow::array::{Array, StringBuilder};
use datafusion::common::exec_err;
use regex::Regex;

use super::KqlUdf;
use super::support::{array_result, const_bool, const_string, string_arg, utf8};

/// The options of one `parse-kv`.
struct Options {
    pair: String,
    kv: String,
    quotes: Vec<char>,
    escapes: Vec<char>,
    greedy: bool,
    regex: Option<Regex>,
}

pub fn parse_kv() -> KqlUdf {
    KqlUdf::new("kql_parse_kv", utf8, None, |args| {
        let text = string_arg(args, 0)?;
        let key = const_string(args, 1, "the key")?;
        let regex = const_string(args, 7, "regex")?;
        let regex = if regex.is_empty() {
            None
        } else {
            match Regex::new(&regex) {
                Ok(re) => Some(re),
                Err(e) => return exec_err!("invalid regular expression: {e}"),
            }
        };
        let options = Options {
            pair: const_string(args, 2, "pair_delimiter")?,
            kv: const_string(args, 3, "kv_delimiter")?,
            quotes: const_string(args, 4, "quote")?.chars().collect(),
            escapes: const_string(args, 5, "escape")?.chars().collect(),
            greedy: const_bool(args, 6, "greedy")?,
            regex,
        };
        let mut out = StringBuilder::with_capacity(text.len(), text.len() * 8);
        for row in 0..text.len() {
            let found = (!text.is_null(row))
                .then(|| lookup(text.value(row), &key, &options))
                .flatten();
            out.append_option(found);
        }
        array_result(out.finish())
    })
}

/// The value of `key` in `text`.
fn lookup(text: &str, key: &str, options: &Options) -> Option<String> {
    if let Some(re) = &options.regex {
        return re.captures_iter(text).find_map(|caps| {
            let k = caps.get(1)?.as_str().trim();
            (unquote(k, options) == key)
                .then(|| unquote(caps.get(2).map_or("", |m| m.as_str()).trim(), options))
        });
    }
    if options.pair.is_empty() && options.kv.is_empty() {
        return lookup_undelimited(text, key, options);
    }
    let pair = if options.pair.is_empty() {
        " "
    } else {
        &options.pair
    };
    let kv = if options.kv.is_empty() {
        "="
    } else {
        &options.kv
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for piece in split_outside_quotes(text, pair, options) {
        match find_outside_quotes(piece, kv, options) {
            Some(at) => pairs.push((
                unquote(piece[..at].trim(), options),
                piece[at + kv.len()..].to_string(),
            )),
            None if options.greedy => {
                if let Some((_, value)) = pairs.last_mut() {
                    value.push_str(pair);
                    value.push_str(piece);
                }
            }
            None => {}
        }
    }
    pairs
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| unquote(v.trim(), options))
}

/// The key as a word followed by a delimiter character, and the value after it.
fn lookup_undelimited(text: &str, key: &str, options: &Options) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    for (at, _) in text.match_indices(key) {
        let word_start = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if !word_start {
            continue;
        }
        let rest = text[at + key.len()..].trim_start();
        let mut chars = rest.chars();
        let Some(delimiter) = chars.next() else {
            continue;
        };
        if delimiter.is_alphanumeric() || delimiter == '_' || options.quotes.contains(&delimiter) {
            continue;
        }
        let rest = chars.as_str().trim_start();
        if rest.starts_with(|c| options.quotes.contains(&c)) {
            let end = quoted_end(rest, options);
            return Some(unquote(&rest[..end], options));
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .unwrap_or(rest.len());
        return Some(rest[..end].to_string());
    }
    None
}

/// The byte length of the quoted text `text` starts with (up to and including its closing
/// quote, or the whole text when it is not closed).
fn quoted_end(text: &str, options: &Options) -> usize {
    let mut chars = text.char_indices();
    let Some((_, open)) = chars.next() else {
        return 0;
    };
    while let Some((i, c)) = chars.next() {
        if options.escapes.contains(&c) {
            chars.next();
        } else if c == open {
            return i + c.len_utf8();
        }
    }
    text.len()
}

/// The byte offset of the first `needle` outside quotes.
fn find_outside_quotes(text: &str, needle: &str, options: &Options) -> Option<usize> {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with(needle) {
            return Some(i);
        }
        let c = rest.chars().next()?;
        if options.quotes.contains(&c) {
            i += quoted_end(rest, options);
        } else {
            i += c.len_utf8();
        }
    }
    None
}

/// `text` split at `delimiter`, outside quotes.
fn split_outside_quotes<'a>(text: &'a str, delimiter: &str, options: &Options) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = find_outside_quotes(rest, delimiter, options) {
        pieces.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    pieces.push(rest);
    pieces
}

/// `text` without its quotes and escapes, when it is quoted.
fn unquote(text: &str, options: &Options) -> String {
    let Some(open) = text.chars().next() else {
        return String::new();
    };
    if !options.quotes.contains(&open) {
        return text.to_string();
    }
    let mut out = String::new();
    let mut chars = text[open.len_utf8()..].chars();
    while let Some(c) = chars.next() {
        if options.escapes.contains(&c) {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else if c == open {
            break;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(pair: &str, kv: &str, quote: &str, escape: &str, greedy: bool) -> Options {
        Options {
            pair: pair.into(),
            kv: kv.into(),
            quotes: quote.chars().collect(),
            escapes: escape.chars().collect(),
            greedy,
            regex: None,
        }
    }

    #[test]
    fn delimited_quoted_and_greedy() {
        let o = options(" ", "=", "\"", "\\", false);
        let text = r#"a=1 "b c"="x \"y\" z" d=4"#;
        assert_eq!(lookup(text, "b c", &o).as_deref(), Some(r#"x "y" z"#));
        assert_eq!(lookup(text, "d", &o).as_deref(), Some("4"));
        assert_eq!(lookup(text, "e", &o), None);
        let text = "name=John Doe city=New York";
        assert_eq!(lookup(text, "name", &o).as_deref(), Some("John"));
        let greedy = options(" ", "=", "", "", true);
        assert_eq!(lookup(text, "name", &greedy).as_deref(), Some("John Doe"));
        assert_eq!(lookup(text, "city", &greedy).as_deref(), Some("New York"));
    }

    #[test]
    fn undelimited_and_regex() {
        let o = options("", "", "'", "\\", false);
        let text = r"10:00 [INFO] Id:45, Host:n1, Text: 'it\'s up'";
        assert_eq!(lookup(text, "Id", &o).as_deref(), Some("45"));
        assert_eq!(lookup(text, "Host", &o).as_deref(), Some("n1"));
        assert_eq!(lookup(text, "Text", &o).as_deref(), Some("it's up"));
        assert_eq!(lookup(text, "d", &o), None);
        let mut o = options("", "", "", "", false);
        o.regex = Some(Regex::new(r"(\w+)\s*->\s*(\w+)").unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(lookup("a -> 1; b->2", "b", &o).as_deref(), Some("2"));
    }
}
