//! Planner tests that need no execution: plan shapes, types and names, and a fuzz test that no
//! text makes parse + plan panic.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::datasource::{MemTable, provider_as_source};
use datafusion::logical_expr::TableSource;
use proptest::prelude::*;

use super::*;
use crate::lake::schema::cloud_audit_events_schema;
use crate::syntax::parse;

/// A catalog with an empty `CloudAuditEvents` of the stored schema.
struct TestCatalog(BTreeMap<String, Arc<dyn TableSource>>);

impl TestCatalog {
    fn new() -> Self {
        let schema = cloud_audit_events_schema();
        let table =
            MemTable::try_new(schema, vec![vec![]]).map(|t| provider_as_source(Arc::new(t)));
        let mut tables = BTreeMap::new();
        if let Ok(table) = table {
            tables.insert("CloudAuditEvents".to_string(), table);
        }
        TestCatalog(tables)
    }
}

impl Catalog for TestCatalog {
    fn table(&self, name: &str) -> Option<Arc<dyn TableSource>> {
        self.0.get(name).cloned()
    }

    fn table_names(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }
}

fn planned(text: &str) -> PlannedQuery {
    let catalog = TestCatalog::new();
    let query = match parse(text) {
        Ok(q) => q,
        Err(d) => panic!("{}", d.render(text)),
    };
    match plan_query(&catalog, &query, &PlanOptions::default()) {
        Ok(p) => p,
        Err(d) => panic!("{}", d.render(text)),
    }
}

fn columns(text: &str) -> Vec<(String, &'static str)> {
    planned(text)
        .columns
        .into_iter()
        .map(|c| (c.name, c.ty.name()))
        .collect()
}

#[test]
fn the_table_has_kql_types() {
    let cols = columns("CloudAuditEvents");
    let ty = |name: &str| cols.iter().find(|(n, _)| n == name).map(|(_, t)| *t);
    assert_eq!(ty("Timestamp"), Some("datetime"));
    assert_eq!(ty("RawEventData"), Some("dynamic"));
    assert_eq!(ty("_ResponseCode"), Some("int"));
    assert_eq!(ty("IsAnonymousProxy"), Some("bool"));
}

#[test]
fn expressions_have_kql_types() {
    assert_eq!(
        columns(
            "print a = 1, b = 1.5, c = 'x', d = now(), e = 1h, f = dynamic([1]), g = int(2) + 1, h = 1 + 2.0, i = true and false"
        ),
        vec![
            ("a".to_string(), "long"),
            ("b".to_string(), "real"),
            ("c".to_string(), "string"),
            ("d".to_string(), "datetime"),
            ("e".to_string(), "timespan"),
            ("f".to_string(), "dynamic"),
            ("g".to_string(), "long"),
            ("h".to_string(), "real"),
            ("i".to_string(), "bool"),
        ]
    );
    assert_eq!(
        columns(
            "CloudAuditEvents | project RawEventData.ObjectRef.resource, tostring(RawEventData.ObjectRef.resource)"
        ),
        vec![
            ("RawEventData_ObjectRef_resource".to_string(), "dynamic"),
            ("Column1".to_string(), "string"),
        ]
    );
}

#[test]
fn the_time_filter_is_a_constant() {
    let text = planned("CloudAuditEvents | where Timestamp > ago(1d)")
        .plan
        .display_indent()
        .to_string();
    assert!(
        text.contains("CloudAuditEvents.Timestamp > TimestampMicrosecond("),
        "{text}"
    );
}

#[test]
fn the_promoted_rewrite_needs_the_tables_own_column() {
    // After `project`, `_Resource` is gone: the path reads the JSON.
    let text = planned(
        "CloudAuditEvents | project RawEventData | where RawEventData.ObjectRef.resource == 'pods'",
    )
    .plan
    .display_indent()
    .to_string();
    assert!(text.contains("kql_dynamic_get"), "{text}");
    // A column named RawEventData that is not the table's is not rewritten either.
    let text = planned("CloudAuditEvents | extend RawEventData = AdditionalFields | where RawEventData.ObjectRef.resource == 'pods'")
        .plan
        .display_indent()
        .to_string();
    assert!(text.contains("kql_dynamic_get"), "{text}");
    // Renamed, it still is.
    let text = planned(
        "CloudAuditEvents | project-rename R = RawEventData | where R.ObjectRef.resource == 'pods'",
    )
    .plan
    .display_indent()
    .to_string();
    assert!(text.contains("_Resource = Utf8(\"pods\")"), "{text}");
    // The datetime column is not a rewrite target (its JSON is a string).
    let text = planned("CloudAuditEvents | where RawEventData.RequestReceivedTimestamp == 'x'")
        .plan
        .display_indent()
        .to_string();
    assert!(!text.contains("_RequestReceivedTime"), "{text}");
}

fn plan_error_code(text: &str) -> (crate::diagnostic::Code, Option<Span>) {
    let catalog = TestCatalog::new();
    let query = match parse(text) {
        Ok(q) => q,
        Err(d) => panic!("{}", d.render(text)),
    };
    match plan_query(&catalog, &query, &PlanOptions::default()) {
        Ok(_) => panic!("{text} should not plan"),
        Err(d) => (d.code, d.span),
    }
}

