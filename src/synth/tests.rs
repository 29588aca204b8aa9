//! End-to-end tests of the generator: determinism, parseability, planted set, duplicates.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use apache_avro::types::Value as Avro;
use serde_json::Value;

use super::expected::{self, RowContext};
use super::*;

fn options(dir: &Path, events: u64) -> SynthOptions {
    SynthOptions {
        events,
        seed: 7,
        out_dir: dir.to_path_buf(),
        ..SynthOptions::default()
    }
}

/// Every record of every capture file: (file, record JSON).
fn capture_records(files: &[std::path::PathBuf]) -> (Vec<Value>, usize) {
    let mut records = Vec::new();
    let mut empty_files = 0;
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "avro"))
    {
        let reader =
            apache_avro::Reader::new(std::fs::File::open(f).expect("open")).expect("avro header");
        let mut n = 0;
        for v in reader {
            let Avro::Record(fields) = v.expect("avro datum") else {
                panic!("not a record")
            };
            let Avro::Union(1, body) = &fields[5].1 else {
                panic!("no body")
            };
            let Avro::Bytes(body) = body.as_ref() else {
                panic!("body not bytes")
            };
            let body: Value = serde_json::from_slice(body).expect("body is JSON");
            let recs = body["records"].as_array().expect("records array");
            assert!((1..=50).contains(&recs.len()), "{} records", recs.len());
            records.extend(recs.iter().cloned());
            n += 1;
        }
        if n == 0 {
            empty_files += 1;
        }
    }
    (records, empty_files)
}

/// The audit event of a `kube-audit*` record (string or object `log`).
fn audit_event(record: &Value) -> Option<Value> {
    let category = record["category"].as_str()?;
    if !category.starts_with("kube-audit") {
        return None;
    }
    let log = &record["properties"]["log"];
    Some(match log {
        Value::String(s) => serde_json::from_str(s).expect("log string is an audit event"),
        Value::Object(_) => log.clone(),
        _ => panic!("log is neither string nor object"),
    })
}

fn check_audit_event(ev: &Value) {
    assert_eq!(ev["kind"], "Event");
    assert_eq!(ev["apiVersion"], "audit.k8s.io/v1");
    for k in [
        "auditID",
        "stage",
        "verb",
        "requestURI",
        "requestReceivedTimestamp",
        "stageTimestamp",
    ] {
        assert!(ev[k].is_string(), "missing {k}: {ev}");
    }
    let received = ev["requestReceivedTimestamp"].as_str().unwrap_or_default();
    let stage = ev["stageTimestamp"].as_str().unwrap_or_default();
    assert_eq!(stage.len(), "2026-11-20T13:45:01.123456Z".len());
    assert!(received <= stage, "{received} > {stage}");
    assert!(ev["user"]["username"].is_string());
    assert!(ev["sourceIPs"][0].is_string());
}

fn jsonl_events(files: &[std::path::PathBuf]) -> Vec<Value> {
    let mut out = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.to_string_lossy().contains("/jsonl/"))
    {
        let file = std::fs::File::open(f).expect("open");
        let reader: Box<dyn Read> = if f.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        for line in BufReader::new(reader).lines() {
            out.push(serde_json::from_str(&line.expect("line")).expect("JSON line"));
        }
    }
    out
}

#[test]
fn deterministic_bytes() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let mk = |dir: &Path| SynthOptions {
        format: SynthFormat::Both,
        codec: SynthCodec::Mixed,
        duplicate_rate: 0.05,
        events_per_file: 700,
        ..options(dir, 3_000)
    };
    let sa = generate(&mk(a.path())).expect("generate a");
    let sb = generate(&mk(b.path())).expect("generate b");
    assert_eq!(sa.files.len(), sb.files.len());
    assert!(sa.files.len() > 6);
    for (fa, fb) in sa.files.iter().zip(&sb.files) {
        let ra = fa.strip_prefix(a.path()).expect("under a");
        let rb = fb.strip_prefix(b.path()).expect("under b");
        assert_eq!(ra, rb);
        let ba = std::fs::read(fa).expect("read a");
        let bb = std::fs::read(fb).expect("read b");
        assert!(ba == bb, "{} differs", ra.display());
    }
    let ma = std::fs::read(a.path().join("_planted.json")).expect("manifest a");
    let mb = std::fs::read(b.path().join("_planted.json")).expect("manifest b");
    assert_eq!(ma, mb);
    // A different seed gives different data.
    let c = tempfile::tempdir().expect("tempdir");
    let sc = generate(&SynthOptions {
        seed: 8,
        ..mk(c.path())
    })
    .expect("generate c");
    let first = |s: &SynthSummary| std::fs::read(&s.files[s.files.len() / 2]).expect("read");
    assert_ne!(first(&sa), first(&sc));
}

