//! IPv4 addresses: `parse_ipv4`, `ipv4_compare`, `ipv4_is_match`, `ipv4_is_in_range`,
//! `ipv4_is_private`.

mod format_ipv4;
mod format_ipv4_mask;
mod has_any_ipv4;
mod has_any_ipv4_prefix;
mod has_ipv4;
mod has_ipv4_prefix;
mod ipv4_compare;
mod ipv4_is_in_any_range;
mod ipv4_is_in_range;
mod ipv4_is_match;
mod ipv4_is_private;
mod ipv4_range_to_cidr_list;
mod ipv6_compare;
mod ipv6_is_in_any_range;
mod ipv6_is_in_range;
mod ipv6_is_match;
mod parse_ipv4;
mod parse_ipv6;
mod parse_ipv6_mask;
mod support;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    ipv4_compare::SPEC,
    ipv4_is_in_range::SPEC,
    ipv4_is_match::SPEC,
    ipv4_is_private::SPEC,
    parse_ipv4::SPEC,
    has_ipv4::SPEC,
    has_ipv4_prefix::SPEC,
    has_any_ipv4::SPEC,
    has_any_ipv4_prefix::SPEC,
    ipv4_is_in_any_range::SPEC,
    ipv6_compare::SPEC,
    ipv6_is_match::SPEC,
    ipv6_is_in_range::SPEC,
    ipv6_is_in_any_range::SPEC,
    format_ipv4::SPEC,
    format_ipv4_mask::SPEC,
    ipv4_range_to_cidr_list::SPEC,
    parse_ipv6::SPEC,
    parse_ipv6_mask::SPEC,
];
