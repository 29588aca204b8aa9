//! Window functions over serialized rows: `prev`, `next`, `row_number`, `row_cumsum`,
//! `row_rank_dense`, `row_rank_min`. They lower to DataFusion window expressions that
//! [`crate::plan::window::plan_windows`] places under the operator using them.

mod support;

mod next;
mod prev;
mod row_cumsum;
mod row_number;
mod row_rank_dense;
mod row_rank_min;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    prev::SPEC,
    next::SPEC,
    row_number::SPEC,
    row_cumsum::SPEC,
    row_rank_dense::SPEC,
    row_rank_min::SPEC,
];