#[test]
fn capture_output_parses_and_counts_add_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = SynthOptions {
        duplicate_rate: 0.2,
        events_per_file: 1_500,
        codec: SynthCodec::Mixed,
        ..options(dir.path(), 6_000)
    };
    let s = generate(&opts).expect("generate");
    assert_eq!(s.events, 6_000);
    assert!(s.duplicates > 0, "no duplicates at rate 0.2");
    assert!(s.non_audit_records > 0 && s.arm_records > 0);
    let (records, empty_files) = capture_records(&s.files);
    assert_eq!(empty_files, 2, "header-only files");
    assert_eq!(records.len() as u64, s.records + s.duplicates);

    let mut unique = BTreeSet::new();
    let mut categories = BTreeMap::<String, u64>::new();
    let mut object_logs = 0;
    let mut bytes = 0usize;
    for r in &records {
        let category = r["category"].as_str().expect("category").to_string();
        *categories.entry(category.clone()).or_default() += 1;
        if category == "Administrative" {
            assert!(
                r["operationName"]
                    .as_str()
                    .is_some_and(|o| o.starts_with("MICROSOFT.CONTAINERSERVICE/"))
            );
            assert!(r["resultType"].is_string() && r["callerIpAddress"].is_string());
            continue;
        }
        assert_eq!(
            r["operationName"],
            "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read"
        );
        let rid = r["resourceId"].as_str().expect("resourceId");
        assert!(rid.starts_with("/SUBSCRIPTIONS/") && rid == rid.to_uppercase());
        let time = r["time"].as_str().expect("time");
        let frac = time
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .trim_end_matches('Z')
            .len();
        assert!(frac == 7 || frac == 9, "{time}");
        let Some(ev) = audit_event(r) else {
            assert!(r["properties"]["log"].is_string());
            continue;
        };
        if r["properties"]["log"].is_object() {
            object_logs += 1;
        } else {
            bytes += r["properties"]["log"].as_str().map_or(0, str::len);
        }
        check_audit_event(&ev);
        if category == "kube-audit-admin" {
            assert!(
                ev["verb"] != "get" && ev["verb"] != "list",
                "read in kube-audit-admin"
            );
        }
        let stage_ts = ev["stageTimestamp"].as_str().unwrap_or_default();
        assert_eq!(
            &time[..26],
            &stage_ts[..26],
            "record time is the stage time"
        );
        unique.insert((
            ev["auditID"].as_str().unwrap_or_default().to_string(),
            ev["stage"].as_str().unwrap_or_default().to_string(),
        ));
    }
    assert_eq!(unique.len() as u64, s.events, "unique audit events");
    assert!(object_logs > 0, "some log objects");
    for c in [
        "kube-audit",
        "kube-audit-admin",
        "kube-apiserver",
        "kube-controller-manager",
        "Administrative",
    ] {
        assert!(categories.contains_key(c), "no {c} records: {categories:?}");
    }
    let avg = bytes / unique.len().max(1);
    assert!((600..=1_600).contains(&avg), "average event size {avg}");
}

#[test]
fn jsonl_output_parses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = SynthOptions {
        format: SynthFormat::JsonLines,
        events_per_file: 800,
        ..options(dir.path(), 3_000)
    };
    let s = generate(&opts).expect("generate");
    assert!(
        s.files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "gz"))
    );
    let events = jsonl_events(&s.files);
    assert_eq!(events.len() as u64, s.events);
    events.iter().for_each(check_audit_event);
    assert_eq!(s.arm_records, 0);
    assert!(
        s.planted
            .items
            .iter()
            .all(|i| i.source == Source::Jsonl && i.cluster_resource_id.is_empty())
    );
    assert!(!s.planted.expected.jsonl.is_empty());
    assert!(s.planted.expected.capture.is_empty());
}

