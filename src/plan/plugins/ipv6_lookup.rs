//! `evaluate ipv6_lookup(LookupTable, SourceIPv6Key, IPv6LookupKey [, ExtraKey1, ...] [,
//! return_unmatched])`: as `ipv4_lookup` ([`super::ipv4_lookup`]), with IPv6 addresses and
//! ranges (`kql_net('ipv6_is_match', ...)`, prefixes up to 128 bits). As Kusto shows it, the
//! output has the lookup table's columns first, then the input's.

use super::ipv4_lookup::Family;
use crate::diagnostic::{Diagnostic, Span};
use crate::plan::{Planner, Tabular};
use crate::syntax::FunctionCall;

impl Planner<'_> {
    pub(super) fn plan_ipv6_lookup(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        self.plan_ip_lookup(input, call, Family::V6, span)
    }
}
