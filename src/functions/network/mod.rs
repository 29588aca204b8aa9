//! IPv4 addresses: parsing, comparison, ranges, private ranges, and finding addresses in text.

mod has_any_ipv4;
mod has_any_ipv4_prefix;
mod has_ipv4;
mod has_ipv4_prefix;
mod ipv4_compare;
mod ipv4_is_in_any_range;
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
    has_any_ipv4::SPEC,
    has_any_ipv4_prefix::SPEC,
    has_ipv4::SPEC,
    has_ipv4_prefix::SPEC,
    ipv4_is_in_any_range::SPEC,
];
