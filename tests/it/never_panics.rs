//! Any text given as a query yields a result or a diagnostic, never a panic: generated queries
//! (every catalog function with random arguments, in random operator pipelines over a table of
//! every type) run end to end through the engine.

use std::sync::LazyLock;

use kqlhunt::engine::{self, QueryOptions};
use kqlhunt::functions::{self, FunctionKind};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};

const SOURCE: &str = r#"datatable(i:int, l:long, r:real, s:string, b:bool, t:datetime, ts:timespan, d:dynamic)[
    1, 10, 1.5, "a b", true, datetime(2026-01-01), 1h, dynamic({"k": [1, "x", null], "n": {"m": 2}}),
    int(null), long(null), real(null), "", false, datetime(null), timespan(null), dynamic(null),
    -7, 9223372036854775807, -0.0, "10.0.0.1", true, datetime(1970-01-01), -1d, dynamic([1, 2, 3]),
    2147483647, -9223372036854775807, 1e308, "ÇÉ\u00e9 日本", false, datetime(2100-12-31 23:59:59.9999999), 0s, dynamic("text")
]"#;

/// Scalar operands of every type, including nulls and extremes.
const ATOMS: &[&str] = &[
    "i",
    "l",
    "r",
    "s",
    "b",
    "t",
    "ts",
    "d",
    "d.k",
    "d.k[0]",
    "d['n'].m",
    "d[-1]",
    "0",
    "1",
    "-1",
    "2147483648",
    "9223372036854775807",
    "0.0",
    "1.5",
    "-2.5e10",
    "'x'",
    "''",
    "'a,b;c'",
    "'%41'",
    "'10.1.2.3/8'",
    "'2026-05-01'",
    "true",
    "false",
    "1d",
    "-5m",
    "datetime(2026-01-01)",
    "dynamic([1, 'a', null])",
    "dynamic({'a': {'b': 1}})",
    "dynamic(null)",
    "int(null)",
    "long(null)",
    "real(null)",
    "'\\\\d+'",
    "'(a)(b)?'",
    "now()",
];

const BINARY: &[&str] = &[
    "+",
    "-",
    "*",
    "/",
    "%",
    "==",
    "!=",
    "<",
    ">=",
    "and",
    "or",
    "=~",
    "!~",
    "has",
    "!has",
    "contains",
    "startswith",
    "endswith",
    "matches regex",
    "in~",
];

static SCALARS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    functions::all()
        .into_iter()
        .filter(|f| f.kind == FunctionKind::Scalar)
        .map(|f| f.name)
        .collect()
});

static AGGREGATES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    functions::all()
        .into_iter()
        .filter(|f| f.kind == FunctionKind::Aggregate)
        .map(|f| f.name)
        .collect()
});

fn atom() -> impl Strategy<Value = String> {
    prop::sample::select(ATOMS).prop_map(str::to_string)
}

/// A scalar expression: atoms, calls of catalog functions with 0 to 3 arguments, binary
/// operators, `in (...)` and `between`.
fn scalar() -> impl Strategy<Value = String> {
    atom().prop_recursive(3, 24, 3, |inner| {
        prop_oneof![
            (
                prop::sample::select(SCALARS.clone()),
                prop::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            (inner.clone(), prop::sample::select(BINARY), inner.clone())
                .prop_map(|(a, op, b)| format!("({a}) {op} ({b})")),
            (inner.clone(), prop::collection::vec(atom(), 1..3))
                .prop_map(|(a, list)| format!("({a}) in ({})", list.join(", "))),
            (inner.clone(), atom(), atom())
                .prop_map(|(a, lo, hi)| format!("({a}) between ({lo} .. {hi})")),
            inner.prop_map(|a| format!("not({a})")),
        ]
    })
}

fn aggregate() -> impl Strategy<Value = String> {
    (
        prop::sample::select(AGGREGATES.clone()),
        prop::collection::vec(scalar(), 0..3),
    )
        .prop_map(|(f, args)| format!("{f}({})", args.join(", ")))
}

/// A tabular operator over the generated table (or over what earlier operators left).
fn operator() -> impl Strategy<Value = String> {
    prop_oneof![
        scalar().prop_map(|e| format!("where {e}")),
        scalar().prop_map(|e| format!("extend x = {e}")),
        (scalar(), scalar()).prop_map(|(a, b)| format!("project {a}, y = {b}")),
        (aggregate(), scalar()).prop_map(|(a, k)| format!("summarize {a} by k = {k}")),
        aggregate().prop_map(|a| format!("summarize {a}")),
        Just("summarize count() by bin(t, 1d)".to_string()),
        scalar().prop_map(|e| format!("sort by {e}")),
        scalar().prop_map(|e| format!("top 2 by {e} asc")),
        Just("mv-expand d".to_string()),
        Just("mv-expand with_itemindex=ix d to typeof(long)".to_string()),
        Just("distinct *".to_string()),
        Just("take 2".to_string()),
        Just("count".to_string()),
        Just("project-away s".to_string()),
        Just("getschema".to_string()),
    ]
}

/// Runs a query; `true` when it gave a result, `false` for a diagnostic. Panics (the failure
/// this test looks for) propagate.
async fn check(query: &str) -> bool {
    let ctx = kqlhunt::lake::new_session();
    let options = QueryOptions {
        now: Some("2026-01-01T00:00:00Z".parse().unwrap()),
        max_rows: Some(100),
    };
    match engine::run_query(&ctx, query, &options).await {
        Ok(result) => {
            for batch in &result.batches {
                assert_eq!(batch.num_columns(), result.columns.len(), "{query}");
            }
            // Every cell prints.
            let _ = result.render(engine::Format::Json);
            true
        }
        Err(diagnostic) => {
            assert!(!diagnostic.message.is_empty(), "{query}");
            let rendered = diagnostic.render(query);
            assert!(rendered.starts_with("error["), "{query}: {rendered}");
            false
        }
    }
}

/// Runs `cases` generated queries with a fixed seed (so CI is reproducible) and returns how
/// many gave a result.
fn run_generated(strategy: impl Strategy<Value = String>, cases: u32) -> (usize, usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let ok = AtomicUsize::new(0);
    let total = AtomicUsize::new(0);
    runner
        .run(&strategy, |query| {
            total.fetch_add(1, Ordering::Relaxed);
            if runtime.block_on(check(&query)) {
                ok.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    (ok.into_inner(), total.into_inner())
}

fn cases() -> u32 {
    if std::env::var_os("CI").is_some() {
        400
    } else {
        200
    }
}

#[test]
fn generated_pipelines_give_a_result_or_a_diagnostic() {
    let pipelines = prop::collection::vec(operator(), 0..4).prop_map(|ops| {
        let mut query = SOURCE.to_string();
        for op in &ops {
            query.push_str("\n| ");
            query.push_str(op);
        }
        query
    });
    let (ok, total) = run_generated(pipelines, cases());
    eprintln!("generated pipelines: {ok} of {total} gave a result, the rest a diagnostic");
    // The generator must keep producing runnable queries, or the test checks only the planner.
    assert!(
        ok * 5 >= total,
        "only {ok} of {total} generated pipelines ran"
    );
}

#[test]
fn every_function_with_any_arguments_gives_a_result_or_a_diagnostic() {
    let calls = scalar().prop_map(|e| format!("{SOURCE}\n| extend x = {e}"));
    let (ok, total) = run_generated(calls, cases());
    eprintln!("generated expressions: {ok} of {total} gave a result, the rest a diagnostic");
    assert!(
        ok * 10 >= total,
        "only {ok} of {total} generated expressions ran"
    );
}
