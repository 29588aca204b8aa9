//! The plugins run end to end over constant tables.

use chrono::{DateTime, Utc};

use super::schema_merge::merge_schemas;
use crate::diagnostic::Code;
use crate::engine::{QueryOptions, run_query};

fn options() -> QueryOptions {
    QueryOptions {
        now: DateTime::parse_from_rfc3339("2026-11-22T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .ok(),
        max_rows: None,
    }
}

/// The column names and the rows (cells joined with ` | `), in the order produced.
async fn run(text: &str) -> (Vec<String>, Vec<String>) {
    let ctx = crate::lake::new_session();
    match run_query(&ctx, text, &options()).await {
        Ok(r) => (
            r.columns.iter().map(|c| c.name.clone()).collect(),
            r.text_rows().into_iter().map(|r| r.join(" | ")).collect(),
        ),
        Err(d) => panic!("{}", d.render(text)),
    }
}

async fn error(text: &str) -> crate::diagnostic::Diagnostic {
    let ctx = crate::lake::new_session();
    match run_query(&ctx, text, &options()).await {
        Ok(_) => panic!("{text} should fail"),
        Err(d) => d,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const RANGES4: &str = "let R = datatable(network:string, name:string) [\
    '10.0.0.0/8', 'ten', '10.1.0.0/16', 'ten-one', '10.1.2.0/24', 'ten-one-two', \
    '192.168.1.7', 'host'];";

#[tokio::test]
async fn ipv4_lookup_picks_the_longest_prefix() {
    let (names, rows) = run(&format!(
        "{RANGES4} datatable(ip:string) ['10.1.2.3', '10.9.9.9', '10.1.200.1', '11.0.0.1', \
         '192.168.1.7'] | evaluate ipv4_lookup(R, ip, network)"
    ))
    .await;
    assert_eq!(names, strings(&["ip", "network", "name"]));
    assert_eq!(
        rows,
        strings(&[
            "10.1.2.3 | 10.1.2.0/24 | ten-one-two",
            "10.9.9.9 | 10.0.0.0/8 | ten",
            "10.1.200.1 | 10.1.0.0/16 | ten-one",
            "192.168.1.7 | 192.168.1.7 | host",
        ])
    );
}

#[tokio::test]
async fn ipv4_lookup_return_unmatched_and_extra_keys() {
    let (_, rows) = run(&format!(
        "{RANGES4} datatable(ip:string) ['11.0.0.1', '10.0.0.1', ''] \
         | evaluate ipv4_lookup(R, ip, network, return_unmatched = true)"
    ))
    .await;
    assert_eq!(
        rows,
        strings(&["11.0.0.1 |  | ", "10.0.0.1 | 10.0.0.0/8 | ten", " |  | "])
    );
    let (names, rows) = run(
        "let R = datatable(net:string, zone:string, v:long) ['1.2.3.0/24', 'a', 1, \
         '1.2.0.0/16', 'b', 2]; datatable(ip:string, zone:string) ['1.2.3.4', 'b', \
         '1.2.3.4', 'c'] | evaluate ipv4_lookup(R, ip, net, zone, true)",
    )
    .await;
    assert_eq!(names, strings(&["ip", "zone", "net", "v"]));
    assert_eq!(
        rows,
        strings(&["1.2.3.4 | b | 1.2.0.0/16 | 2", "1.2.3.4 | c |  | "])
    );
}

#[tokio::test]
async fn ipv4_lookup_no_match_and_empty_input() {
    let (names, rows) = run(&format!(
        "{RANGES4} datatable(ip:string) ['8.8.8.8'] | evaluate ipv4_lookup(R, ip, network)"
    ))
    .await;
    assert_eq!(names, strings(&["ip", "network", "name"]));
    assert!(rows.is_empty());
    let (_, rows) = run(&format!(
        "{RANGES4} datatable(ip:string) [] | evaluate ipv4_lookup(R, ip, network, true)"
    ))
    .await;
    assert!(rows.is_empty());
}

#[tokio::test]
async fn ipv4_lookup_argument_errors() {
    let d = error(&format!(
        "{RANGES4} datatable(ip:string) ['1.1.1.1'] | evaluate ipv4_lookup(R, ip)"
    ))
    .await;
    assert_eq!(d.code, Code::WrongArgumentCount);
    let d = error(&format!(
        "{RANGES4} datatable(ip:long) [1] | evaluate ipv4_lookup(R, ip, network)"
    ))
    .await;
    assert_eq!(d.code, Code::TypeMismatch);
    let d = error(&format!(
        "{RANGES4} datatable(ip:string) ['1.1.1.1'] | evaluate ipv4_lookup(R, ip, nope)"
    ))
    .await;
    assert_eq!(d.code, Code::UnknownColumn);
}

#[tokio::test]
async fn ipv6_lookup_lookup_columns_first() {
    let (names, rows) = run(
        "let R = datatable(network:string, name:string) ['2001:db8::/32', 'doc', \
         '2001:db8:1::/48', 'doc-one']; datatable(ip:string) ['2001:db8:1::5', \
         '2001:db8:2::5', 'fe80::1'] | evaluate ipv6_lookup(R, ip, network, true)",
    )
    .await;
    assert_eq!(names, strings(&["network", "name", "ip"]));
    assert_eq!(
        rows,
        strings(&[
            "2001:db8:1::/48 | doc-one | 2001:db8:1::5",
            "2001:db8::/32 | doc | 2001:db8:2::5",
            " |  | fe80::1",
        ])
    );
}

fn schema_rows(rows: &[(&str, i64, &str)]) -> Vec<(String, i64, String, String)> {
    rows.iter()
        .map(|(n, o, t)| (n.to_string(), *o, String::new(), t.to_string()))
        .collect()
}

#[test]
fn schema_merge_orders_and_reduces() {
    let rows = schema_rows(&[
        ("a", 0, "string"),
        ("b", 1, "int"),
        ("a", 0, "string"),
        ("c", 1, "string"),
        ("b", 2, "long"),
    ]);
    let merged = merge_schemas(&rows, false);
    let view: Vec<(String, i64, String)> = merged
        .iter()
        .map(|m| (m.name.clone(), m.ordinal, m.column_type.clone()))
        .collect();
    assert_eq!(
        view,
        vec![
            ("a".to_string(), 0, "string".to_string()),
            ("c".to_string(), 1, "string".to_string()),
            ("b".to_string(), 2, "long".to_string()),
        ]
    );
    assert_eq!(merged[2].data_type, "System.Int64");
    let merged = merge_schemas(&rows, true);
    assert_eq!(merged[2].ordinal, -1);
    assert_eq!(merged[2].column_type, "ERROR(columns are out of order)");
    let clash = merge_schemas(&schema_rows(&[("a", 0, "string"), ("a", 0, "bool")]), true);
    assert_eq!(clash[0].ordinal, -1);
    assert!(merge_schemas(&[], true).is_empty());
}

#[tokio::test]
async fn schema_merge_end_to_end() {
    let (names, rows) = run(
        "let s1 = datatable(Uri:string, HttpStatus:int)[] | getschema; \
         let s2 = datatable(Uri:string, HttpStatus:int, Referrer:string)[] | getschema; \
         union s1, s2 | evaluate schema_merge()",
    )
    .await;
    assert_eq!(
        names,
        strings(&["ColumnName", "ColumnOrdinal", "DataType", "ColumnType"])
    );
    assert_eq!(
        rows,
        strings(&[
            "Uri | 0 | System.String | string",
            "HttpStatus | 1 | System.Int32 | int",
            "Referrer | 2 | System.String | string",
        ])
    );
    let d = error("print x=1 | evaluate schema_merge()").await;
    assert_eq!(d.code, Code::InvalidArgument);
}

const ACTIVITY: &str = "let T = datatable(User:string, Timestamp:datetime, Region:string) [\
    'a', datetime(2020-01-01), 'x', 'a', datetime(2020-01-01), 'x', 'b', datetime(2020-01-02), 'x', \
    'a', datetime(2020-01-03), 'y', 'c', datetime(2020-01-03), 'x', 'b', datetime(2019-12-31), 'x'];";

#[tokio::test]
async fn sliding_window_counts_over_two_days() {
    let (names, rows) = run(&format!(
        "{ACTIVITY} T | evaluate sliding_window_counts(User, Timestamp, datetime(2020-01-01), \
         datetime(2020-01-04), 2d, 1d)"
    ))
    .await;
    assert_eq!(names, strings(&["Timestamp", "Count", "dcount"]));
    assert_eq!(
        rows,
        strings(&[
            "2020-01-01T00:00:00Z | 3 | 2",
            "2020-01-02T00:00:00Z | 3 | 2",
            "2020-01-03T00:00:00Z | 3 | 3",
            "2020-01-04T00:00:00Z | 2 | 2",
        ])
    );
    let (names, rows) = run(&format!(
        "{ACTIVITY} T | evaluate sliding_window_counts(User, Timestamp, datetime(2020-01-03), \
         datetime(2020-01-03), 1d, 1d, Region)"
    ))
    .await;
    assert_eq!(names, strings(&["Timestamp", "Region", "Count", "dcount"]));
    assert_eq!(
        rows,
        strings(&[
            "2020-01-03T00:00:00Z | x | 1 | 1",
            "2020-01-03T00:00:00Z | y | 1 | 1"
        ])
    );
}

#[tokio::test]
async fn activity_counts_metrics_new_and_aggregated() {
    let (names, mut rows) = run(&format!(
        "{ACTIVITY} T | evaluate activity_counts_metrics(User, Timestamp, datetime(2020-01-01), \
         datetime(2020-01-03), 1d)"
    ))
    .await;
    assert_eq!(
        names,
        strings(&[
            "Timestamp",
            "count",
            "dcount",
            "new_dcount",
            "aggregated_dcount"
        ])
    );
    // The plugin's row order is unspecified (as in Kusto).
    rows.sort();
    assert_eq!(
        rows,
        strings(&[
            "2020-01-01T00:00:00Z | 2 | 1 | 1 | 1",
            "2020-01-02T00:00:00Z | 1 | 1 | 1 | 2",
            "2020-01-03T00:00:00Z | 2 | 2 | 1 | 3",
        ])
    );
    let (_, rows) = run(&format!(
        "{ACTIVITY} T | where User == 'nobody' | evaluate activity_counts_metrics(User, \
         Timestamp, datetime(2020-01-01), datetime(2020-01-03), 1d)"
    ))
    .await;
    assert!(rows.is_empty());
}

#[tokio::test]
async fn active_users_count_needs_enough_periods() {
    // `a` is active on 01-03 (days 01-01 and 01-03 within 3 days), `b` on 01-02 (12-31 and
    // 01-02); `c` is seen once.
    let (names, rows) = run(&format!(
        "{ACTIVITY} T | evaluate active_users_count(User, Timestamp, datetime(2020-01-01), \
         datetime(2020-01-03), 3d, 1d, 2, 1d)"
    ))
    .await;
    assert_eq!(names, strings(&["Timestamp", "dcount"]));
    assert_eq!(
        rows,
        strings(&["2020-01-02T00:00:00Z | 1", "2020-01-03T00:00:00Z | 1"])
    );
    // The lookback excludes its start: with 2 days, 01-02 - 2d = 12-31 and 01-03 - 2d = 01-01
    // do not count, so nobody has two periods.
    let (_, rows) = run(&format!(
        "{ACTIVITY} T | evaluate active_users_count(User, Timestamp, datetime(2020-01-01), \
         datetime(2020-01-03), 2d, 1d, 2, 1d)"
    ))
    .await;
    assert!(rows.is_empty(), "{rows:?}");
    let d = error(&format!(
        "{ACTIVITY} T | evaluate active_users_count(User, Timestamp, datetime(2020-01-01))"
    ))
    .await;
    assert_eq!(d.code, Code::WrongArgumentCount);
}

#[tokio::test]
async fn rolling_percentile_over_windows() {
    let (names, rows) = run(
        "range i from 1 to 6 step 1 | extend k = iff(i % 2 == 0, 'even', 'odd') \
         | evaluate rolling_percentile(i, 50, i, 2, 2)",
    )
    .await;
    assert_eq!(names, strings(&["i", "rolling_2_percentile_i_50"]));
    // Bins 0: {1}, 2: {2, 3}, 4: {4, 5}, 6: {6}; windows of two bins.
    assert_eq!(rows, strings(&["0 | 1", "2 | 2", "4 | 3", "6 | 5"]));
    let (names, rows) = run(
        "range i from 1 to 4 step 1 | extend k = iff(i % 2 == 0, 'even', 'odd') \
         | evaluate rolling_percentile(i, 100, i, 2, 1, k)",
    )
    .await;
    assert_eq!(names, strings(&["i", "k", "rolling_1_percentile_i_100"]));
    assert_eq!(
        rows,
        strings(&["0 | odd | 1", "2 | even | 2", "2 | odd | 3", "4 | even | 4"])
    );
    let d = error("range i from 1 to 4 step 1 | evaluate rolling_percentile(i, 50, i, 0, 1)").await;
    assert_eq!(d.code, Code::InvalidArgument);
    let d = error("print s='a', t=1 | evaluate rolling_percentile(s, 50, t, 1, 1)").await;
    assert_eq!(d.code, Code::TypeMismatch);
}