#[test]
fn joins_unions_and_parse_have_kql_types() {
    assert_eq!(
        columns("print a = 1, s = 'x' | join kind=leftouter (print a = 1, t = now()) on a"),
        vec![
            ("a".to_string(), "long"),
            ("s".to_string(), "string"),
            ("a1".to_string(), "long"),
            ("t".to_string(), "datetime"),
        ]
    );
    assert_eq!(
        columns("union withsource=S (print x = 1), (print x = 'a', y = dynamic([1]))"),
        vec![
            ("S".to_string(), "string"),
            ("x_long".to_string(), "long"),
            ("x_string".to_string(), "string"),
            ("y".to_string(), "dynamic"),
        ]
    );
    assert_eq!(
        columns("print s = 'a=1' | parse s with 'a=' n:long | parse s with * d:dynamic"),
        vec![
            ("s".to_string(), "string"),
            ("n".to_string(), "long"),
            ("d".to_string(), "dynamic"),
        ]
    );
    assert_eq!(
        columns("let f = (T:(*), k:int) { T | extend k2 = k }; print a = 1 | invoke f(2)"),
        vec![("a".to_string(), "long"), ("k2".to_string(), "int")]
    );
    // `render` is kept on the planned query.
    let render = planned("print a = 1 | render piechart").render;
    assert_eq!(render.map(|r| r.visualization).as_deref(), Some("piechart"));
}

#[test]
fn wrong_joins_and_unions_point_at_the_problem() {
    use crate::diagnostic::Code;
    let text = "print a = 1 | join (print b = 'x') on $left.a == $right.b";
    let (code, span) = plan_error_code(text);
    assert_eq!(code, Code::TypeMismatch);
    assert_eq!(
        span.map(|s| &text[s.start..s.end]),
        Some("$left.a == $right.b")
    );
    let text = "print a = 1 | join (print b = 1) on a";
    let (code, span) = plan_error_code(text);
    assert_eq!(code, Code::UnknownColumn);
    assert_eq!(span.map(|s| &text[s.start..s.end]), Some("a"));
    let text = "union CloudAuditEvents, Nope";
    let (code, span) = plan_error_code(text);
    assert_eq!(code, Code::UnknownTable);
    assert_eq!(span.map(|s| &text[s.start..s.end]), Some("Nope"));
    let text = "print a = 1 | invoke nothing()";
    assert_eq!(plan_error_code(text).0, Code::UnknownFunction);
    let text = "print s = 'x' | parse kind=simple flags=i s with * v";
    assert_eq!(plan_error_code(text).0, Code::InvalidParameter);
}

#[test]
fn every_query_file_plans() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "kql") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let _ = planned(&text);
            count += 1;
        }
    }
    assert!(count >= 3, "found {count} queries");
}

/// Pieces of KQL, valid and not, to build queries from.
const PIECES: &[&str] = &[
    "CloudAuditEvents",
    "Nope",
    " | where ",
    " | extend ",
    " | project ",
    " | project-away ",
    " | project-rename a = ",
    " | summarize ",
    " | sort by ",
    " | top 3 by ",
    " | take ",
    " | count",
    " | distinct ",
    " | mv-expand ",
    " | join (T) on x",
    " | join kind=leftouter (print x = 1) on $left.a == $right.x",
    " | lookup (T) on x",
    " | union (print a = 1)",
    "union T, Cloud*",
    " | as T",
    " | parse a with * 'k=' v:long ' ' w",
    " | parse kind=regex a with '(x+)' v",
    " | invoke g(1)",
    " | render timechart with (title='t')",
    "let f = (a:long = 2) { a * 2 }; ",
    "let g = (T:(*), n:long) { T | take n }; ",
    "f(",
    "toscalar(T | count)",
    "materialize(T)",
    " by ",
    "print ",
    "range x from 1 to 3 step 1",
    "datatable(a:long, b:dynamic) [1, dynamic([1]), 2, dynamic(null)]",
    "let x = 1; ",
    "let T = CloudAuditEvents; ",
    "x",
    "a",
    "b",
    "Timestamp",
    "RawEventData",
    "RawEventData.ObjectRef.resource",
    "RawEventData.ResponseStatus.code",
    "RawEventData[0]",
    "RawEventData['k'][-1]",
    "OperationName",
    "_ResponseCode",
    " == ",
    " != ",
    " =~ ",
    " has ",
    " !startswith ",
    " contains_cs ",
    " in (1, 'a', dynamic([2]))",
    " !in (T)",
    " between (1 .. 2)",
    " matches regex '[a-'",
    " + ",
    " - ",
    " * ",
    " / ",
    " % ",
    " and ",
    " or ",
    "count()",
    "dcount(x)",
    "arg_max(Timestamp, *)",
    "make_set(a)",
    "sum(_ResponseCode)",
    "bin(Timestamp, 1h)",
    "ago(1d)",
    "now()",
    "tostring(",
    "iff(",
    "extract('(x)', 1, ",
    "strcat_array(",
    "url_decode(",
    "isnull(",
    "coalesce(",
    ")",
    "(",
    ", ",
    "1",
    "-1",
    "1.5",
    "'s'",
    "\"\"",
    "1d",
    "datetime(2026-01-01)",
    "dynamic({\"k\": [1]})",
    "long(null)",
    "true",
    "*",
    " asc",
    " desc nulls first",
    "=",
];

fn plan_text(text: &str) {
    let catalog = TestCatalog::new();
    if let Ok(query) = parse(text) {
        match plan_query(&catalog, &query, &PlanOptions::default()) {
            Ok(planned) => {
                assert_eq!(
                    planned.columns.len(),
                    planned.plan.schema().fields().len(),
                    "{text}"
                );
            }
            Err(d) => {
                let _ = d.render(text);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_text_never_panics_the_planner(text in "\\PC{0,60}") {
        plan_text(&text);
    }

    #[test]
    fn query_soup_never_panics_the_planner(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..14)) {
        plan_text(&pieces.concat());
    }
}
