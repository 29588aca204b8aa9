//! `make-series`, `mv-apply` and `evaluate` run end to end over constant tables.

use chrono::{DateTime, Utc};

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

/// As [`run`], the rows sorted.
async fn sorted(text: &str) -> (Vec<String>, Vec<String>) {
    let (names, mut rows) = run(text).await;
    rows.sort();
    (names, rows)
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

const ARRAYS: &str = "datatable (row: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7]), 2, dynamic([])]";

#[tokio::test]
async fn mv_apply_top_take_and_where_per_row() {
    let (names, rows) = sorted(&format!(
        "{ARRAYS} | mv-apply v = Arr to typeof(long) on (top 2 by v)"
    ))
    .await;
    assert_eq!(names, strings(&["row", "Arr", "v"]));
    assert_eq!(
        rows,
        strings(&[
            "0 | [5,1,3] | 3",
            "0 | [5,1,3] | 5",
            "1 | [4,10,8,7] | 10",
            "1 | [4,10,8,7] | 8",
        ])
    );
    let (_, rows) = sorted(&format!(
        "{ARRAYS} | mv-apply Arr on (take 1) | project row"
    ))
    .await;
    assert_eq!(rows, strings(&["0", "1"]));
    let (names, rows) = sorted(&format!(
        "{ARRAYS} | mv-apply with_itemindex=i v = Arr to typeof(long) on (where i >= 2 | extend w = v * 10)"
    ))
    .await;
    assert_eq!(names, strings(&["row", "Arr", "v", "i", "w"]));
    assert_eq!(
        rows,
        strings(&[
            "0 | [5,1,3] | 3 | 2 | 30",
            "1 | [4,10,8,7] | 7 | 3 | 70",
            "1 | [4,10,8,7] | 8 | 2 | 80",
        ])
    );
}

#[tokio::test]
async fn mv_apply_summarize_per_row_in_order() {
    // Expanded in place: `Arr` is replaced by the subquery's result; `top` then `make_list`
    // keeps the top's order.
    let (names, rows) = sorted(&format!(
        "{ARRAYS} | mv-apply Arr to typeof(long) on (top 2 by Arr | summarize Top2 = make_list(Arr), n = count())"
    ))
    .await;
    assert_eq!(names, strings(&["row", "Top2", "n"]));
    assert_eq!(rows, strings(&["0 | [5,3] | 2", "1 | [10,8] | 2"]));
    // Two arrays in parallel; the subquery sees the row's other columns.
    let (names, rows) = sorted(
        "datatable (k: long, a: dynamic, b: dynamic) [10, dynamic([1, 2]), dynamic(['x', 'y']), 20, dynamic([3]), dynamic(['z'])] \
         | mv-apply a to typeof(long), b to typeof(string) on (extend s = strcat(b, tostring(a + k)) | summarize total = sum(a), names = make_list(s))",
    )
    .await;
    assert_eq!(names, strings(&["k", "total", "names"]));
    assert_eq!(
        rows,
        strings(&["10 | 3 | [\"x11\",\"y12\"]", "20 | 3 | [\"z23\"]"])
    );
}

#[tokio::test]
async fn mv_apply_nested() {
    let (names, rows) = sorted(
        "datatable(a:dynamic, b:long)[dynamic([[1,2],[3]]), 1, dynamic([[4]]), 2] \
         | mv-apply x = a on (mv-apply y = x to typeof(long) on (summarize s = sum(y)) | summarize t = make_list(s))",
    )
    .await;
    assert_eq!(names, strings(&["a", "b", "t"]));
    assert_eq!(
        rows,
        strings(&["[[1,2],[3]] | 1 | [3,3]", "[[4]] | 2 | [4]"])
    );
}

#[tokio::test]
async fn mv_apply_rejects_other_subqueries() {
    let d = error(&format!(
        "{ARRAYS} | mv-apply Arr on (join (print x = 1) on x)"
    ))
    .await;
    assert_eq!(d.code, Code::NotSupported);
}

const METRICS: &str = "datatable(timestamp:datetime, metric:real, host:string) [\
    datetime(2016-12-31T06:00), 50, 'a', \
    datetime(2017-01-01), 4, 'a', \
    datetime(2017-01-02), 3, 'b', \
    datetime(2017-01-03), 4, 'a', \
    datetime(2017-01-03T03:00), 6, 'a', \
    datetime(2017-01-05T13:40), 13, 'b', \
    datetime(2017-01-10T05:00), 5, 'a']";

#[tokio::test]
async fn make_series_fills_missing_bins() {
    let (names, rows) = sorted(&format!(
        "{METRICS} | make-series avg(metric), n = count() default = -1 on timestamp from datetime(2017-01-01) to datetime(2017-01-06) step 1d by host"
    ))
    .await;
    assert_eq!(names, strings(&["host", "avg_metric", "n", "timestamp"]));
    let axis = "[\"2017-01-01T00:00:00.0000000Z\",\"2017-01-02T00:00:00.0000000Z\",\"2017-01-03T00:00:00.0000000Z\",\"2017-01-04T00:00:00.0000000Z\",\"2017-01-05T00:00:00.0000000Z\"]";
    assert_eq!(
        rows,
        vec![
            format!("a | [4,0,5,0,0] | [1,-1,2,-1,-1] | {axis}"),
            format!("b | [0,3,0,0,13] | [-1,1,-1,-1,1] | {axis}"),
        ]
    );
    // Without keys an empty input gives no row, or one of defaults with kind=nonempty.
    let (_, rows) = run(&format!(
        "{METRICS} | take 0 | make-series sum(metric) on timestamp from datetime(2017-01-01) to datetime(2017-01-03) step 1d"
    ))
    .await;
    assert!(rows.is_empty());
    let (names, rows) = run(&format!(
        "{METRICS} | take 0 | make-series kind=nonempty sum(metric) default = 1.5 on timestamp from datetime(2017-01-01) to datetime(2017-01-03) step 1d"
    ))
    .await;
    assert_eq!(names, strings(&["sum_metric", "timestamp"]));
    assert_eq!(
        rows,
        strings(&[
            "[1.5,1.5] | [\"2017-01-01T00:00:00.0000000Z\",\"2017-01-02T00:00:00.0000000Z\"]"
        ])
    );
}

#[tokio::test]
async fn make_series_on_a_numeric_axis() {
    let (names, rows) =
        run("range x from 0 to 9 step 1 | make-series s = sum(x) on x from 2 to 8 step 3").await;
    assert_eq!(names, strings(&["s", "x"]));
    assert_eq!(rows, strings(&["[9,18] | [2,5]"]));
    // Without `from`/`to`: from the bin of the smallest value to the bin of the largest.
    let (names, rows) = run("range x from 1 to 9 step 1 | make-series count() on x step 4").await;
    assert_eq!(names, strings(&["count_", "x"]));
    assert_eq!(rows, strings(&["[3,4,2] | [0,4,8]"]));
}

#[tokio::test]
async fn make_series_from_the_data_start() {
    let (_, rows) = run(&format!(
        "{METRICS} | make-series count() on timestamp to datetime(2017-01-02) step 1d"
    ))
    .await;
    assert_eq!(
        rows,
        strings(&["[1,1] | [\"2016-12-31T00:00:00.0000000Z\",\"2017-01-01T00:00:00.0000000Z\"]"])
    );
}

const BAGS: &str = "datatable(Name:string, d:dynamic) [\
    'James', dynamic({\"Name\": \"John\", \"Age\": 20, \"Tags\": [1]}), \
    'David', dynamic({\"Age\": 40.5, \"Tags\": \"x\"})]";

#[tokio::test]
async fn bag_unpack_columns_from_the_data() {
    let (names, rows) = sorted(&format!(
        "{BAGS} | evaluate bag_unpack(d, 'p_') | extend older = p_Age + 1"
    ))
    .await;
    assert_eq!(
        names,
        strings(&["Name", "p_Age", "p_Name", "p_Tags", "older"])
    );
    assert_eq!(
        rows,
        strings(&["David | 40.5 |  | x | 41.5", "James | 20 | John | [1] | 21"])
    );
    let (names, rows) = sorted(&format!(
        "{BAGS} | evaluate bag_unpack(d, columnsConflict='replace_source', ignoredProperties=dynamic(['Tags']))"
    ))
    .await;
    assert_eq!(names, strings(&["Name", "Age"]));
    assert_eq!(rows, strings(&[" | 40.5", "John | 20"]));
    let (_, rows) = sorted(&format!(
        "{BAGS} | evaluate bag_unpack(d, columnsConflict='keep_source') | project Name"
    ))
    .await;
    assert_eq!(rows, strings(&["David", "James"]));
    let d = error(&format!("{BAGS} | evaluate bag_unpack(d)")).await;
    assert_eq!(d.code, Code::DuplicateColumn);
}

#[tokio::test]
async fn bag_unpack_with_an_output_schema_and_unknown_plugins() {
    let (names, rows) = sorted(&format!("{BAGS} | evaluate bag_unpack(d) : (*, Age:long)")).await;
    assert_eq!(names, strings(&["Name", "Age"]));
    // A real converts to long as `tolong()` does.
    assert_eq!(rows, strings(&["David | 40", "James | 20"]));
    let d = error(&format!("{BAGS} | evaluate session_count(d, 50, 1)")).await;
    assert_eq!(d.code, Code::NotSupported);
    assert!(d.message.contains("session_count"), "{}", d.message);
}

#[tokio::test]
async fn narrow_one_row_per_cell() {
    let (names, rows) =
        sorted("datatable(a:long, b:string) [1, 'x', 2, 'y'] | evaluate narrow()").await;
    assert_eq!(names, strings(&["Row", "Column", "Value"]));
    assert_eq!(
        rows,
        strings(&["0 | a | 1", "0 | b | x", "1 | a | 2", "1 | b | y"])
    );
}

#[tokio::test]
async fn pivot_values_become_columns() {
    let table = "datatable(k:string, c:string, v:long) ['x', 'b', 1, 'x', 'a', 2, 'x', 'a', 3, 'y', 'b', 4]";
    let (names, rows) = sorted(&format!("{table} | evaluate pivot(c, sum(v), k)")).await;
    assert_eq!(names, strings(&["k", "a", "b"]));
    assert_eq!(rows, strings(&["x | 5 | 1", "y |  | 4"]));
    // count() by default, grouped by the other columns.
    let (names, rows) = sorted(&format!("{table} | project k, c | evaluate pivot(c)")).await;
    assert_eq!(names, strings(&["k", "a", "b"]));
    assert_eq!(rows, strings(&["x | 2 | 1", "y | 0 | 1"]));
}

#[tokio::test]
async fn mv_expand_with_the_item_index() {
    let (names, rows) = sorted(
        "print a = dynamic([10, 20]), b = dynamic(['x', 'y', 'z']) | mv-expand with_itemindex=i a to typeof(long), b",
    )
    .await;
    assert_eq!(names, strings(&["a", "b", "i"]));
    assert_eq!(rows, strings(&[" | z | 2", "10 | x | 0", "20 | y | 1"]));
}

#[tokio::test]
async fn range_steps_over_timespans_reals_and_backwards() {
    let (names, rows) = run("range t from 1h to 3h step 30m | extend d = t * 2").await;
    assert_eq!(names, strings(&["t", "d"]));
    assert_eq!(
        rows,
        strings(&[
            "01:00:00 | 02:00:00",
            "01:30:00 | 03:00:00",
            "02:00:00 | 04:00:00",
            "02:30:00 | 05:00:00",
            "03:00:00 | 06:00:00"
        ])
    );
    let (_, rows) = run("range t from 3h to 1h step -1h").await;
    assert_eq!(rows, strings(&["03:00:00", "02:00:00", "01:00:00"]));
    let (_, rows) = run("range x from 1.5 to 3 step 0.75").await;
    assert_eq!(rows, strings(&["1.5", "2.25", "3"]));
    let (_, rows) = run("range x from 5 to 1 step -2").await;
    assert_eq!(rows, strings(&["5", "3", "1"]));
}

#[tokio::test]
async fn mv_expand_and_mv_apply_take_at_most_limit_items_per_row() {
    let (_, rows) =
        run("print a = dynamic([1,2,3,4]), b = dynamic([\"x\",\"y\"]) | mv-expand a, b limit 3")
            .await;
    assert_eq!(rows, strings(&["1 | x", "2 | y", "3 | "]));
    let (_, rows) =
        run("print a = dynamic([1,2,3,4]) | mv-expand with_itemindex=i a limit 2").await;
    assert_eq!(rows, strings(&["1 | 0", "2 | 1"]));
    let (_, rows) = run(
        "print a = dynamic([5,1,3,4]) | mv-apply x = a to typeof(long) limit 3 on (summarize s = sum(x))",
    )
    .await;
    assert_eq!(rows, strings(&["[5,1,3,4] | 9"]));
}

#[tokio::test]
async fn make_list_over_sorted_rows_keeps_their_order() {
    // Enough rows for several partitions: the list still follows the sort.
    let (_, rows) = run(
        "range x from 1 to 20000 step 1 | extend k = x % 3 | sort by x desc \
         | summarize l = make_list(x) by k | project k, first = l[0], second = l[1] | sort by k asc",
    )
    .await;
    assert_eq!(
        rows,
        strings(&[
            "0 | 19998 | 19995",
            "1 | 19999 | 19996",
            "2 | 20000 | 19997"
        ])
    );
}

#[tokio::test]
async fn mv_apply_keeps_each_rows_results_when_the_input_order_is_not_fixed() {
    // The rows come out of a `summarize` over several partitions in no fixed order; every row
    // must get its own result back (mv-apply reads its input twice).
    for _ in 0..3 {
        let (_, rows) = run(
            "range x from 1 to 30000 step 1 | summarize l = make_list(x) by k = x % 7 \
             | mv-apply v = l to typeof(long) on (summarize s = sum(v)) \
             | summarize rows = count(), wrong = countif(s != array_sum(l))",
        )
        .await;
        assert_eq!(rows, strings(&["7 | 0"]));
    }
}
