//! More text functions: `parse_csv`, `parse_version`, `format_bytes`, `string_size`, `regex_quote`, `indexof_regex`, `dynamic_to_json`, `replace_strings`, `parse_urlquery`, `to_utf8`, `has_any_index`.

mod support;

mod dynamic_to_json;
mod format_bytes;
mod has_any_index;
mod indexof_regex;
mod isascii;
mod parse_command_line;
mod parse_csv;
mod parse_urlquery;
mod parse_version;
mod regex_quote;
mod replace_strings;
mod strcmp;
mod string_size;
mod to_utf8;
mod translate;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    parse_csv::SPEC,
    parse_version::SPEC,
    format_bytes::SPEC,
    string_size::SPEC,
    regex_quote::SPEC,
    indexof_regex::SPEC,
    dynamic_to_json::SPEC,
    replace_strings::SPEC,
    parse_urlquery::SPEC,
    to_utf8::SPEC,
    has_any_index::SPEC,
    strcmp::SPEC,
    translate::SPEC,
    isascii::SPEC,
    parse_command_line::SPEC,
];
