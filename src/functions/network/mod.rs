//! IPv4 addresses: `parse_ipv4`, `ipv4_compare`, `ipv4_is_match`, `ipv4_is_in_range`,
//! `ipv4_is_private`.

mod ipv4_compare;
mod ipv4_is_in_range;
mod ipv4_is_match;
mod ipv4_is_private;
mod parse_ipv4;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    ipv4_compare::SPEC,
    ipv4_is_in_range::SPEC,
    ipv4_is_match::SPEC,
    ipv4_is_private::SPEC,
    parse_ipv4::SPEC,
];
