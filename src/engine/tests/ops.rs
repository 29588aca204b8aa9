//! `join`, `lookup`, `union`, `as`, user functions, `invoke`, `materialize`, `toscalar`,
//! `render` and `parse`, end to end; and the Kusto documentation's examples of them from the
//! conformance corpus.

use super::*;

/// Rows sorted, for operators whose output order is unspecified.
async fn sorted(text: &str) -> Vec<String> {
    let mut r = rows(text).await;
    r.sort();
    r
}

const X: &str = "let X = datatable(Key:string, Value1:long) ['a', 1, 'b', 2, 'b', 3, 'c', 4];";
const Y: &str = "let Y = datatable(Key:string, Value2:long) ['b', 10, 'c', 20, 'c', 30, 'd', 40];";

fn xy(rest: &str) -> String {
    format!("{X} {Y} {rest}")
}

#[tokio::test]
async fn join_kinds() {
    assert_eq!(
        names(&xy("X | join kind=inner Y on Key")).await,
        vec!["Key", "Value1", "Key1", "Value2"]
    );
    assert_eq!(
        sorted(&xy("X | join kind=inner Y on Key")).await,
        vec![
            "b | 2 | b | 10",
            "b | 3 | b | 10",
            "c | 4 | c | 20",
            "c | 4 | c | 30"
        ]
    );
    assert_eq!(
        sorted(&xy("X | join kind=leftouter Y on Key")).await,
        vec![
            "a | 1 |  | ",
            "b | 2 | b | 10",
            "b | 3 | b | 10",
            "c | 4 | c | 20",
            "c | 4 | c | 30"
        ]
    );
    assert_eq!(
        sorted(&xy("X | join kind=rightouter Y on Key")).await,
        vec![
            " |  | d | 40",
            "b | 2 | b | 10",
            "b | 3 | b | 10",
            "c | 4 | c | 20",
            "c | 4 | c | 30"
        ]
    );
    assert_eq!(
        sorted(&xy("X | join kind=fullouter Y on Key")).await,
        vec![
            " |  | d | 40",
            "a | 1 |  | ",
            "b | 2 | b | 10",
            "b | 3 | b | 10",
            "c | 4 | c | 20",
            "c | 4 | c | 30"
        ]
    );
    assert_eq!(
        sorted(&xy("X | join kind=leftsemi Y on Key")).await,
        vec!["b | 2", "b | 3", "c | 4"]
    );
    assert_eq!(
        names(&xy("X | join kind=rightsemi Y on Key")).await,
        vec!["Key", "Value2"]
    );
    assert_eq!(
        sorted(&xy("X | join kind=rightsemi Y on Key")).await,
        vec!["b | 10", "c | 20", "c | 30"]
    );
    for anti in ["leftanti", "anti", "leftantisemi"] {
        assert_eq!(
            rows(&xy(&format!("X | join kind={anti} Y on Key"))).await,
            vec!["a | 1"],
            "{anti}"
        );
    }
    assert_eq!(
        rows(&xy("X | join kind=rightanti Y on Key")).await,
        vec!["d | 40"]
    );
}

#[tokio::test]
async fn innerunique_keeps_one_left_row_per_key() {
    // The default kind: `b` has two left rows, only one is joined.
    let joined = sorted(&xy("X | join Y on Key | project Key, Value2")).await;
    assert_eq!(joined, vec!["b | 10", "c | 20", "c | 30"]);
    let left = rows(&xy(
        "X | join kind=innerunique Y on Key | where Key == 'b' | project Value1",
    ))
    .await;
    assert_eq!(left.len(), 1);
    assert!(left[0] == "2" || left[0] == "3", "{left:?}");
}

