//! kqlhunt's scalar functions, registered as DataFusion UDFs (so a distributed runtime can ship
//! them by name): the storage views' helpers (`json_member`, `audit_event_json`) and the
//! `kql_*` functions the KQL planner lowers to (see `src/functions/` for the KQL catalog).
//!
//! The planner builds calls through the accessors below ([`dynamic_get`], [`has`], ...), which
//! hand out one shared instance per function; [`register_all`] registers the same instances.

mod collections;
mod datetime;
mod dynamic;
mod hashing;
mod json_member;
pub mod json_path;
mod math;
mod network;
pub mod rowwise;
mod series;
mod stats;
mod strings;
mod support;
mod text;

use std::sync::{Arc, LazyLock};

use datafusion::logical_expr::ScalarUDF;
use datafusion::prelude::SessionContext;

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
    /// `kql_extract_all(regex, text)`: `extract_all()`.
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
    /// `kql_json_array_with_nulls(list)`: `make_list_with_nulls()`.
    json_array_with_nulls => stats::json_array_with_nulls;
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
    series, series_ops => "kql_series", series::ops;
    /// `kql_math(op, ...)`: math functions without a DataFusion built-in.
    math, math_ops => "kql_math", math::ops;
    /// `kql_net(op, ...)`: the IPv4 and IPv6 functions.
    net, net_ops => "kql_net", network::ops;
    /// `kql_hash(op, ...)`: hashes and encodings.
    hash, hash_ops => "kql_hash", hashing::ops;
    /// `kql_coll(op, ...)`: more array and property-bag functions.
    coll, coll_ops => "kql_coll", collections::ops;
    /// `kql_text(op, ...)`: more text functions.
    text, text_ops => "kql_text", text::ops;
}

/// Registers kqlhunt's UDFs in a session.
pub fn register_all(ctx: &SessionContext) {
    ctx.register_udf(ScalarUDF::from(JsonMember::new()));
    ctx.register_udf(ScalarUDF::from(AuditEventJson::new()));
    for udf in kql_udfs().into_iter().chain(rowwise_udfs()) {
        ctx.register_udf(udf.as_ref().clone());
    }
}
