//! Text functions: `strcat`, `strcat_array`, `strlen`, `tolower`, `toupper`, `substring`,
//! `replace_string`, `extract`, `extract_all`, `url_decode`.

mod support;

mod extract;
mod extract_all;
mod replace_string;
mod strcat;
mod strcat_array;
mod strlen;
mod substring;
mod tolower;
mod toupper;
mod url_decode;

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
];