#[tokio::test]
async fn join_conditions_and_inputs() {
    // `$left.a == $right.b`, several keys, and a parenthesised right side.
    let q = "let L = datatable(a:long, b:string) [1, 'x', 2, 'y', 3, 'z']; \
             let R = datatable(c:long, d:string, e:long) [1, 'x', 10, 2, 'q', 20, 3, 'z', 30]; ";
    assert_eq!(
        sorted(&format!("{q} L | join kind=inner R on $left.a == $right.c")).await,
        vec![
            "1 | x | 1 | x | 10",
            "2 | y | 2 | q | 20",
            "3 | z | 3 | z | 30"
        ]
    );
    assert_eq!(
        sorted(&format!(
            "{q} L | join kind=inner (R | where e > 10) on $left.a == $right.c, $left.b == $right.d | project a, e"
        ))
        .await,
        vec!["3 | 30"]
    );
    assert_eq!(
        sorted(&format!(
            "{q} L | join kind=inner R on $right.c == $left.a and $left.b == $right.d | project a"
        ))
        .await,
        vec!["1", "3"]
    );
    // Nulls never match; int and long keys mix.
    assert_eq!(
        rows("datatable(k:long) [long(null), 1] | join kind=inner (datatable(k:int) [int(null), 1]) on k").await,
        vec!["1 | 1"]
    );
    // A self join of a table.
    assert_eq!(
        rows("CloudAuditEvents | where _Username == 'alice' | project _Name | join kind=inner (CloudAuditEvents | project _Name, OperationName) on _Name | sort by OperationName asc | project OperationName").await,
        vec!["create", "create"]
    );
    // Stored text keys join with computed ones.
    assert_eq!(
        rows("datatable(_Name:string) ['web-1', 'none'] | join kind=inner (CloudAuditEvents | project _Name, OperationName) on _Name | count").await,
        vec!["2"]
    );
    // Name clashes take the next free number.
    assert_eq!(
        names("print a = 1, a1 = 2 | join kind=inner (print a = 1) on a").await,
        vec!["a", "a1", "a2"]
    );
}

#[tokio::test]
async fn join_errors() {
    let d = error(&xy("X | join Y on Nope")).await;
    assert_eq!(d.code, Code::UnknownColumn);
    let d = error(&xy("X | join Y on $left.Key == $right.Value2")).await;
    assert_eq!(d.code, Code::TypeMismatch);
    let d = error(&xy("X | join Y on $left.Key != $right.Key")).await;
    assert_eq!(d.code, Code::InvalidArgument);
    assert!(d.span.is_some());
}

#[tokio::test]
async fn lookup_does_not_repeat_keys() {
    let q = "let F = datatable(Row:string, Personal:string, Family:string) ['1', 'Rowan', 'Murphy', '2', 'Ellis', 'Turner', '3', 'Nobody', 'Known']; \
             let D = datatable(Personal:string, Family:string, Alias:string) ['Rowan', 'Murphy', 'rowanm', 'Ellis', 'Turner', 'ellist']; ";
    assert_eq!(
        names(&format!("{q} F | lookup D on Personal, Family")).await,
        vec!["Row", "Personal", "Family", "Alias"]
    );
    assert_eq!(
        sorted(&format!("{q} F | lookup D on Personal, Family")).await,
        vec![
            "1 | Rowan | Murphy | rowanm",
            "2 | Ellis | Turner | ellist",
            "3 | Nobody | Known | "
        ]
    );
    assert_eq!(
        sorted(&format!(
            "{q} F | lookup kind=inner D on Personal, Family | project Row"
        ))
        .await,
        vec!["1", "2"]
    );
}

#[tokio::test]
async fn union_outer_inner_and_withsource() {
    assert_eq!(
        sorted("union (print a = 1, b = 'x'), (print a = 2, c = 1.5)").await,
        vec!["1 | x | ", "2 |  | 1.5"]
    );
    assert_eq!(
        names("union (print a = 1, b = 'x'), (print a = 2, c = 1.5)").await,
        vec!["a", "b", "c"]
    );
    assert_eq!(
        rows("union kind=inner (print a = 1, b = 'x'), (print a = 2, c = 1.5) | sort by a asc")
            .await,
        vec!["1", "2"]
    );
    // The operator form, and a name with two types.
    assert_eq!(
        names("print x = 1 | union (print x = 'one')").await,
        vec!["x_long", "x_string"]
    );
    assert_eq!(
        sorted("print x = 1 | union (print x = 'one')").await,
        vec![" | one", "1 | "]
    );
    assert_eq!(
        sorted("let T = print v = 1; union withsource=Src CloudAuditEvents, T, (print v = 3) | summarize count() by Src").await,
        vec!["CloudAuditEvents | 4", "union_arg1 | 1", "union_arg2 | 1"]
    );
    // Wildcards match tables by name.
    assert_eq!(rows("union Cloud* | count").await, vec!["4"]);
    assert_eq!(error("union Nothing*").await.code, Code::UnknownTable);
    assert_eq!(error("union NoSuchTable").await.code, Code::UnknownTable);
    assert_eq!(
        rows("union isfuzzy=true CloudAuditEvents, NoSuchTable, Nothing* | count").await,
        vec!["4"]
    );
}

#[tokio::test]
async fn as_binds_a_name_for_the_rest_of_the_query() {
    assert_eq!(
        rows("range x from 1 to 3 step 1 | as T | join kind=inner (T | where x > 1) on x | project x, x1").await.len(),
        2
    );
    assert_eq!(
        sorted("range x from 1 to 2 step 1 | as T | union T").await,
        vec!["1", "1", "2", "2"]
    );
}

