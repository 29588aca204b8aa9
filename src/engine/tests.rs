//! Queries run end to end over in-memory tables: operator semantics, Kusto's rules, formats and
//! diagnostics.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use datafusion::arrow::array::{
    ArrayRef, Int32Array, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::error::DataFusionError;
use datafusion::prelude::SessionContext;

use super::*;
use crate::diagnostic::Code;
use crate::lake::schema::{KQL_TYPE_KEY, datetime_type};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T00:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn options() -> QueryOptions {
    QueryOptions {
        now: Some(now()),
        max_rows: None,
    }
}

/// Audit events of the test table: (minutes before now, `RawEventData`).
const EVENTS: &[(i64, &str)] = &[
    (
        10,
        r#"{"Verb":"create","User":{"username":"alice"},"SourceIPs":["10.0.0.1"],"UserAgent":"kubectl","ObjectRef":{"resource":"pods","namespace":"kube-system","name":"web-1"},"ResponseStatus":{"code":201},"RequestObject":{"spec":{"containers":[{"name":"a","securityContext":{"privileged":true}},{"name":"b","securityContext":{"privileged":"false"}},{"name":"c"}]}}}"#,
    ),
    (
        20,
        r#"{"Verb":"create","User":{"username":"bob"},"ObjectRef":{"resource":"pods","subresource":"exec","namespace":"kube-system","name":"web-1"},"ResponseStatus":{"code":101}}"#,
    ),
    (
        30,
        r#"{"Verb":"get","SourceIPs":["10.0.0.2"],"ObjectRef":{"resource":"secrets","namespace":"default"},"ResponseStatus":{"code":403}}"#,
    ),
    (
        2000,
        r#"{"Verb":"delete","SourceIPs":["10.0.0.3"],"ObjectRef":{"resource":"pods","name":"old"}}"#,
    ),
];

/// A session with a small `CloudAuditEvents`: the columns the tests use, filled from [`EVENTS`]
/// the way ingest fills them.
fn session() -> SessionContext {
    let ctx = crate::lake::new_session();
    let dynamic = HashMap::from([(KQL_TYPE_KEY.to_string(), "dynamic".to_string())]);
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let schema = Arc::new(Schema::new(vec![
        Field::new("Timestamp", datetime_type(), true),
        text("DataSource"),
        text("OperationName"),
        text("AzureResourceId"),
        text("IPAddress"),
        text("UserAgent"),
        Field::new("RawEventData", DataType::Utf8, true).with_metadata(dynamic),
        text("_Resource"),
        text("_Subresource"),
        text("_Namespace"),
        text("_Name"),
        Field::new("_ResponseCode", DataType::Int32, true),
        text("_Username"),
    ]));
    let end = now().timestamp_micros();
    let mut times = Vec::new();
    let mut codes = Vec::new();
    let mut strings: Vec<Vec<Option<String>>> = vec![Vec::new(); 11];
    for (minutes, raw) in EVENTS {
        let event: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
        let get = |path: &[&str]| {
            let mut v = &event;
            for key in path {
                v = &v[*key];
            }
            v.as_str().map(str::to_string)
        };
        times.push(Some(end - minutes * 60_000_000));
        codes.push(event["ResponseStatus"]["code"].as_i64().map(|c| c as i32));
        let values = [
            Some("Azure Kubernetes Service".to_string()),
            get(&["Verb"]),
            Some("/SUBSCRIPTIONS/S/AKS1".to_string()),
            event["SourceIPs"][0].as_str().map(str::to_string),
            get(&["UserAgent"]),
            Some(raw.to_string()),
            get(&["ObjectRef", "resource"]),
            get(&["ObjectRef", "subresource"]),
            get(&["ObjectRef", "namespace"]),
            get(&["ObjectRef", "name"]),
            get(&["User", "username"]),
        ];
        for (column, value) in strings.iter_mut().zip(values) {
            column.push(value);
        }
    }
    let text_array = |i: usize| -> ArrayRef { Arc::new(StringArray::from(strings[i].clone())) };
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(
        TimestampMicrosecondArray::from(times).with_timezone("UTC"),
    )];
    arrays.extend((0..10).map(text_array));
    arrays.push(Arc::new(Int32Array::from(codes)));
    arrays.push(text_array(10));
    let table = RecordBatch::try_new(schema.clone(), arrays)
        .map_err(DataFusionError::from)
        .and_then(|b| MemTable::try_new(schema, vec![vec![b]]));
    match table {
        Ok(table) => {
            let _ = ctx.register_table("CloudAuditEvents", Arc::new(table));
        }
        Err(e) => panic!("test table: {e}"),
    }
    ctx
}

