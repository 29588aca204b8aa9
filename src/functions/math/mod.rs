//! Numbers: `round`, `abs`, `sqrt`, `pow`, `exp`, `log`, `log10`, `log2`, `isnan`, `isinf`,
//! `isfinite`.

mod abs;
mod exp;
mod isfinite;
mod isinf;
mod isnan;
mod log;
mod log10;
mod log2;
mod pow;
mod round;
mod sqrt;

mod support;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    abs::SPEC,
    exp::SPEC,
    isfinite::SPEC,
    isinf::SPEC,
    isnan::SPEC,
    log::SPEC,
    log10::SPEC,
    log2::SPEC,
    pow::SPEC,
    round::SPEC,
    sqrt::SPEC,
];
