//! Time and rounding: `now`, `ago`, `bin`/`floor`, `startofday`.
//!
//! `now()` and `ago()` read the query's clock, fixed once per query (`--now` sets it), so every
//! use in a query sees the same instant and a time filter is a constant the scan can prune with.

mod support;

mod ago;
mod bin;
mod now;
mod startofday;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[now::SPEC, ago::SPEC, bin::SPEC, startofday::SPEC];
