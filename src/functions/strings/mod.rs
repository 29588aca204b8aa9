//! Text functions: concatenation, case, substrings, search and counting, regular expressions,
//! trimming and splitting, URL/base64 encodings, hashes, and URL and path parsing.

mod support;

mod base64_decode_tostring;
mod base64_encode_tostring;
mod countof;
mod extract;
mod extract_all;
mod hash_md5;
mod hash_sha256;
mod indexof;
mod parse_path;
mod parse_url;
mod replace_regex;
mod replace_string;
mod reverse;
mod split;
mod strcat;
mod strcat_array;
mod strcat_delim;
mod strlen;
mod strrep;
mod substring;
mod tohex;
mod tolower;
mod toupper;
mod trim;
mod trim_end;
mod trim_start;
mod url_decode;
mod url_encode;
mod url_encode_component;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    strcat::SPEC,
    strcat_array::SPEC,
    strlen::SPEC,
    tolower::SPEC,
    toupper::SPEC,
    substring::SPEC,
    replace_string::SPEC,
    extract::SPEC,
    extract_all::SPEC,
    url_decode::SPEC,
    base64_decode_tostring::SPEC,
    base64_encode_tostring::SPEC,
    countof::SPEC,
    hash_md5::SPEC,
    hash_sha256::SPEC,
    indexof::SPEC,
    parse_path::SPEC,
    parse_url::SPEC,
    replace_regex::SPEC,
    reverse::SPEC,
    split::SPEC,
    strcat_delim::SPEC,
    strrep::SPEC,
    tohex::SPEC,
    trim::SPEC,
    trim_end::SPEC,
    trim_start::SPEC,
    url_encode::SPEC,
    url_encode_component::SPEC,
];