#[tokio::test]
async fn user_functions() {
    assert_eq!(
        rows("let f = (a:long, b:string = 'd') { strcat(a, '-', b) }; print f(1), f(2, 'x'), f(b = 'y', a = 3)").await,
        vec!["1-d | 2-x | 3-y"]
    );
    // A body with its own lets; the argument converts to the declared type.
    assert_eq!(
        rows("let g = (n:int) { let twice = n * 2; twice + 1 }; range n from 1 to 3 step 1 | extend m = g(n)").await,
        vec!["1 | 3", "2 | 5", "3 | 7"]
    );
    // Inside `summarize`: around the call, or in the body over a constant argument.
    assert_eq!(
        rows("let total = (v:long) { sum(v) * 10 }; let twice = (v:long) { v * 2 }; range x from 1 to 3 step 1 | summarize t = total(1), u = sum(twice(x))").await,
        vec!["30 | 12"]
    );
    // A parameter hides a column of the same name.
    assert_eq!(
        rows("let h = (x:long) { x * 10 }; print x = 1 | extend y = h(5)").await,
        vec!["1 | 50"]
    );
    // Tabular functions: with a tabular parameter, invoked, and called as a source.
    assert_eq!(
        rows("let big = (T:(x:long), limit:long) { T | where x > limit }; range x from 1 to 5 step 1 | invoke big(3)").await,
        vec!["4", "5"]
    );
    assert_eq!(
        rows("let nums = (n:long) { range x from 1 to n step 1 }; nums(3) | count").await,
        vec!["3"]
    );
    assert_eq!(rows("let V = view () { print v = 7 }; V").await, vec!["7"]);
    assert_eq!(
        rows("let any = (T:(*)) { T | count }; any(CloudAuditEvents)").await,
        vec!["4"]
    );
    assert_eq!(
        error("let f = (a:long) { a }; print f()").await.code,
        Code::WrongArgumentCount
    );
    assert_eq!(
        error("let f = (a:long) { a }; print f(1, 2)").await.code,
        Code::WrongArgumentCount
    );
    assert_eq!(
        error("let f = (a:long) { f(a) }; print f(1)").await.code,
        Code::DepthLimit
    );
    assert_eq!(
        error("let f = (T:(y:long)) { T }; print x = 1 | invoke f()")
            .await
            .code,
        Code::UnknownColumn
    );
}

#[tokio::test]
async fn materialize_and_toscalar() {
    assert_eq!(
        rows("let T = materialize(range x from 1 to 4 step 1); T | summarize sum(x)").await,
        vec!["10"]
    );
    assert_eq!(
        rows("let n = toscalar(range x from 1 to 9 step 1 | count); print n, n + 1").await,
        vec!["9 | 10"]
    );
    assert_eq!(
        rows("range x from 1 to 5 step 1 | where x > toscalar(range y from 1 to 3 step 1 | summarize max(y))").await,
        vec!["4", "5"]
    );
    assert_eq!(rows("print toscalar(2)").await, vec!["2"]);
    // A parenthesised query or a tabular function's result bound with `let`.
    assert_eq!(
        rows("let T = (range x from 1 to 3 step 1 | where x > 1); let f = () { T | count }; let U = f(); U").await,
        vec!["2"]
    );
}

#[tokio::test]
async fn render_is_attached_to_the_result() {
    let ctx = session();
    let result = run(
        &ctx,
        "range x from 1 to 2 step 1 | render timechart with (title='Hits', ycolumns=a, b)",
    )
    .await;
    assert_eq!(result.text_rows(), vec![vec!["1"], vec!["2"]]);
    let render = result.render.clone();
    assert_eq!(
        render,
        Some(crate::plan::RenderSpec {
            visualization: "timechart".to_string(),
            properties: vec![
                ("title".to_string(), "Hits".to_string()),
                ("ycolumns".to_string(), "a, b".to_string())
            ],
        })
    );
    let json: serde_json::Value =
        serde_json::from_str(&result.render(Format::Json)).unwrap_or_default();
    assert_eq!(json["render"]["visualization"], "timechart");
    assert_eq!(json["render"]["properties"]["title"], "Hits");
    assert!(result.render(Format::Table).contains("render timechart"));
    // Only a render at the end counts.
    let plain = run(&ctx, "range x from 1 to 2 step 1 | count").await;
    assert_eq!(plain.render, None);
}

