//! Bad input: every broken item is dead-lettered with its reason, every good one is kept.

use std::collections::HashMap;
use std::path::Path;

use apache_avro::types::{Record, Value};
use apache_avro::{Codec, Schema, Writer};

use crate::support::{count, dead_letters, eq, ingest, strings};

const SCHEMA: &str = r#"{"type":"record","name":"EventData","namespace":"Microsoft.ServiceBus.Messaging","fields":[{"name":"SequenceNumber","type":"long"},{"name":"Offset","type":"string"},{"name":"EnqueuedTimeUtc","type":"string"},{"name":"SystemProperties","type":{"type":"map","values":["long","double","string","bytes"]}},{"name":"Properties","type":{"type":"map","values":["long","double","string","bytes","null"]}},{"name":"Body","type":["null","bytes"]}]}"#;

fn event(id: &str) -> String {
    format!(
        r#"{{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"{id}","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"list","user":{{"username":"system:node:aks-1"}},"sourceIPs":["10.224.0.4"],"objectRef":{{"resource":"pods","namespace":"default","apiVersion":"v1"}},"responseStatus":{{"metadata":{{}},"code":200}},"requestReceivedTimestamp":"2026-11-20T10:00:00.000001Z","stageTimestamp":"2026-11-20T10:00:00.000100Z"}}"#
    )
}