async fn run(ctx: &SessionContext, text: &str) -> QueryResult {
    match run_query(ctx, text, &options()).await {
        Ok(r) => r,
        Err(d) => panic!("{}", d.render(text)),
    }
}

/// The rows of a query, cells joined with ` | `.
async fn rows(text: &str) -> Vec<String> {
    let ctx = session();
    run(&ctx, text)
        .await
        .text_rows()
        .into_iter()
        .map(|r| r.join(" | "))
        .collect()
}

async fn names(text: &str) -> Vec<String> {
    let ctx = session();
    run(&ctx, text)
        .await
        .columns
        .into_iter()
        .map(|c| c.name)
        .collect()
}

async fn error(text: &str) -> crate::diagnostic::Diagnostic {
    match run_query(&session(), text, &options()).await {
        Ok(_) => panic!("{text} should fail"),
        Err(d) => d,
    }
}

#[tokio::test]
async fn where_extend_project() {
    assert_eq!(
        rows("CloudAuditEvents | where OperationName == 'create' | extend n = strlen(OperationName), m = n * 2 | project OperationName, m, n")
            .await,
        vec!["create | 12 | 6", "create | 12 | 6"]
    );
    // extend replaces a column in place.
    assert_eq!(
        names("print a = 1, b = 2 | extend a = 'x'").await,
        vec!["a", "b"]
    );
    assert_eq!(
        rows("print a = 1, b = 2 | extend a = 'x'").await,
        vec!["x | 2"]
    );
}

#[tokio::test]
async fn default_column_names() {
    assert_eq!(
        names("print 1, x = 2, strlen('a')").await,
        vec!["print_0", "x", "print_2"]
    );
    assert_eq!(
        names("CloudAuditEvents | project strlen(OperationName), RawEventData.ObjectRef.name, Timestamp | take 1").await,
        vec!["Column1", "RawEventData_ObjectRef_name", "Timestamp"]
    );
    assert_eq!(
        names("CloudAuditEvents | summarize count(), dcount(IPAddress), countif(true), sum(_ResponseCode) by bin(Timestamp, 1h), OperationName").await,
        vec!["Timestamp", "OperationName", "count_", "dcount_IPAddress", "countif_", "sum__ResponseCode"]
    );
    assert_eq!(names("CloudAuditEvents | count").await, vec!["Count"]);
}

#[tokio::test]
async fn sort_is_descending_by_default_with_kusto_nulls() {
    let data = "datatable(x:long) [2, long(null), 1, 3]";
    assert_eq!(
        rows(&format!("{data} | sort by x")).await,
        vec!["3", "2", "1", ""]
    );
    assert_eq!(
        rows(&format!("{data} | sort by x asc")).await,
        vec!["", "1", "2", "3"]
    );
    assert_eq!(
        rows(&format!("{data} | order by x desc nulls first")).await,
        vec!["", "3", "2", "1"]
    );
    assert_eq!(rows(&format!("{data} | top 2 by x")).await, vec!["3", "2"]);
    assert_eq!(
        rows(&format!("{data} | top 1 by x asc nulls last")).await,
        vec!["1"]
    );
}

#[tokio::test]
async fn take_distinct_count_and_projections() {
    assert_eq!(
        rows("range x from 1 to 10 step 1 | take 3 | count").await,
        vec!["3"]
    );
    assert_eq!(
        rows(
            "datatable(a:string, b:long) ['x', 1, 'x', 1, 'y', 2] | distinct a, b | sort by a asc"
        )
        .await,
        vec!["x | 1", "y | 2"]
    );
    assert_eq!(
        rows("datatable(a:string, b:long) ['x', 1, 'x', 1] | distinct *").await,
        vec!["x | 1"]
    );
    assert_eq!(
        names("CloudAuditEvents | project-away _*, RawEventData, DataSource, AzureResourceId, UserAgent | project-rename Op = OperationName | project-reorder IPAddress").await,
        vec!["IPAddress", "Timestamp", "Op"]
    );
    assert_eq!(
        names("CloudAuditEvents | project-keep Time*, _R*").await,
        vec!["Timestamp", "_Resource", "_ResponseCode"]
    );
}

