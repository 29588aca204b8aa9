//! Aggregations (only in `summarize`): counts, sums, means, extremes, spread, percentiles, lists,
//! sets and bags, and `arg_max`/`arg_min`.
//!
//! `dcount()` is exact (a distinct count), not Kusto's HyperLogLog estimate; the accuracy
//! argument is accepted and ignored.

mod support;

mod arg_max;
mod arg_min;
mod avg;
mod avgif;
mod binary_all_and;
mod binary_all_or;
mod binary_all_xor;
mod buildschema;
mod count;
mod count_distinct;
mod countif;
mod dcount;
mod dcountif;
mod make_bag;
mod make_bag_if;
mod make_list;
mod make_list_if;
mod make_set;
mod make_set_if;
mod max;
mod maxif;
mod min;
mod minif;
mod percentile;
mod percentiles;
mod stdev;
mod stdevif;
mod stdevp;
mod sum;
mod sumif;
mod take_any;
mod variance;
mod varianceif;
mod variancep;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    count::SPEC,
    countif::SPEC,
    dcount::SPEC,
    dcountif::SPEC,
    sum::SPEC,
    sumif::SPEC,
    avg::SPEC,
    avgif::SPEC,
    min::SPEC,
    max::SPEC,
    make_list::SPEC,
    make_list_if::SPEC,
    make_set::SPEC,
    make_set_if::SPEC,
    take_any::SPEC,
    arg_max::SPEC,
    arg_min::SPEC,
    count_distinct::SPEC,
    make_bag::SPEC,
    make_bag_if::SPEC,
    maxif::SPEC,
    minif::SPEC,
    percentile::SPEC,
    percentiles::SPEC,
    stdev::SPEC,
    stdevif::SPEC,
    stdevp::SPEC,
    variance::SPEC,
    varianceif::SPEC,
    variancep::SPEC,
    binary_all_and::SPEC,
    binary_all_or::SPEC,
    binary_all_xor::SPEC,
    buildschema::SPEC,
];
