//! Series functions: element-wise math, arithmetic and comparison over dynamic numeric arrays, their aggregates (`series_sum`, `series_stats_dynamic`, ...) and gap filling (`series_fill_*`).

mod support;

mod series_abs;
mod series_acos;
mod series_add;
mod series_asin;
mod series_atan;
mod series_ceiling;
mod series_cos;
mod series_cosine_similarity;
mod series_divide;
mod series_dot_product;
mod series_equals;
mod series_exp;
mod series_fill_backward;
mod series_fill_const;
mod series_fill_forward;
mod series_fill_linear;
mod series_floor;
mod series_greater;
mod series_greater_equals;
mod series_iir;
mod series_less;
mod series_less_equals;
mod series_log;
mod series_magnitude;
mod series_multiply;
mod series_not_equals;
mod series_pearson_correlation;
mod series_periods_detect;
mod series_periods_validate;
mod series_pow;
mod series_product;
mod series_seasonal;
mod series_sign;
mod series_sin;
mod series_stats;
mod series_stats_dynamic;
mod series_subtract;
mod series_sum;
mod series_tan;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    series_abs::SPEC,
    series_acos::SPEC,
    series_asin::SPEC,
    series_atan::SPEC,
    series_ceiling::SPEC,
    series_cos::SPEC,
    series_exp::SPEC,
    series_floor::SPEC,
    series_log::SPEC,
    series_sign::SPEC,
    series_sin::SPEC,
    series_tan::SPEC,
    series_add::SPEC,
    series_subtract::SPEC,
    series_multiply::SPEC,
    series_divide::SPEC,
    series_pow::SPEC,
    series_greater::SPEC,
    series_greater_equals::SPEC,
    series_less::SPEC,
    series_less_equals::SPEC,
    series_equals::SPEC,
    series_not_equals::SPEC,
    series_sum::SPEC,
    series_product::SPEC,
    series_magnitude::SPEC,
    series_dot_product::SPEC,
    series_cosine_similarity::SPEC,
    series_pearson_correlation::SPEC,
    series_stats_dynamic::SPEC,
    series_stats::SPEC,
    series_seasonal::SPEC,
    series_periods_detect::SPEC,
    series_periods_validate::SPEC,
    series_fill_const::SPEC,
    series_fill_forward::SPEC,
    series_fill_backward::SPEC,
    series_fill_linear::SPEC,
    series_iir::SPEC,
];