#[tokio::test]
async fn summarize_keys_first_and_bins() {
    assert_eq!(
        rows("range t from datetime(2026-11-20 10:05) to datetime(2026-11-20 12:50) step 30m | summarize n = count() by bin(t, 1h) | sort by t asc").await,
        vec![
            "2026-11-20T10:00:00Z | 2",
            "2026-11-20T11:00:00Z | 2",
            "2026-11-20T12:00:00Z | 2"
        ]
    );
    assert_eq!(
        rows("datatable(g:string, v:long) ['a', 1, 'a', 4, 'b', 2] | summarize total = sum(v), share = 100.0 * sum(v) / count() by g | sort by g asc").await,
        vec!["a | 5 | 250", "b | 2 | 200"]
    );
    assert_eq!(
        rows("datatable(g:string, v:long) ['a', 1, 'a', 4] | summarize make_list(v), make_set(g), avg(v), min(v), max(v)").await,
        vec!["[1,4] | [\"a\"] | 2.5 | 1 | 4"]
    );
    assert_eq!(
        rows("datatable(v:long) [1] | where v > 5 | summarize count()").await,
        vec!["0"]
    );
    assert_eq!(
        rows("datatable(g:string, t:long, v:string) ['a', 1, 'x', 'a', 2, 'y', 'b', 5, 'z'] | summarize arg_max(t, *) by g | sort by g asc").await,
        vec!["a | 2 | y", "b | 5 | z"]
    );
}

#[tokio::test]
async fn mv_expand_arrays_bags_and_nulls() {
    assert_eq!(
        rows("print a = dynamic([1, 'two', {\"k\": 3}]), n = 1 | mv-expand a").await,
        vec!["1 | 1", "two | 1", "{\"k\":3} | 1"]
    );
    assert_eq!(
        rows("print a = dynamic([]) | mv-expand a").await,
        Vec::<String>::new()
    );
    assert_eq!(
        rows("print a = dynamic(null), b = 1 | mv-expand a").await,
        vec![" | 1"]
    );
    assert_eq!(
        rows("print d = dynamic({\"x\": 1, \"y\": [2]}) | mv-expand d").await,
        vec!["{\"x\":1}", "{\"y\":[2]}"]
    );
    assert_eq!(
        rows("print d = dynamic({\"x\": 1}) | mv-expand kind=array d").await,
        vec!["[\"x\",1]"]
    );
    assert_eq!(
        rows("print a = dynamic([1, 2, 3]), b = dynamic(['x']) | mv-expand a, b").await,
        vec!["1 | x", "2 | ", "3 | "]
    );
    assert_eq!(
        rows("print a = dynamic([1, 2]) | mv-expand v = a to typeof(long) | extend w = v + 1 | project w").await,
        vec!["2", "3"]
    );
    assert_eq!(
        names("print a = dynamic([1]), b = 2 | mv-expand c = a").await,
        vec!["a", "b", "c"]
    );
}

#[tokio::test]
async fn let_statements_and_sources() {
    assert_eq!(
        rows("let n = 2; let T = range x from 1 to 5 step 1 | where x > n; T | count").await,
        vec!["3"]
    );
    assert_eq!(
        rows("let T = CloudAuditEvents; let U = T; U | count").await,
        vec!["4"]
    );
    assert_eq!(
        rows("range x from 5 to 1 step -2").await,
        vec!["5", "3", "1"]
    );
    assert_eq!(
        rows("range x from 1.0 to 2 step 0.5").await,
        vec!["1", "1.5", "2"]
    );
    assert_eq!(
        rows("datatable(a:int, d:dynamic, t:datetime, s:timespan, g:guid) [1, dynamic({\"k\": [1]}), datetime(2026-11-20), 90m, guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)]").await,
        vec!["1 | {\"k\":[1]} | 2026-11-20T00:00:00Z | 01:30:00 | 74be27de-1e4e-49d9-b579-fe0b331d3642"]
    );
    assert_eq!(rows("datatable(a:long) [] | count").await, vec!["0"]);
    assert_eq!(
        rows("print x = 1 | getschema").await,
        vec!["x | 0 | System.Int64 | long"]
    );
}

