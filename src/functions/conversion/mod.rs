//! Conversions: the `to*()` functions, to every scalar type.

mod support;

mod new_guid;
mod tobool;
mod todatetime;
mod todecimal;
mod todouble;
mod toguid;
mod toint;
mod tolong;
mod tostring;
mod totimespan;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    new_guid::SPEC,
    tostring::SPEC,
    toint::SPEC,
    tolong::SPEC,
    todouble::SPEC,
    tobool::SPEC,
    todatetime::SPEC,
    totimespan::SPEC,
    todecimal::SPEC,
    toguid::SPEC,
];
