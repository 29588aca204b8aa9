//! More aggregations: covariances, population variance and standard deviation, exact distinct
//! counts and `make_list_with_nulls`.

mod support;

mod count_distinctif;
mod covariance;
mod covarianceif;
mod covariancep;
mod covariancepif;
mod make_list_with_nulls;
mod stdevpif;
mod variancepif;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    covariance::SPEC,
    covarianceif::SPEC,
    covariancep::SPEC,
    covariancepif::SPEC,
    variancepif::SPEC,
    stdevpif::SPEC,
    count_distinctif::SPEC,
    make_list_with_nulls::SPEC,
];