#[tokio::test]
async fn parse_kinds() {
    let t =
        "datatable(s:string) ['id=12 user=ann took 1.5s', 'id=x user=bob took 2s', 'nothing here']";
    assert_eq!(
        rows(&format!("{t} | parse s with 'id=' id:long ' user=' user ' took ' secs:real 's' | project id, user, secs")).await,
        vec!["12 | ann | 1.5", " |  | ", " |  | "]
    );
    assert_eq!(
        rows(&format!("{t} | parse kind=relaxed s with 'id=' id:long ' user=' user ' took ' * | project id, user")).await,
        vec!["12 | ann", " | bob", " | "]
    );
    assert_eq!(
        rows(&format!(
            "{t} | parse kind=regex s with @'id=\\w+ ' rest | project rest"
        ))
        .await,
        vec!["user=ann took 1.5s", "user=bob took 2s", ""]
    );
    assert_eq!(
        rows("print s = 'A=1, B=2, C=3' | parse kind=regex s with * 'b=' v ',' * | project v")
            .await,
        vec![""]
    );
    assert_eq!(
        rows("print s = 'A=1, B=2, C=3' | parse kind=regex flags=i s with * 'b=' v:long ',' * | project v").await,
        vec!["2"]
    );
    // The last column takes the rest; an existing column is replaced in place.
    assert_eq!(
        rows("print s = 'key: value with spaces', v = 1 | parse s with 'key: ' v").await,
        vec!["key: value with spaces | value with spaces"]
    );
    assert_eq!(
        rows("print s = 'at 2026-11-20 10:00:00 for 00:05:00' | parse s with 'at ' t:datetime ' for ' d:timespan | project t, d").await,
        vec!["2026-11-20T10:00:00Z | 00:05:00"]
    );
    assert_eq!(
        error("print s = 'x' | parse kind=regex s with '(' v")
            .await
            .code,
        Code::InvalidArgument
    );
}

// ---------------------------------------------------------------------------------------------
// The Kusto documentation's examples (Microsoft, MicrosoftDocs/dataexplorer-docs, CC-BY-4.0)
// ---------------------------------------------------------------------------------------------

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/kql-conformance/cases.jsonl"
);

/// A cell in a comparable form: datetimes as instants, numbers as numbers.
fn normalize(cell: &str) -> String {
    let cell = cell.trim();
    let datetime = chrono::NaiveDateTime::parse_from_str(cell, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(cell, "%Y-%m-%dT%H:%M:%S%.fZ"));
    if let Ok(t) = datetime {
        return t.and_utc().to_rfc3339();
    }
    if let Ok(n) = cell.parse::<f64>() {
        return format!("{n}");
    }
    cell.to_string()
}

/// Runs the corpus cases `ids` and compares their rows as multisets.
async fn corpus_cases(ids: &[&str]) {
    let Ok(text) = std::fs::read_to_string(CORPUS) else {
        eprintln!("no conformance corpus at {CORPUS}: skipped");
        return;
    };
    for id in ids {
        let case = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|c| c["id"] == *id);
        let Some(case) = case else {
            panic!("no corpus case {id}");
        };
        let query = case["query"].as_str().unwrap_or_default();
        let ctx = session();
        let result = match run_query(&ctx, query, &options()).await {
            Ok(r) => r,
            Err(d) => panic!("{id}: {}", d.render(query)),
        };
        let expected_columns: Vec<String> = case["expected_columns"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let columns: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
        assert_eq!(columns, expected_columns, "{id}: columns");
        let mut expected: Vec<Vec<String>> = case["expected_rows_plain"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|r| {
                        r.as_array()
                            .map(|cells| {
                                cells
                                    .iter()
                                    .map(|c| normalize(c.as_str().unwrap_or_default()))
                                    .collect()
                            })
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut actual: Vec<Vec<String>> = result
            .text_rows()
            .into_iter()
            .map(|r| r.iter().map(|c| normalize(c)).collect())
            .collect();
        expected.sort();
        actual.sort();
        assert_eq!(actual, expected, "{id}: rows");
    }
}

#[tokio::test]
async fn corpus_join() {
    corpus_cases(&[
        "query/join-fullouter.md#1",
        "query/join-inner.md#1",
        "query/join-leftouter.md#1",
        "query/join-leftsemi.md#1",
        "query/join-rightouter.md#1",
        "query/join-rightsemi.md#1",
        "query/join-time-window.md#1",
        "query/toscalar-function.md#2",
    ])
    .await;
}

#[tokio::test]
async fn corpus_lookup_union_functions() {
    corpus_cases(&[
        "query/lookup-operator.md#2",
        "query/union-operator.md#6",
        "query/union-operator.md#7",
        "query/table-function.md#4",
        "query/functions/user-defined-functions.md#14",
        "query/toscalar-function.md#8",
    ])
    .await;
}

#[tokio::test]
async fn corpus_parse() {
    corpus_cases(&[
        "query/parse-operator.md#2",
        "query/parse-operator.md#5",
        "query/parse-operator.md#6",
        "query/parse-operator.md#8",
    ])
    .await;
}
