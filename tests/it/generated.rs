//! Generated capture files: counts, planted activity, dedup across runs and kill -9 safety.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use kqlhunt::synth::{self, SynthCodec, SynthFormat, SynthOptions};

use crate::support::{count, eq, ingest, strings};

fn generate(
    out: &Path,
    events: u64,
    format: SynthFormat,
    codec: SynthCodec,
    per_file: usize,
) -> synth::SynthSummary {
    synth::generate(&SynthOptions {
        events,
        seed: 11,
        out_dir: out.to_path_buf(),
        format,
        codec,
        events_per_file: per_file,
        duplicate_rate: 0.01,
        ..Default::default()
    })
    .expect("generator runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_capture_and_json_lines_ingest_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gen");
    let s = generate(&data, 4_000, SynthFormat::Both, SynthCodec::Mixed, 500);
    let lake = dir.path().join("lake");
    let summary = ingest(&[&data.join("capture"), &data.join("jsonl")], &lake).await;
    assert_eq!(summary.files_failed, 0, "{summary}");
    assert_eq!(summary.dead_letters, 0, "{summary}");
    assert_eq!(
        summary.events_written,
        s.events + s.arm_records,
        "{summary}"
    );
    // Re-delivered audit and ARM records are dropped; re-delivered klog records are counted again
    // as non-audit (they are not stored, so there is nothing to deduplicate).
    assert!(summary.non_audit_records >= s.non_audit_records);
    assert_eq!(
        summary.duplicates_dropped + (summary.non_audit_records - s.non_audit_records),
        s.duplicates,
        "every re-delivered record is accounted for"
    );
    assert!(summary.duplicates_dropped > 0);
    assert_eq!(
        count(&lake, "CloudAuditEvents", None).await as u64,
        s.events + s.arm_records
    );
    assert_eq!(
        count(
            &lake,
            "CloudAuditEvents",
            Some(eq("DataSource", "Azure Resource Manager"))
        )
        .await as u64,
        s.arm_records
    );

    // Every planted audit event is there, once per (audit ID, stage).
    let stored: BTreeSet<(String, String)> = {
        let ids = strings(&lake, "CloudAuditEvents", "_AuditId", None).await;
        let stages = strings(&lake, "CloudAuditEvents", "_Stage", None).await;
        ids.into_iter()
            .zip(stages)
            .map(|(i, s)| (i.unwrap_or_default(), s.unwrap_or_default()))
            .collect()
    };
    let mut planted = 0;
    for item in &s.planted.items {
        if let Some(a) = &item.audit {
            assert!(
                stored.contains(&(a.audit_id.clone(), a.stage.clone())),
                "planted {} missing",
                item.id
            );
            planted += 1;
        }
    }
    assert!(
        planted >= 30,
        "the sample plants enough to hunt ({planted})"
    );

    // The Log Analytics views: AKSAuditAdmin has no reads, AzureDiagnostics.log_s is the event.
    let admin_verbs: BTreeSet<String> = strings(&lake, "AKSAuditAdmin", "Verb", None)
        .await
        .into_iter()
        .flatten()
        .collect();
    assert!(
        !admin_verbs.contains("get")
            && !admin_verbs.contains("list")
            && admin_verbs.contains("create")
    );
    let aks = count(
        &lake,
        "CloudAuditEvents",
        Some(eq("DataSource", "Azure Kubernetes Service")),
    )
    .await;
    assert_eq!(count(&lake, "AKSAudit", None).await, aks);
    let log = strings(&lake, "AzureDiagnostics", "log_s", None).await;
    let first: serde_json::Value = serde_json::from_str(log[0].as_deref().unwrap()).unwrap();
    assert!(
        first.get("objectRef").is_some() || first.get("requestURI").is_some(),
        "{first}"
    );
    assert!(first.get("ObjectRef").is_none());

    // A second run over the same files, and over a copy of one file under another name.
    let copy = dir.path().join("copy.avro");
    let one = s
        .files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "avro"))
        .unwrap();
    std::fs::copy(one, &copy).unwrap();
    let again = ingest(&[&data.join("capture"), &data.join("jsonl"), &copy], &lake).await;
    assert_eq!(again.events_written, 0, "{again}");
    assert_eq!(again.files_ingested, 0);
    // The same events inside a different file are still stored once.
    let mut changed = std::fs::read(one).unwrap();
    changed.extend_from_slice(b"");
    let renamed = dir.path().join("other.jsonl");
    let jsonl = s
        .files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "log"))
        .unwrap();
    let mut text = std::fs::read_to_string(jsonl).unwrap();
    text.push('\n');
    std::fs::write(&renamed, text).unwrap();
    let third = ingest(&[&renamed], &lake).await;
    assert_eq!(third.files_ingested, 1);
    assert_eq!(third.events_written, 0, "{third}");
    assert!(third.duplicates_dropped > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_at_any_moment_then_rerun_stores_every_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gen");
    let s = generate(&data, 30_000, SynthFormat::Capture, SynthCodec::Null, 2_000);
    let expected = s.events + s.arm_records;
    let lake = dir.path().join("lake");
    let exe = env!("CARGO_BIN_EXE_kqlhunt");
    let args = |lake: &Path| {
        let mut c = Command::new(exe);
        c.arg("ingest")
            .arg(data.join("capture"))
            .arg("--lake")
            .arg(lake)
            .arg("--quiet");
        c
    };
    // Kill the ingest at increasing delays; some kills land before, some during, some after the
    // commits.
    for delay_ms in [50u64, 300, 700, 1200, 2000, 3000] {
        let mut child = args(&lake).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if lake
            .join("_sources")
            .join("_delta_log")
            .join("00000000000000000000.json")
            .is_file()
        {
            let n = count(&lake, "CloudAuditEvents", None).await as u64;
            assert!(
                n == 0 || n == expected,
                "a killed run leaves all or nothing, found {n} of {expected}"
            );
        }
    }
    let status = args(&lake).status().unwrap();
    assert!(status.success());
    assert_eq!(
        count(&lake, "CloudAuditEvents", None).await as u64,
        expected
    );
    let ids = strings(&lake, "CloudAuditEvents", "ReportId", None).await;
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no event stored twice");
}

#[test]
fn cli_status_and_help() {
    let exe = env!("CARGO_BIN_EXE_kqlhunt");
    let out = Command::new(exe)
        .args(["ingest", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Examples:") && help.contains("--summary-json"),
        "{help}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(exe)
        .args(["lake", "status", "--lake"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a kqlhunt lake"), "{err}");
}