#[tokio::test]
async fn time_is_fixed_per_query() {
    assert_eq!(rows("print now()").await, vec!["2026-11-22T00:00:00Z"]);
    assert_eq!(
        rows("print ago(1d), now(-1h)").await,
        vec!["2026-11-21T00:00:00Z | 2026-11-21T23:00:00Z"]
    );
    assert_eq!(
        rows("CloudAuditEvents | where Timestamp > ago(1d) | count").await,
        vec!["3"]
    );
    assert_eq!(
        rows("CloudAuditEvents | where Timestamp between (ago(1h) .. now()) | count").await,
        vec!["3"]
    );
    assert_eq!(
        rows("print datetime(2026-11-20 10:00) + 1d, datetime(2026-11-21) - datetime(2026-11-20), 1h * 2, 1h / 30m").await,
        vec!["2026-11-21T10:00:00Z | 1.00:00:00 | 02:00:00 | 2"]
    );
}

#[tokio::test]
async fn string_operators_follow_kusto_case_rules() {
    let cases = [
        ("'Kube-System' == 'kube-system'", "false"),
        ("'Kube-System' =~ 'kube-system'", "true"),
        ("'Kube-System' !~ 'kube-system'", "false"),
        ("'kubectl exec' has 'EXEC'", "true"),
        ("'kubectl exec' has 'xec'", "false"),
        ("'kubectl exec' has_cs 'EXEC'", "false"),
        ("'kubectl exec' hasprefix 'ex'", "true"),
        ("'kubectl exec' hassuffix 'ctl'", "true"),
        ("'kubectl exec' !has 'exec'", "false"),
        ("'Kubectl' contains 'BEC'", "true"),
        ("'Kubectl' contains_cs 'BEC'", "false"),
        ("'Kubectl' !contains 'x'", "true"),
        ("'Kubectl' startswith 'kube'", "true"),
        ("'Kubectl' startswith_cs 'kube'", "false"),
        ("'Kubectl' !startswith 'x'", "true"),
        ("'Kubectl' endswith 'CTL'", "true"),
        ("'Kubectl' !endswith 'ctl'", "false"),
        ("'50%' endswith '%'", "true"),
        ("'a_c' contains '_'", "true"),
        ("'abc' contains '_'", "false"),
        ("'a' in ('a', 'b')", "true"),
        ("'A' in ('a', 'b')", "false"),
        ("'A' in~ ('a', 'b')", "true"),
        ("'A' !in ('a', 'b')", "true"),
        ("'c' in (dynamic(['a', 'c']))", "true"),
        ("'get pods' has_any ('exec', 'pods')", "true"),
        ("'get pods' has_all ('exec', 'pods')", "false"),
        ("'abc123' matches regex '[a-z]+[0-9]+'", "true"),
        ("5 between (1 .. 5)", "true"),
        ("5 !between (1 .. 4)", "true"),
        ("2 in (1, 2.0)", "true"),
    ];
    for (expr, expected) in cases {
        assert_eq!(
            rows(&format!("print {expr}")).await,
            vec![expected],
            "{expr}"
        );
    }
}

#[tokio::test]
async fn dynamic_values_convert_implicitly() {
    let cases = [
        // A string operator on a dynamic number sees its text.
        ("dynamic({\"code\": 201}).code startswith '20'", "true"),
        // A dynamic bool compared with a string.
        ("dynamic({\"p\": true}).p == 'true'", "true"),
        ("dynamic({\"p\": 'true'}).p == 'true'", "true"),
        ("dynamic({\"p\": false}).p == 'true'", "false"),
        // A number compared with a dynamic number.
        ("dynamic({\"code\": 101}).code == 101", "true"),
        ("dynamic({\"code\": 101}).code > 100.5", "true"),
        // A missing property is null.
        ("isnull(dynamic({\"a\": 1}).missing)", "true"),
        ("isnull(dynamic({\"a\": 1})['a'])", "false"),
        ("dynamic([10, 20])[1] == 20", "true"),
        ("dynamic([10, 20])[-1] == 20", "true"),
        ("tostring(dynamic({\"s\": 'x'}).s) == 'x'", "true"),
        ("dynamic({\"s\": 'x'}).s != 'y'", "true"),
        ("dynamic({}).missing != 'y'", "true"),
        ("dynamic({}).missing == 'y'", "false"),
    ];
    for (expr, expected) in cases {
        assert_eq!(
            rows(&format!("print {expr}")).await,
            vec![expected],
            "{expr}"
        );
    }
}

