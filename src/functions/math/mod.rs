//! Numbers: rounding, absolute values, powers, logarithms, trigonometry and NaN/infinity tests.

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

mod acos;
mod asin;
mod atan;
mod atan2;
mod ceiling;
mod cos;
mod degrees;
mod pi;
mod radians;
mod sin;
mod support;
mod tan;

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
    acos::SPEC,
    asin::SPEC,
    atan::SPEC,
    atan2::SPEC,
    ceiling::SPEC,
    cos::SPEC,
    degrees::SPEC,
    pi::SPEC,
    radians::SPEC,
    sin::SPEC,
    tan::SPEC,
];