#[test]
fn planted_set_for_small_n() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = generate(&options(dir.path(), 2_000)).expect("generate");
    let p = &s.planted;
    for kind in PlantedKind::ALL {
        let n = p.items_of(kind).count();
        assert!(n >= 2, "{kind:?}: {n} items");
        assert!(
            p.items_of(kind).any(|i| i.in_last_day),
            "{kind:?} not in last day"
        );
        assert!(
            p.items_of(kind).any(|i| !i.in_last_day),
            "{kind:?} not before last day"
        );
    }
    for item in &p.items {
        match (item.kind.designed_hit(), item.in_last_day, item.hunt) {
            (true, true, Some(_)) => assert_eq!(item.outcome, Outcome::Hit, "{item:?}"),
            (_, _, Some(_)) => {
                assert_eq!(item.outcome, Outcome::NearMiss, "{item:?}");
                assert!(!item.note.is_empty());
            }
            (_, _, None) => assert_eq!(item.outcome, Outcome::Context),
        }
        assert!(item.cluster_resource_id.starts_with("/SUBSCRIPTIONS/"));
    }
    let rows = &p.expected.capture;
    assert!(!rows.privileged_pod.is_empty());
    assert!(!rows.exec_kube_system.is_empty());
    assert!(!rows.cluster_admin_binding.is_empty());
    // A pod whose second container only is privileged yields one row naming that container.
    let second = p
        .items_of(PlantedKind::PrivilegedPodSecondContainer)
        .find(|i| i.outcome == Outcome::Hit)
        .expect("second-container hit");
    let audit = second.audit.as_ref().expect("audit");
    let pod_rows: Vec<_> = rows
        .privileged_pod
        .iter()
        .filter(|r| r.timestamp == second.timestamp && Some(&r.pod_name) == audit.name.as_ref())
        .collect();
    assert_eq!(pod_rows.len(), 1);
    assert_eq!(pod_rows[0].container_name, "shell");
    let two = p
        .items_of(PlantedKind::PrivilegedPodTwoContainers)
        .find(|i| i.outcome == Outcome::Hit)
        .expect("two-container hit");
    let n_two = rows
        .privileged_pod
        .iter()
        .filter(|r| r.timestamp == two.timestamp)
        .count();
    assert_eq!(n_two, 2);
    // All rows are inside the ago(1d) window.
    assert!(rows.exec_kube_system.iter().all(|r| r.timestamp > p.cutoff));
    assert!(
        rows.exec_kube_system
            .iter()
            .all(|r| !r.parsed_command.is_empty())
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("_planted.json"))
            .map(|t| t.len() > 100)
            .ok(),
        Some(true)
    );
    assert_eq!(
        Planted::load(&dir.path().join("_planted.json")).expect("load"),
        *p
    );
}

/// Runs the three hunts over every event in the files (after de-duplication) and compares with
/// the manifest: the background must not add rows, the planted set must produce exactly them.
#[test]
fn hunts_over_the_data_return_exactly_the_manifest_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = SynthOptions {
        format: SynthFormat::Both,
        duplicate_rate: 0.1,
        ..options(dir.path(), 20_000)
    };
    let s = generate(&opts).expect("generate");
    let cutoff = s.planted.cutoff.clone();
    let mut seen = BTreeSet::new();
    let mut got = Expected::default();
    let mut add = |ev: &Value, rid: &str, rows: &mut HuntRows| {
        let key = (ev["auditID"].to_string(), ev["stage"].to_string());
        if !seen.insert(key) {
            return;
        }
        let ts = ev["stageTimestamp"].as_str().unwrap_or_default();
        if ts <= cutoff.as_str() {
            return;
        }
        let ctx = RowContext {
            timestamp: ts,
            azure_resource_id: rid,
        };
        rows.privileged_pod
            .extend(expected::privileged_pod(ev, &ctx));
        rows.exec_kube_system
            .extend(expected::exec_kube_system(ev, &ctx));
        rows.cluster_admin_binding
            .extend(expected::cluster_admin_binding(ev, &ctx));
    };
    let (records, _) = capture_records(&s.files);
    for r in &records {
        if let Some(ev) = audit_event(r) {
            add(
                &ev,
                r["resourceId"].as_str().unwrap_or_default(),
                &mut got.capture,
            );
        }
    }
    for ev in jsonl_events(&s.files) {
        add(&ev, "", &mut got.jsonl);
    }
    got.capture.sort();
    got.jsonl.sort();
    assert_eq!(got, s.planted.expected);
    assert!(s.planted.expected.capture.len() >= 5);
    assert!(!s.planted.expected.jsonl.is_empty());
    // Re-delivered planted records are counted in the manifest.
    let redelivered: u64 = s
        .planted
        .items
        .iter()
        .map(|i| u64::from(i.deliveries - 1))
        .sum();
    assert!(s.duplicates > 0);
    assert!(redelivered <= s.duplicates);
}

#[test]
fn refuses_to_overwrite_unless_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = options(dir.path(), 500);
    generate(&opts).expect("first run");
    assert!(generate(&opts).is_err());
    generate(&SynthOptions {
        overwrite: true,
        ..opts
    })
    .expect("overwrite");
}

/// Release-mode throughput check: `cargo test --release -- --ignored --nocapture speed`.
#[test]
#[ignore]
fn speed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = std::env::var("SYNTH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let t = std::time::Instant::now();
    let s = generate(&options(dir.path(), events)).expect("generate");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} events, {} records, {} files, {:.1} MB in {:.2}s: {:.0} events/s, {:.0} bytes/event",
        s.events,
        s.records,
        s.files.len(),
        s.bytes as f64 / 1e6,
        secs,
        s.events as f64 / secs,
        s.bytes as f64 / s.events as f64
    );
}