#[tokio::test]
async fn nulls_follow_kusto() {
    // A null string reads as "", so `!=` and negated operators keep the row.
    assert_eq!(
        rows("CloudAuditEvents | where IPAddress != '10.0.0.1' | count").await,
        vec!["3"]
    );
    assert_eq!(
        rows("CloudAuditEvents | where IPAddress !startswith '10.' | count").await,
        vec!["1"]
    );
    assert_eq!(
        rows("CloudAuditEvents | where isempty(IPAddress) | count").await,
        vec!["1"]
    );
    // == of a null and a value is false, != is true (not null).
    assert_eq!(
        rows("datatable(x:long) [long(null)] | extend e = x == 1, n = x != 1 | project e, n").await,
        vec!["false | true"]
    );
    assert_eq!(rows("print iff(long(null) > 1, 'y', 'n')").await, vec!["n"]);
    assert_eq!(rows("print 1 / 0, 5 % 0").await, vec![" | "]);
}

#[tokio::test]
async fn promoted_paths_keep_dynamic_semantics() {
    // Each predicate through the promoted column and through the JSON gives the same rows.
    let predicates = [
        "R.ObjectRef.resource == 'pods'",
        "R.ObjectRef.resource != 'pods'",
        "R.ObjectRef.resource =~ 'PODS'",
        "isnull(R.ObjectRef.subresource)",
        "isnotnull(R.ObjectRef.subresource)",
        "isempty(R.ObjectRef.namespace)",
        "R.ResponseStatus.code startswith '20'",
        "R.ResponseStatus.code == 101",
        "R.ResponseStatus.code >= 200",
        "R.ResponseStatus.code in (101, 403)",
        "R.ResponseStatus.code !in (101, 403)",
        "tostring(R.ObjectRef.name) !startswith 'web'",
        "R.ObjectRef.namespace in ('kube-system')",
        "R.ObjectRef.namespace has 'system'",
    ];
    for p in predicates {
        let promoted = p.replace("R.", "RawEventData.");
        let via_column = rows(&format!(
            "CloudAuditEvents | where {promoted} | project Timestamp"
        ))
        .await;
        let via_json = rows(&format!(
            "CloudAuditEvents | extend R = parse_json(tostring(RawEventData)) | where {p} | project Timestamp"
        ))
        .await;
        assert_eq!(via_column, via_json, "{p}");
    }
    // Extended promoted paths are dynamic values.
    assert_eq!(
        rows("CloudAuditEvents | where OperationName == 'get' | project r = RawEventData.ObjectRef.resource, c = RawEventData.ResponseStatus.code, t = tostring(RawEventData.ObjectRef.name)").await,
        vec!["secrets | 403 | "]
    );
    let ctx = session();
    let result = run(
        &ctx,
        "CloudAuditEvents | project r = RawEventData.ObjectRef.resource | take 1",
    )
    .await;
    assert_eq!(result.columns[0].ty, crate::syntax::ScalarType::Dynamic);
    assert!(result.render(Format::Json).contains("\"pods\""));
}

#[tokio::test]
async fn promoted_paths_are_read_from_their_columns() {
    let ctx = session();
    let explanation = explain(
        &ctx,
        "CloudAuditEvents | where RawEventData.ObjectRef.resource == 'pods' and isnull(RawEventData.ObjectRef.subresource) | where RawEventData.ResponseStatus.code startswith '20' | where RawEventData.ObjectRef.resource.x == 1",
        &options(),
    )
    .await;
    let explanation = match explanation {
        Ok(e) => e,
        Err(d) => panic!("{d}"),
    };
    let logical = &explanation.logical;
    assert!(logical.contains("_Resource = Utf8(\"pods\")"), "{logical}");
    assert!(logical.contains("_Subresource IS NULL"), "{logical}");
    assert!(logical.contains("_ResponseCode"), "{logical}");
    // A path below a promoted one reads the JSON.
    assert!(logical.contains("kql_dynamic_get(CloudAuditEvents.RawEventData, Utf8(\"ObjectRef\"), Utf8(\"resource\"), Utf8(\"x\"))"), "{logical}");
}

#[tokio::test]
async fn hunts_logic_on_a_small_table() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/queries/hunts/privileged-pod.kql"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        rows(&text).await,
        vec![format!(
            "{} | /SUBSCRIPTIONS/S/AKS1 | create | 10.0.0.1 | kubectl |  | kube-system | a | alice",
            crate::value::format_datetime(now().timestamp_micros() - 600_000_000)
        )]
    );
}

