//! The real audit events and capture files in `../shared/real-data/` ingest with every valid
//! event present and every malformed one dead-lettered.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{count, dead_letters, eq, ingest, shared, strings};

/// (auditID, stage) of every line of a JSON-lines file of audit events that is a well-formed
/// audit event (string `kind` == "Event" when present), computed without kqlhunt's parser.
fn expected_ids(path: &Path) -> (BTreeSet<(String, String)>, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut ids = BTreeSet::new();
    let mut malformed = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let ok = match v.get("kind") {
            None => true,
            Some(serde_json::Value::String(k)) => k == "Event",
            Some(_) => false,
        };
        if !ok {
            malformed += 1;
            continue;
        }
        let id = v["auditID"].as_str().unwrap_or("").to_string();
        let stage = v["stage"].as_str().unwrap_or("").to_string();
        ids.insert((id, stage));
    }
    (ids, malformed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_data_ingests_with_every_valid_event_present() {
    let Some(shared) = shared() else {
        eprintln!("../shared not present: skipped");
        return;
    };
    let real = shared.join("real-data");
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join("lake");
    let summary = ingest(&[&real], &lake).await;
    assert_eq!(summary.files_failed, 0, "{summary}");
    assert!(
        summary.files.iter().all(|f| f.status == "ingested"),
        "{:#?}",
        summary.files
    );

    // The capture files hold no audit data: every message is a non-audit body, none an error.
    for f in summary.files.iter().filter(|f| f.file.ends_with(".avro")) {
        assert_eq!(f.events, 0, "{f:?}");
        assert_eq!(f.dead_letters, 0, "{f:?}");
        assert!(f.non_audit >= 1, "{f:?}");
        assert_eq!(f.format.as_deref(), Some("eventhubs-capture-avro"));
    }
    let capture_messages: u64 = summary
        .files
        .iter()
        .filter(|f| f.file.ends_with(".avro"))
        .map(|f| f.non_audit)
        .sum();
    assert_eq!(
        capture_messages,
        1 + 1 + 20,
        "bluefrog 1, metered-billing 1 + 20"
    );

    // Falco and audit2rbac: every valid event present (by audit ID and stage); the malformed one
    // dead-lettered with the field named.
    let stored: BTreeSet<(String, String)> = {
        let ids = strings(&lake, "CloudAuditEvents", "_AuditId", None).await;
        let stages = strings(&lake, "CloudAuditEvents", "_Stage", None).await;
        ids.into_iter()
            .zip(stages)
            .map(|(i, s)| (i.unwrap_or_default(), s.unwrap_or_default()))
            .collect()
    };
    let mut malformed_total = 0;
    let mut dirs = vec![real.join("events/falco"), real.join("events/audit2rbac")];
    dirs.sort();
    for d in dirs {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let (ids, malformed) = expected_ids(&path);
            malformed_total += malformed;
            for id in ids {
                assert!(stored.contains(&id), "{} lost {:?}", path.display(), id);
            }
        }
    }
    assert_eq!(
        malformed_total, 1,
        "fal_01_003.json is the one malformed falco event"
    );
    let dead = dead_letters(&lake).await;
    assert!(
        dead.iter()
            .any(|(f, p, r)| f == "fal_01_003.json" && p == "line 1" && r.contains("field `kind`")),
        "{dead:#?}"
    );
    // Nothing else is rejected: the other dead letters are the two Panther stubs that are not
    // audit events at all (`{"operation": {"producer": ...}}`), in both copies of that file.
    let mut rest: Vec<(String, String)> = dead
        .iter()
        .filter(|(f, _, _)| f != "fal_01_003.json")
        .map(|(f, p, r)| {
            assert!(
                r.contains("unrecognised JSON document (keys: operation"),
                "{f} {p}: {r}"
            );
            (f.clone(), p.clone())
        })
        .collect();
    rest.sort();
    let stub = |p: &str| ("eks_audit_events.jsonl".to_string(), p.to_string());
    assert_eq!(
        rest,
        [
            stub("line 187"),
            stub("line 187"),
            stub("line 188"),
            stub("line 188")
        ]
    );
    assert!(
        summary.files_not_data >= 3,
        "SOURCES.md, schemas and CSVs are passed over"
    );

    // audit2rbac: all 37 events, with impersonation and 403s.
    let rbac = count(
        &lake,
        "CloudAuditEvents",
        Some(
            datafusion::prelude::ident("_SourceFile")
                .like(datafusion::prelude::lit("%demo.log.jsonl")),
        ),
    )
    .await;
    assert_eq!(rbac, 37);
    let impersonating = count(
        &lake,
        "CloudAuditEvents",
        Some(eq("_ImpersonatedUser", "bob")),
    )
    .await;
    assert!(impersonating > 0);

    // The real AKS record (Dynatrace) is an AKS row with its cluster; the same record inside the
    // wrapped body file is the same event, stored once.
    let aks = strings(
        &lake,
        "CloudAuditEvents",
        "AzureResourceId",
        Some(eq("_AuditId", "7df19974-f894-454b-a1f2-137258598c45")),
    )
    .await;
    assert_eq!(
        aks.len(),
        1,
        "stored once across the two files that carry it"
    );
    assert!(
        aks[0]
            .as_deref()
            .unwrap()
            .ends_with("MANAGEDCLUSTERS/DEMO-AKS")
    );
    assert!(summary.duplicates_dropped >= 1);

    // Privileged pods: the falco pod whose second container is privileged is there, with the
    // container spec intact in RawEventData.
    let raw = strings(
        &lake,
        "CloudAuditEvents",
        "RawEventData",
        Some(eq("_AuditId", "f83ecd50-5bf4-4fe7-a419-dea22852ca49")),
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(raw[0].as_deref().unwrap()).unwrap();
    assert_eq!(
        v["RequestObject"]["spec"]["containers"][1]["securityContext"]["privileged"],
        true
    );
    assert_eq!(v["ObjectRef"]["resource"], "pods");

    // Every data source in the real data is recognised.
    let sources: BTreeSet<String> = strings(&lake, "CloudAuditEvents", "DataSource", None)
        .await
        .into_iter()
        .flatten()
        .collect();
    for ds in [
        "Azure Kubernetes Service",
        "Amazon EKS",
        "Google Kubernetes Engine",
        "Kubernetes",
    ] {
        assert!(sources.contains(ds), "{ds} missing from {sources:?}");
    }

    // Re-ingesting is a no-op.
    let again = ingest(&[&real], &lake).await;
    assert_eq!(again.events_written, 0);
    assert_eq!(again.files_ingested, 0);
    assert_eq!(again.files_skipped, summary.files_seen);
}
