//! A time filter skips files and row groups: the scan reads only what the filter can match.

use datafusion::common::ScalarValue;
use datafusion::physical_plan::collect;
use datafusion::prelude::{ident, lit};
use kqlhunt::lake::Lake;
use kqlhunt::synth::{self, SynthCodec, SynthFormat, SynthOptions};

use crate::support::ingest;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_filter_prunes_files_and_row_groups() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gen");
    let s = synth::generate(&SynthOptions {
        events: 20_000,
        seed: 5,
        out_dir: data.clone(),
        format: SynthFormat::Capture,
        codec: SynthCodec::Null,
        events_per_file: 2_000,
        ..Default::default()
    })
    .unwrap();
    let lake_dir = dir.path().join("lake");
    let summary = ingest(&[&data.join("capture")], &lake_dir).await;
    assert_eq!(summary.events_written, s.events + s.arm_records);

    let lake = Lake::open(&lake_dir).await.unwrap();
    let ctx = lake.session().await.unwrap();
    let total = ctx
        .table("CloudAuditEvents")
        .await
        .unwrap()
        .count()
        .await
        .unwrap();
    // The last hour of the span.
    let end = chrono::DateTime::parse_from_rfc3339(&s.planted.end)
        .unwrap()
        .timestamp_micros();
    let cutoff = lit(ScalarValue::TimestampMicrosecond(
        Some(end - 3_600_000_000),
        Some("UTC".into()),
    ));
    let df = ctx
        .table("CloudAuditEvents")
        .await
        .unwrap()
        .filter(ident("Timestamp").gt(cutoff))
        .unwrap()
        .select(vec![ident("ReportId")])
        .unwrap();
    let plan = df.create_physical_plan().await.unwrap();
    let batches = collect(plan.clone(), ctx.task_ctx()).await.unwrap();
    let matched: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert!(matched > 0 && matched < total / 10, "{matched} of {total}");
    let explain = datafusion::physical_plan::displayable(plan.as_ref())
        .indent(true)
        .to_string();
    // Files the scan opens, against the files the table holds: Delta's per-file statistics on
    // `Timestamp` skip the files that cannot match.
    let opened: std::collections::BTreeSet<&str> = explain
        .split(|c: char| c == '[' || c == ']' || c == ',' || c.is_whitespace())
        .filter(|t| t.contains(".parquet"))
        .map(|t| t.split(':').next().unwrap_or(t))
        .collect();
    let files = lake
        .events
        .snapshot()
        .unwrap()
        .snapshot()
        .log_data()
        .num_files();
    assert!(files >= 2, "the sample spans several files ({files})");
    assert!(
        !opened.is_empty() && opened.len() < files,
        "opened {opened:?} of {files} files:\n{explain}"
    );
    // The predicate also reaches the Parquet scan for row-group and page pruning.
    assert!(
        explain.contains("pruning_predicate=") && explain.contains("Timestamp_max"),
        "{explain}"
    );
}