#[tokio::test]
async fn formats() {
    let ctx = session();
    let result = run(
        &ctx,
        "print s = 'a,b', n = 1, r = 1.5, d = dynamic({\"k\": 'v'}), t = datetime(2026-11-20 10:00:00.5), z = 1d, b = true, e = long(null)",
    )
    .await;
    assert_eq!(
        result.render(Format::Json),
        "{\"columns\":[\"s\",\"n\",\"r\",\"d\",\"t\",\"z\",\"b\",\"e\"],\"types\":[\"string\",\"long\",\"real\",\"dynamic\",\"datetime\",\"timespan\",\"bool\",\"long\"],\"rows\":[[\"a,b\",1,1.5,{\"k\":\"v\"},\"2026-11-20T10:00:00.5Z\",\"1.00:00:00\",true,null]]}\n"
    );
    assert_eq!(
        result.render(Format::Csv),
        "s,n,r,d,t,z,b,e\r\n\"a,b\",1,1.5,\"{\"\"k\"\":\"\"v\"\"}\",2026-11-20T10:00:00.5Z,1.00:00:00,true,\r\n"
    );
    assert_eq!(
        result.render(Format::Ndjson),
        "{\"s\":\"a,b\",\"n\":1,\"r\":1.5,\"d\":{\"k\":\"v\"},\"t\":\"2026-11-20T10:00:00.5Z\",\"z\":\"1.00:00:00\",\"b\":true,\"e\":null}\n"
    );
    let table = result.render(Format::Table);
    assert!(table.starts_with("s    n  r    d          t"), "{table}");
    assert!(table.ends_with("(1 row)\n"), "{table}");
}

#[tokio::test]
async fn max_rows_truncates() {
    let ctx = session();
    let options = QueryOptions {
        now: Some(now()),
        max_rows: Some(2),
    };
    let result = run_query(&ctx, "range x from 1 to 10 step 1", &options).await;
    let Ok(result) = result else {
        panic!("query fails");
    };
    assert_eq!(result.row_count(), 2);
    assert!(result.truncated);
}

#[tokio::test]
async fn diagnostics_point_at_the_problem() {
    let d = error("CloudAuditEvent | count").await;
    assert_eq!(d.code, Code::UnknownTable);
    assert_eq!(d.help.as_deref(), Some("did you mean `CloudAuditEvents`?"));
    assert_eq!(d.span.map(|s| (s.start, s.end)), Some((0, 15)));

    let text = "CloudAuditEvents | where Timestamps > ago(1d)";
    let d = error(text).await;
    assert_eq!(d.code, Code::UnknownColumn);
    assert_eq!(d.help.as_deref(), Some("did you mean `Timestamp`?"));
    assert!(
        d.render(text).contains("^^^^^^^^^^ unknown column"),
        "{}",
        d.render(text)
    );

    let d = error("print tostrin(1)").await;
    assert_eq!(d.code, Code::UnknownFunction);
    assert_eq!(d.help.as_deref(), Some("did you mean `tostring`?"));

    let d = error("print strlen()").await;
    assert_eq!(d.code, Code::WrongArgumentCount);

    let d = error("CloudAuditEvents | facet by x").await;
    assert_eq!(d.code, Code::NotSupported);
    assert_eq!(d.span.map(|s| s.start), Some(19));

    let d = error("print count()").await;
    assert_eq!(d.code, Code::AggregateOutsideSummarize);
    let d = error("CloudAuditEvents | summarize OperationName").await;
    assert_eq!(d.code, Code::AggregateOutsideSummarize);

    let d = error("print 1 + 'a'").await;
    assert_eq!(d.code, Code::TypeMismatch);
    let d = error("print extract('(', 1, 'x')").await;
    assert_eq!(d.code, Code::InvalidArgument);
    let d = error("print a = 1, a = 2").await;
    assert_eq!(d.code, Code::DuplicateColumn);
    let d = error("let x = 1; x | count").await;
    assert_eq!(d.code, Code::WrongKindOfExpression);
    let d = error("CloudAuditEvents | project-away Nope").await;
    assert_eq!(d.code, Code::UnknownColumn);
}

#[tokio::test]
async fn in_with_a_subquery() {
    assert_eq!(
        rows("let Verbs = datatable(v:string) ['get', 'delete']; CloudAuditEvents | where OperationName in (Verbs) | count").await,
        vec!["2"]
    );
    assert_eq!(
        rows("CloudAuditEvents | where OperationName !in (CloudAuditEvents | where OperationName == 'create' | project OperationName) | count").await,
        vec!["2"]
    );
}

mod graph;
mod ops;
mod parse_ops;
mod scan;
