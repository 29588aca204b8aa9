//! Dynamic values: `parse_json`/`todynamic`, `array_length`.

mod array_length;
mod parse_json;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[parse_json::SPEC, array_length::SPEC];
