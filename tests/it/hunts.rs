//! The published Defender hunts (`queries/hunts/*.kql`), verbatim, over ingested data: they
//! return exactly the rows the generator planted, their filters reach the Parquet scan, and the
//! privileged-pod hunt finds the privileged containers of the real Falco events. Also the
//! `query` and `explain` commands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use kqlhunt::engine::{self, QueryOptions, QueryResult};
use kqlhunt::ingest::{self, IngestOptions, SourceHint};
use kqlhunt::lake::Lake;
use kqlhunt::syntax::ScalarType;
use kqlhunt::synth::{self, SynthCodec, SynthFormat, SynthOptions};
use serde::Serialize;

use crate::support::{ingest, shared};

fn hunt(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries/hunts")
        .join(format!("{name}.kql"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .with_timezone(&Utc)
}

/// A datetime as the manifest writes it (six fraction digits).
fn micros_text(text: &str) -> String {
    utc(text).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

type Rows = BTreeMap<Vec<String>, usize>;

/// The manifest's rows of one hunt, in the given column order.
type ExpectedOf = fn(&synth::HuntRows, &[String]) -> Rows;

/// The result as a multiset of rows of text (`tostring()` of each cell; datetimes with six
/// fraction digits).
fn result_rows(result: &QueryResult) -> Rows {
    let mut rows = Rows::new();
    for row in result.text_rows() {
        let row = row
            .into_iter()
            .zip(&result.columns)
            .map(|(cell, column)| match column.ty {
                ScalarType::DateTime if !cell.is_empty() => micros_text(&cell),
                _ => cell,
            })
            .collect();
        *rows.entry(row).or_default() += 1;
    }
    rows
}

/// Expected rows (serialized with the hunt's column names) as a multiset in `columns` order.
fn expected_rows<T: Serialize>(rows: &[T], columns: &[String]) -> Rows {
    let mut out = Rows::new();
    for row in rows {
        let value = serde_json::to_value(row).unwrap();
        let cells = columns
            .iter()
            .map(|c| match value[c].as_str() {
                Some(s) if c == "Timestamp" => micros_text(s),
                Some(s) => s.to_string(),
                None => panic!("expected row lacks {c}: {value}"),
            })
            .collect();
        *out.entry(cells).or_default() += 1;
    }
    out
}

async fn run(
    ctx: &datafusion::prelude::SessionContext,
    text: &str,
    now: DateTime<Utc>,
) -> QueryResult {
    let options = QueryOptions {
        now: Some(now),
        max_rows: None,
    };
    match engine::run_query(ctx, text, &options).await {
        Ok(result) => result,
        Err(d) => panic!("{}", d.render(text)),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_hunts_return_exactly_the_planted_rows() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gen");
    let s = synth::generate(&SynthOptions {
        events: 5_000,
        seed: 7,
        out_dir: data.clone(),
        format: SynthFormat::Capture,
        codec: SynthCodec::Null,
        events_per_file: 1_000,
        duplicate_rate: 0.01,
        ..Default::default()
    })
    .expect("generator runs");
    let lake_dir = dir.path().join("lake");
    let summary = ingest(&[&data.join("capture")], &lake_dir).await;
    assert_eq!(summary.dead_letters, 0, "{summary}");
    let ctx = Lake::open(&lake_dir)
        .await
        .unwrap()
        .session()
        .await
        .unwrap();
    let now = utc(&s.planted.end);
    let expected = &s.planted.expected.capture;
    assert!(
        !expected.privileged_pod.is_empty()
            && !expected.exec_kube_system.is_empty()
            && !expected.cluster_admin_binding.is_empty(),
        "the sample plants rows for every hunt"
    );

    let cases: [(&str, ExpectedOf); 3] = [
        ("privileged-pod", |e, c| expected_rows(&e.privileged_pod, c)),
        ("exec-kube-system", |e, c| {
            expected_rows(&e.exec_kube_system, c)
        }),
        ("cluster-admin-binding", |e, c| {
            expected_rows(&e.cluster_admin_binding, c)
        }),
    ];
    for (name, expected_of) in cases {
        let text = hunt(name);
        let result = run(&ctx, &text, now).await;
        let columns: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
        let got = result_rows(&result);
        let want = expected_of(expected, &columns);
        assert_eq!(
            got, want,
            "{name}: the hunt's rows differ from the manifest"
        );

        // The filters reach the scan: Delta/Parquet statistics prune on them.
        let explanation = engine::explain(
            &ctx,
            &text,
            &QueryOptions {
                now: Some(now),
                max_rows: None,
            },
        )
        .await
        .unwrap_or_else(|d| panic!("{}", d.render(&text)));
        let physical = &explanation.physical;
        let pruning = physical
            .lines()
            .find(|l| l.contains("pruning_predicate="))
            .unwrap_or_else(|| panic!("{name}: no pruning predicate in\n{physical}"));
        for column in ["Timestamp_max", "OperationName_min", "_Resource_min"] {
            assert!(
                pruning.contains(column),
                "{name}: {column} not in {pruning}"
            );
        }
        if name == "exec-kube-system" {
            for column in [
                "_Namespace_min",
                "_Subresource_min",
                "_ResponseCode_min",
                "DataSource_min",
            ] {
                assert!(
                    pruning.contains(column),
                    "{name}: {column} not in {pruning}"
                );
            }
        }
        assert!(
            !explanation
                .logical
                .contains("kql_dynamic_get(CloudAuditEvents.RawEventData, Utf8(\"ObjectRef\")"),
            "{name}: a promoted path was read from the JSON:\n{}",
            explanation.logical
        );
    }

    cli(&lake_dir, &s.planted.end);
}

/// `kqlhunt query` and `kqlhunt explain` against the same lake.
fn cli(lake: &Path, end: &str) {
    let exe = env!("CARGO_BIN_EXE_kqlhunt");
    let out = Command::new(exe)
        .args([
            "query",
            "CloudAuditEvents | summarize n = count() by DataSource | sort by DataSource asc",
            "--format",
            "csv",
            "--lake",
        ])
        .arg(lake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("DataSource,n\r\nAzure Kubernetes Service,"),
        "{csv}"
    );

    let file: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/hunts/exec-kube-system.kql");
    let out = Command::new(exe)
        .args(["query", "-f"])
        .arg(&file)
        .args(["--format", "json", "--now", end, "--lake"])
        .arg(lake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["columns"][8], "ParsedCommand");
    assert!(!json["rows"].as_array().unwrap().is_empty());

    // The same hunt as Parquet: the same rows, the KQL types in the field metadata.
    let parquet_file = lake.join("exec-kube-system.parquet");
    let out = Command::new(exe)
        .args(["query", "-f"])
        .arg(&file)
        .args(["--format", "parquet", "--now", end, "--output"])
        .arg(&parquet_file)
        .arg("--lake")
        .arg(lake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reader = kqlhunt_parquet_rows(&parquet_file);
    assert_eq!(reader.0, json["rows"].as_array().unwrap().len());
    assert_eq!(
        reader.1[8],
        ("ParsedCommand".to_string(), "string".to_string())
    );
    assert_eq!(
        reader.1[0],
        ("Timestamp".to_string(), "datetime".to_string())
    );

    let out = Command::new(exe)
        .args([
            "query",
            "CloudAuditEvents\n| where Timestmp > ago(1d)",
            "--lake",
        ])
        .arg(lake)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[KQL0101]") && err.contains("^^^^^^^^ unknown column"),
        "{err}"
    );
    assert!(err.contains("did you mean `Timestamp`?"), "{err}");

    let out = Command::new(exe)
        .args(["explain", "-f"])
        .arg(&file)
        .arg("--lake")
        .arg(lake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "== KQL ==",
        "== Logical plan ==",
        "== Physical plan ==",
        "pruning_predicate=",
    ] {
        assert!(text.contains(part), "{part} missing from\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privileged_pod_hunt_finds_the_real_falco_pods() {
    let Some(shared) = shared() else {
        eprintln!("../shared not present: skipped");
        return;
    };
    let falco = shared.join("real-data/events/falco");
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join("lake");
    let summary = ingest::run(IngestOptions {
        inputs: vec![falco.display().to_string()],
        lake: lake.clone(),
        threads: 2,
        source: SourceHint::Aks,
        ..Default::default()
    })
    .await
    .expect("ingest runs");
    assert!(summary.events_written > 40, "{summary}");
    let ctx = Lake::open(&lake).await.unwrap().session().await.unwrap();
    // Just after the pods of 2018-10-25 were created, so that `ago(1d)` covers them.
    let result = run(&ctx, &hunt("privileged-pod"), utc("2018-10-25T18:00:00Z")).await;
    let rows: Vec<BTreeMap<String, String>> = result
        .text_rows()
        .into_iter()
        .map(|row| {
            result
                .columns
                .iter()
                .map(|c| c.name.clone())
                .zip(row)
                .collect()
        })
        .collect();
    // `create_nginx_pod_privileged_2nd_container.json` (and its twin without a securityContext
    // on the first container, the same audit event) give one row: the second container.
    let second: Vec<_> = rows
        .iter()
        .filter(|r| r["Timestamp"] == "2018-10-25T17:53:07.006845Z")
        .collect();
    assert_eq!(second.len(), 1, "{rows:#?}");
    assert_eq!(second[0]["ContainerName"], "mysql");
    assert_eq!(second[0]["OperationName"], "create");
    assert_eq!(second[0]["PodNamespace"], "default");
    // `create_nginx_pod_privileged.json`: its only container.
    let first: Vec<_> = rows
        .iter()
        .filter(|r| r["Timestamp"] == "2018-10-25T14:09:12.581541Z")
        .collect();
    assert_eq!(first.len(), 1, "{rows:#?}");
    assert_eq!(first[0]["ContainerName"], "nginx");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    // A day later, both are out of the window.
    let later = run(&ctx, &hunt("privileged-pod"), utc("2018-10-27T00:00:00Z")).await;
    assert_eq!(later.row_count(), 0);
}

/// The number of rows of a Parquet file and its columns' names and `kql.type`s.
fn kqlhunt_parquet_rows(path: &Path) -> (usize, Vec<(String, String)>) {
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap();
    let columns = builder
        .schema()
        .fields()
        .iter()
        .map(|f| {
            (
                f.name().clone(),
                f.metadata().get("kql.type").cloned().unwrap_or_default(),
            )
        })
        .collect();
    let rows = builder
        .build()
        .unwrap()
        .map(|b| b.unwrap().num_rows())
        .sum();
    (rows, columns)
}
