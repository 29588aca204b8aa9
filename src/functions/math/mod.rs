//! Numbers: `round`, `abs`, `sqrt`, `pow`, `exp`, `log`, `log10`, `log2`, `isnan`, `isinf`,
//! `isfinite`.

mod abs;
mod acos;
mod around;
mod asin;
mod atan;
mod atan2;
mod beta_cdf;
mod beta_inv;
mod beta_pdf;
mod binary_and;
mod binary_not;
mod binary_or;
mod binary_shift_left;
mod binary_shift_right;
mod binary_xor;
mod ceiling;
mod convert_angle;
mod convert_energy;
mod convert_force;
mod convert_length;
mod convert_mass;
mod convert_speed;
mod convert_temperature;
mod convert_volume;
mod cos;
mod cot;
mod degrees;
mod exp;
mod exp10;
mod exp2;
mod gamma;
mod isfinite;
mod isinf;
mod isnan;
mod log;
mod log10;
mod log2;
mod loggamma;
mod pi;
mod pow;
mod radians;
mod rand;
mod round;
mod sign;
mod sin;
mod sqrt;
mod support;
mod tan;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    rand::SPEC,
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
    cos::SPEC,
    sin::SPEC,
    tan::SPEC,
    acos::SPEC,
    asin::SPEC,
    atan::SPEC,
    atan2::SPEC,
    cot::SPEC,
    radians::SPEC,
    degrees::SPEC,
    pi::SPEC,
    exp2::SPEC,
    exp10::SPEC,
    sign::SPEC,
    ceiling::SPEC,
    binary_and::SPEC,
    binary_or::SPEC,
    binary_xor::SPEC,
    binary_shift_left::SPEC,
    binary_shift_right::SPEC,
    binary_not::SPEC,
    around::SPEC,
    gamma::SPEC,
    loggamma::SPEC,
    beta_cdf::SPEC,
    beta_pdf::SPEC,
    beta_inv::SPEC,
    convert_angle::SPEC,
    convert_length::SPEC,
    convert_mass::SPEC,
    convert_force::SPEC,
    convert_volume::SPEC,
    convert_speed::SPEC,
    convert_energy::SPEC,
    convert_temperature::SPEC,
];
