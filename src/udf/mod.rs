//! kqlhunt's scalar functions, registered as DataFusion UDFs (so a distributed runtime can ship
//! them by name): the storage views' helpers (`json_member`, `audit_event_json`) and the
//! `kql_*` functions the KQL planner lowers to (see `src/functions/` for the KQL catalog).
//!
//! The planner builds calls through the accessors below ([`dynamic_get`], [`has`], ...), which
//! hand out one shared instance per function; [`register_all`] registers the same instances.

mod calendar;
mod collections;
mod collections_ops;
mod datetime;
mod dynamic;
mod hashing;
pub(crate) use hashing::xxh64;
mod json_member;
pub mod json_path;
mod math;
mod network;
mod network_ops;
mod parse_kv;
pub mod rowwise;
pub mod series;
mod series_analysis;
mod series_ops;
mod stats;
mod strings;
mod support;
mod text;
mod text_ops;
mod timezone;

use std::sync::{Arc, LazyLock};

use datafusion::logical_expr::ScalarUDF;
use datafusion::prelude::SessionContext;

pub use calendar::is_datetime_part;
pub use datetime::MAX_RANGE_VALUES;
pub use json_member::{AuditEventJson, JsonMember};
pub(crate) use strings::text_of as scalar_text;
pub use strings::{TermMatch, has_term};
pub use support::KqlUdf;

macro_rules! kql_udfs {
    ($($(#[$doc:meta])* $name:ident => $make:path;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> Arc<ScalarUDF> {
                static UDF: LazyLock<Arc<ScalarUDF>> =
                    LazyLock::new(|| Arc::new(ScalarUDF::from($make())));
                UDF.clone()
            }
        )*

        /// Every `kql_*` UDF.
        pub fn kql_udfs() -> Vec<Arc<ScalarUDF>> {
            vec![$($name()),*]
        }
    };
}

kql_udfs! {
    /// `kql_dynamic_get(json, step, ...)`: path access into a dynamic value.
    dynamic_get => dynamic::dynamic_get;
    /// `kql_dynamic_tostring(json)`: `tostring()` of a dynamic value.
    dynamic_tostring => dynamic::dynamic_tostring;
    /// `kql_from_dynamic(json, type)`: a dynamic value converted to a scalar type.
    from_dynamic => dynamic::from_dynamic;
    /// `kql_to_dynamic(x)`: a scalar value as dynamic.
    to_dynamic => dynamic::to_dynamic;
    /// `kql_mv_items(json, kind)`: the rows `mv-expand` makes of a value.
    mv_items => dynamic::mv_items;
    /// `kql_json_array(list)`: a list of dynamic values as one array.
    json_array => dynamic::json_array;
    /// `kql_parse_kv(text, key, options...)`: one key of `parse-kv`.
    parse_kv => parse_kv::parse_kv;
    /// `kql_parse_json(text)`: `parse_json()`.
    parse_json => dynamic::parse_json;
    /// `kql_array_length(json)`: `array_length()`.
    array_length => dynamic::array_length;
    /// `kql_tostring(x)`: `tostring()` of a scalar value.
    tostring => strings::tostring;
    /// `kql_has(text, needle, case_sensitive, kind)`: the `has` operators.
    has => strings::has;
    /// `kql_extract(regex, group, text)`: `extract()`.
    extract => strings::extract;
    /// `kql_extract_all(regex, text[, groups])`: `extract_all()`.
    extract_all => strings::extract_all;
    /// `kql_strcat_array(array, delimiter)`: `strcat_array()`.
    strcat_array => strings::strcat_array;
    /// `kql_url_decode(text)`: `url_decode()`.
    url_decode => strings::url_decode_udf;
    /// `kql_tobool(text)`: `tobool()` of a string.
    tobool => strings::tobool;
    /// `kql_todatetime(text)`: `todatetime()` of a string.
    todatetime => strings::todatetime;
    /// `kql_bin(value, size)`: `bin()`.
    bin => datetime::bin;
    /// `kql_range(from, to, step)`: the values of the `range` operator.
    range => datetime::range;
    /// `kql_trim(regex, text)`: `trim()`.
    trim => text::trim;
    /// `kql_trim_start(regex, text)`: `trim_start()`.
    trim_start => text::trim_start;
    /// `kql_trim_end(regex, text)`: `trim_end()`.
    trim_end => text::trim_end;
    /// `kql_split(text, delimiter[, index])`: `split()`.
    split => text::split;
    /// `kql_replace_regex(text, regex, rewrite)`: `replace_regex()`.
    replace_regex => text::replace_regex;
    /// `kql_url_encode(text)`: `url_encode()`.
    url_encode => text::url_encode;
    /// `kql_base64_encode_tostring(text)`.
    base64_encode_tostring => text::base64_encode_tostring;
    /// `kql_base64_decode_tostring(text)`.
    base64_decode_tostring => text::base64_decode_tostring;
    /// `kql_hash_sha256(text)`.
    hash_sha256 => text::hash_sha256;
    /// `kql_countof(text, search, kind)`.
    countof => text::countof;
    /// `kql_indexof(text, lookup, start, length, occurrence)`.
    indexof => text::indexof;
    /// `kql_strrep(text, times, delimiter)`.
    strrep => text::strrep;
    /// `kql_parse_url(text)`.
    parse_url => text::parse_url;
    /// `kql_parse_path(text)`.
    parse_path => text::parse_path;
    /// `kql_tohex(value, min_length)`.
    tohex => text::tohex;
    /// `kql_startof(datetime, offset, unit)`.
    startof => calendar::startof;
    /// `kql_endof(datetime, offset, unit)`.
    endof => calendar::endof;
    /// `kql_datetime_part(part, datetime)`.
    datetime_part => calendar::datetime_part;
    /// `kql_datetime_add(part, amount, datetime)`.
    datetime_add => calendar::datetime_add;
    /// `kql_datetime_diff(part, a, b)`.
    datetime_diff => calendar::datetime_diff;
    /// `kql_dayofweek(datetime)`.
    dayofweek => calendar::dayofweek;
    /// `kql_format_datetime(datetime, format)`.
    format_datetime => calendar::format_datetime;
    /// `kql_format_timespan(timespan, format)`.
    format_timespan => calendar::format_timespan;
    /// `kql_make_datetime(y, m, d, h, mi, s)`.
    make_datetime => calendar::make_datetime;
    /// `kql_make_timespan(d, h, m, s)`.
    make_timespan => calendar::make_timespan;
    /// `kql_unixtime(number, micros_per_unit)`.
    unixtime => calendar::unixtime;
    /// `kql_bin_at(value, size, origin)`.
    bin_at => calendar::bin_at;
    /// `kql_pack_array(json, ...)`.
    pack_array => collections::pack_array;
    /// `kql_bag_pack(key, json, ...)`.
    bag_pack => collections::bag_pack;
    /// `kql_bag_pack_present(key, json, ...)`: pairs with a null value left out.
    bag_pack_present => collections::bag_pack_present;
    /// `kql_array_concat(json, ...)`.
    array_concat => collections::array_concat;
    /// `kql_array_slice(json, start, end)`.
    array_slice => collections::array_slice;
    /// `kql_array_index_of(json, lookup, start, length, occurrence)`.
    array_index_of => collections::array_index_of;
    /// `kql_array_sort(json, descending, nulls_last)`.
    array_sort => collections::array_sort;
    /// `kql_bag_keys(json)`.
    bag_keys => collections::bag_keys;
    /// `kql_set_op(kind, json, ...)`: `set_union()`, `set_intersect()`, `set_difference()`.
    set_op => collections::set_op;
    /// `kql_gettype(json)`.
    gettype => collections::gettype;
    /// `kql_json_set(list)`: the end of `make_set()`.
    json_set => collections::json_set;
    /// `kql_merge_bags(list)`: the end of `make_bag()`.
    merge_bags => collections::merge_bags;
    /// `kql_percentile(list, p)`: the end of `percentile()`.
    percentile => collections::percentile;
    /// `kql_parse_ipv4(text)`.
    parse_ipv4 => network::parse_ipv4;
    /// `kql_ipv4_compare(a, b[, prefix])`.
    ipv4_compare => network::ipv4_compare;
    /// `kql_ipv4_is_in_range(address, range)`.
    ipv4_is_in_range => network::ipv4_is_in_range;
    /// `kql_ipv4_is_private(address)`.
    ipv4_is_private => network::ipv4_is_private;
    /// `kql_ipv4_is_in_any_range(address, range_json, ...)`.
    ipv4_is_in_any_range => network::ipv4_is_in_any_range;
    /// `kql_has_ipv4(text, mode, ip_json, ...)`: `has_ipv4()` and its variants.
    has_ipv4 => network::has_ipv4;
    /// `kql_array_reverse(json)`.
    array_reverse => collections::array_reverse;
    /// `kql_toguid(text)`: `toguid()`.
    toguid => text::toguid;
    /// `kql_json_array_with_nulls(list)`: `make_list_with_nulls()`.
    json_array_with_nulls => stats::json_array_with_nulls;
    /// `kql_datetime_tz(datetime, zone, to_utc)`: `datetime_local_to_utc()`,
    /// `datetime_utc_to_local()`.
    datetime_tz => timezone::datetime_tz;
    /// `kql_buildschema(list)`: the end of `buildschema()`.
    buildschema => stats::buildschema;
}