fn body(ids: &[&str]) -> Vec<u8> {
    let records: Vec<String> = ids
        .iter()
        .map(|id| {
            let log = serde_json::to_string(&event(id)).unwrap();
            format!(
                r#"{{"operationName":"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read","category":"kube-audit","resourceId":"/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/TEST","time":"2026-11-20T10:00:00.0001000Z","properties":{{"log":{log},"pod":"kube-apiserver-x","stream":"stdout"}}}}"#
            )
        })
        .collect();
    format!(r#"{{"records":[{}]}}"#, records.join(",")).into_bytes()
}

/// Writes a capture file with one message per body, each block flushed after `per_block`.
fn capture(path: &Path, bodies: &[Vec<u8>], per_block: usize, codec: Codec) {
    let schema = Schema::parse_str(SCHEMA).unwrap();
    let mut w = Writer::with_codec(&schema, Vec::new(), codec);
    for (i, b) in bodies.iter().enumerate() {
        let mut r = Record::new(w.schema()).unwrap();
        r.put("SequenceNumber", i as i64);
        r.put("Offset", (i * 1000).to_string());
        r.put("EnqueuedTimeUtc", "11/20/2026 10:00:01 AM");
        r.put(
            "SystemProperties",
            HashMap::from([(
                "x-opt-enqueued-time".to_string(),
                Value::Union(0, Box::new(Value::Long(1_795_168_801_000))),
            )]),
        );
        r.put("Properties", HashMap::<String, Value>::new());
        r.put("Body", Value::Union(1, Box::new(Value::Bytes(b.clone()))));
        w.append(r).unwrap();
        if (i + 1) % per_block == 0 {
            w.flush().unwrap();
        }
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

fn marker_positions(bytes: &[u8]) -> Vec<usize> {
    let marker = &bytes[bytes.len() - 16..];
    bytes
        .windows(16)
        .enumerate()
        .filter(|(_, w)| *w == marker)
        .map(|(i, _)| i)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_capture_files_keep_every_good_message() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // 1. Truncated: 3 blocks of 2 bodies, cut inside the last block.
    let bodies: Vec<Vec<u8>> = (0..6).map(|i| body(&[&format!("trunc-{i}")])).collect();
    capture(&input.join("truncated.avro"), &bodies, 2, Codec::Null);
    let full = std::fs::read(input.join("truncated.avro")).unwrap();
    std::fs::write(input.join("truncated.avro"), &full[..full.len() - 40]).unwrap();
    // 2. A damaged sync marker after block 2 of 3 (deflate): blocks 1 and 3 survive.
    let bodies: Vec<Vec<u8>> = (0..6).map(|i| body(&[&format!("corrupt-{i}")])).collect();
    capture(
        &input.join("corrupt.avro"),
        &bodies,
        2,
        Codec::Deflate(Default::default()),
    );
    let mut bytes = std::fs::read(input.join("corrupt.avro")).unwrap();
    let markers = marker_positions(&bytes);
    assert_eq!(markers.len(), 4);
    bytes[markers[2] + 5] ^= 0x5a;
    std::fs::write(input.join("corrupt.avro"), &bytes).unwrap();
    // 3. Bodies that are not JSON, not UTF-8, and a record whose log is truncated JSON.
    let mut truncated_log = String::from_utf8(body(&["tl-1"])).unwrap();
    truncated_log = truncated_log.replace("\\\"stageTimestamp\\\"", "\\\"stageTimest");
    let bodies = vec![
        body(&["ok-1", "ok-2"]),
        b"this is not JSON".to_vec(),
        vec![b'{', 0xff, 0xfe, b'}'],
        truncated_log.into_bytes(),
        body(&["ok-3"]),
    ];
    capture(&input.join("mixed.avro"), &bodies, 10, Codec::Null);
    // 4. Not Avro at all, with an Avro name.
    std::fs::write(
        input.join("garbage.avro"),
        b"\x00\x01\x02 definitely not avro",
    )
    .unwrap();

    let lake = dir.path().join("lake");
    let summary = ingest(&[&input], &lake).await;
    assert_eq!(summary.files_failed, 0, "{summary}");

    let ids = strings(&lake, "CloudAuditEvents", "_AuditId", None).await;
    let mut ids: Vec<String> = ids.into_iter().flatten().collect();
    ids.sort();
    let expected: Vec<String> = [
        "corrupt-0",
        "corrupt-1",
        "corrupt-4",
        "corrupt-5",
        "ok-1",
        "ok-2",
        "ok-3",
        "trunc-0",
        "trunc-1",
        "trunc-2",
        "trunc-3",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(ids, expected, "every message outside the damage is kept");

    let dead = dead_letters(&lake).await;
    let reasons: Vec<String> = dead
        .iter()
        .map(|(f, p, r)| format!("{f} | {p} | {r}"))
        .collect();
    assert_eq!(dead.len(), 6, "{reasons:#?}");
    let find = |file: &str, needle: &str| {
        assert!(
            dead.iter().any(|(f, _, r)| f == file && r.contains(needle)),
            "no dead letter for {file} containing {needle:?} in {reasons:#?}"
        )
    };
    find("truncated.avro", "truncated");
    find("corrupt.avro", "sync marker");
    find("mixed.avro", "not JSON");
    find("mixed.avro", "not UTF-8");
    find("mixed.avro", "not a JSON audit event");
    assert!(
        dead.iter().any(|(f, _, _)| f == "garbage.avro"),
        "{reasons:#?}"
    );
    // Positions say where: the not-JSON body is the second message of block 1.
    assert!(
        dead.iter()
            .any(|(f, p, _)| f == "mixed.avro" && p == "block 1 record 1"),
        "{reasons:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_json_lines_keep_every_good_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.log");
    let mut lines: Vec<Vec<u8>> = vec![
        event("good-1").into_bytes(),
        event("good-2").as_bytes()[..80].to_vec(), // truncated JSON
        event("good-3")
            .replace("\"verb\":\"list\"", "\"verb\":42")
            .into_bytes(), // wrong type
        event("good-4")
            .replace("[\"10.224.0.4\"]", "\"10.224.0.4\"")
            .into_bytes(), // wrong type
        Vec::new(),                                // empty line: skipped
        {
            let mut l = event("good-5").into_bytes();
            l[60] = 0xff; // non-UTF-8 byte
            l
        },
        event("good-6").into_bytes(),
        br#"{"kind": 0}"#.to_vec(),
    ];
    lines.push(event("good-7").into_bytes());
    let mut bytes = Vec::new();
    for l in &lines {
        bytes.extend_from_slice(l);
        bytes.push(b'\n');
    }
    std::fs::write(&file, bytes).unwrap();
    let lake = dir.path().join("lake");
    let summary = ingest(&[&file], &lake).await;
    assert_eq!(summary.events_written, 3, "{summary}");
    let mut ids: Vec<String> = strings(&lake, "CloudAuditEvents", "_AuditId", None)
        .await
        .into_iter()
        .flatten()
        .collect();
    ids.sort();
    assert_eq!(ids, ["good-1", "good-6", "good-7"]);
    let dead = dead_letters(&lake).await;
    let positions: Vec<&str> = dead.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(
        positions,
        ["line 2", "line 3", "line 4", "line 6", "line 8"],
        "{dead:#?}"
    );
    assert!(dead[0].2.contains("invalid JSON"), "{dead:#?}");
    assert!(dead[1].2.contains("field `verb`"), "{dead:#?}");
    assert!(dead[2].2.contains("field `sourceIPs`"), "{dead:#?}");
    assert!(dead[3].2.contains("not UTF-8"), "{dead:#?}");
    assert!(dead[4].2.contains("field `kind`"), "{dead:#?}");
    // The payload is kept byte for byte.
    assert_eq!(
        count(&lake, "_deadletter", Some(eq("Position", "line 6"))).await,
        1
    );
}
