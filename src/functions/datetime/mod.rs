//! Time functions: the query clock (`now`, `ago`), binning, periods (`startof*`, `endof*`),
//! parts, calendar arithmetic, formatting and construction.
//!
//! `now()` and `ago()` read the query's clock, fixed once per query (`--now` sets it), so every
//! use in a query sees the same instant and a time filter is a constant the scan can prune with.

mod support;

mod ago;
mod bin;
mod bin_at;
mod bin_auto;
mod datetime_add;
mod datetime_diff;
mod datetime_local_to_utc;
mod datetime_part;
mod datetime_utc_to_local;
mod dayofmonth;
mod dayofweek;
mod dayofyear;
mod endofday;
mod endofmonth;
mod endofweek;
mod endofyear;
mod format_datetime;
mod format_timespan;
mod getmonth;
mod getyear;
mod hourofday;
mod make_datetime;
mod make_timespan;
mod monthofyear;
mod now;
mod startofday;
mod startofmonth;
mod startofweek;
mod startofyear;
mod unixtime_microseconds_todatetime;
mod unixtime_milliseconds_todatetime;
mod unixtime_nanoseconds_todatetime;
mod unixtime_seconds_todatetime;
mod weekofyear;

use super::FunctionSpec;

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    now::SPEC,
    ago::SPEC,
    bin::SPEC,
    startofday::SPEC,
    bin_at::SPEC,
    bin_auto::SPEC,
    datetime_add::SPEC,
    datetime_diff::SPEC,
    datetime_local_to_utc::SPEC,
    datetime_utc_to_local::SPEC,
    datetime_part::SPEC,
    dayofmonth::SPEC,
    dayofweek::SPEC,
    dayofyear::SPEC,
    endofday::SPEC,
    endofmonth::SPEC,
    endofweek::SPEC,
    endofyear::SPEC,
    format_datetime::SPEC,
    format_timespan::SPEC,
    getmonth::SPEC,
    getyear::SPEC,
    hourofday::SPEC,
    make_datetime::SPEC,
    make_timespan::SPEC,
    monthofyear::SPEC,
    startofmonth::SPEC,
    startofweek::SPEC,
    startofyear::SPEC,
    unixtime_microseconds_todatetime::SPEC,
    unixtime_milliseconds_todatetime::SPEC,
    unixtime_nanoseconds_todatetime::SPEC,
    unixtime_seconds_todatetime::SPEC,
    weekofyear::SPEC,
];