macro_rules! rowwise_udfs {
    ($($(#[$doc:meta])* $name:ident, $ops_name:ident => $udf:literal, $ops:path;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> Arc<ScalarUDF> {
                static UDF: LazyLock<Arc<ScalarUDF>> = LazyLock::new(|| {
                    Arc::new(ScalarUDF::from(rowwise::RowwiseUdf::new($udf, $ops())))
                });
                UDF.clone()
            }

            /// The operations of the UDF.
            pub fn $ops_name() -> &'static [rowwise::Op] {
                $ops()
            }
        )*

        /// Every row-wise family UDF (see [`rowwise`]).
        pub fn rowwise_udfs() -> Vec<Arc<ScalarUDF>> {
            vec![$($name()),*]
        }
    };
}

rowwise_udfs! {
    /// `kql_series(op, ...)`: the `series_*()` functions.
    series, series_ops => "kql_series", series_ops::ops;
    /// `kql_math(op, ...)`: math functions without a DataFusion built-in.
    math, math_ops => "kql_math", math::ops;
    /// `kql_net(op, ...)`: the IPv4 and IPv6 functions.
    net, net_ops => "kql_net", network_ops::ops;
    /// `kql_hash(op, ...)`: hashes and encodings.
    hash, hash_ops => "kql_hash", hashing::ops;
    /// `kql_coll(op, ...)`: more array and property-bag functions.
    coll, coll_ops => "kql_coll", collections_ops::ops;
    /// `kql_text(op, ...)`: more text functions.
    text, text_ops => "kql_text", text_ops::ops;
}

/// Registers kqlhunt's UDFs in a session.
pub fn register_all(ctx: &SessionContext) {
    ctx.register_udf(ScalarUDF::from(JsonMember::new()));
    ctx.register_udf(ScalarUDF::from(AuditEventJson::new()));
    ctx.register_udaf(series::make_series().as_ref().clone());
    for udf in kql_udfs().into_iter().chain(rowwise_udfs()) {
        ctx.register_udf(udf.as_ref().clone());
    }
}
