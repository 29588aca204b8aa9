//! `kqlhunt bench hunts` without DuckDB (no Python, no network): on a small generated lake the
//! hunts return the generator's planted rows, their scans carry the hunts' predicates, and the
//! CLI finds the manifest beside a `lake-<n>` directory.

use std::process::Command;

use kqlhunt::bench::{HuntsOptions, hunts};
use kqlhunt::synth::Planted;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_hunts_returns_the_planted_rows_without_duckdb() {
    let dir = tempfile::tempdir().unwrap();
    let events = 4_000;
    let report = hunts(&HuntsOptions {
        events,
        dir: dir.path().to_path_buf(),
        repeat: 2,
        plan_iterations: 3,
        duckdb: false,
        ..Default::default()
    })
    .await
    .expect("bench runs");

    let planted = Planted::load(&dir.path().join(format!("gen-{events}/_planted.json"))).unwrap();
    let expected = &planted.expected.capture;
    assert!(!expected.is_empty(), "the generator plants hunt rows");
    let end = chrono::DateTime::parse_from_rfc3339(&planted.end).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(&report.now).unwrap();
    assert_eq!(now, end, "now() is the manifest's end time");
    let by_name = |name: &str| {
        report
            .queries
            .iter()
            .find(|q| q.name == name)
            .unwrap_or_else(|| panic!("{name} not in the report"))
    };
    for (name, want) in [
        ("privileged-pod", expected.privileged_pod.len()),
        ("exec-kube-system", expected.exec_kube_system.len()),
        (
            "cluster-admin-binding",
            expected.cluster_admin_binding.len(),
        ),
    ] {
        let q = by_name(name);
        assert_eq!(q.rows, want, "{name}");
        assert_eq!(q.expected_rows, Some(want), "{name}");
        assert_eq!(q.kqlhunt.runs_ms.len(), 2, "{name}");
        assert!(q.kqlhunt.min_ms <= q.kqlhunt.median_ms, "{name}");
        assert!(q.duckdb.is_none());
        assert!(q.parse_plan_us > 0.0);
        let scan = q.scan.join("\n");
        for column in ["Timestamp_max", "OperationName_min", "_Resource_min"] {
            assert!(scan.contains(column), "{name}: {column} not in {scan}");
        }
        assert!(!scan.contains("file_groups="), "{scan}");
    }
    assert!(report.events >= events, "{} events", report.events);
    assert!(report.parquet_files > 0);
    let deletions = by_name("deployment-deletions-by-ip");
    assert!(deletions.rows > 0 && deletions.rows <= 10);
    assert!(deletions.scan.join("\n").contains("_Verb_min"));

    // The CLI, on the lake just made: the manifest is found beside it.
    let lake = dir.path().join(format!("lake-{events}"));
    let out = Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(["bench", "hunts", "--no-duckdb", "--json", "--repeat", "1"])
        .args(["--plan-iterations", "2", "--lake"])
        .arg(&lake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let queries = json["queries"].as_array().unwrap();
    assert_eq!(queries.len(), 5);
    assert_eq!(queries[0]["name"], "privileged-pod");
    assert_eq!(
        queries[0]["expected_rows"].as_u64(),
        Some(expected.privileged_pod.len() as u64)
    );
    assert_eq!(json["duckdb_version"], serde_json::Value::Null);
}
