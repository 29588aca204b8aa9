//! `kqlhunt lake status`: what a lake holds.

use std::collections::BTreeMap;

use anyhow::Result;
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::{Int64Type, TimestampMicrosecondType};
use datafusion::functions_aggregate::expr_fn::{count, max, min, sum};
use datafusion::prelude::{ident, lit};
use serde::Serialize;

use super::{CLOUD_AUDIT_EVENTS, DEAD_LETTER, Lake, SOURCES};

#[derive(Debug, Serialize)]
pub struct TableStatus {
    pub name: String,
    pub version: Option<i64>,
    pub rows: u64,
    pub files: u64,
    pub bytes: u64,
}

#[derive(Debug, Serialize)]
pub struct LakeStatus {
    pub lake: String,
    pub tables: Vec<TableStatus>,
    pub views: Vec<String>,
    pub first_event: Option<String>,
    pub last_event: Option<String>,
    pub events_by_data_source: BTreeMap<String, u64>,
    pub sources_ingested: u64,
    pub source_bytes: u64,
    pub dead_letters_by_stage: BTreeMap<String, u64>,
}

fn table_status(name: &str, table: &deltalake::DeltaTable) -> TableStatus {
    let (mut files, mut bytes, mut rows) = (0u64, 0u64, 0u64);
    if let Ok(snapshot) = table.snapshot() {
        for f in snapshot.snapshot().log_data().iter() {
            files += 1;
            bytes += f.size().max(0) as u64;
            rows += f.num_records().unwrap_or(0) as u64;
        }
    }
    TableStatus {
        name: name.to_string(),
        version: table.version().map(|v| v as i64),
        rows,
        files,
        bytes,
    }
}

/// Any string array (Utf8, Utf8View, LargeUtf8) as Utf8.
pub fn utf8(
    array: &datafusion::arrow::array::ArrayRef,
) -> Result<datafusion::arrow::array::ArrayRef> {
    Ok(datafusion::arrow::compute::cast(
        array,
        &datafusion::arrow::datatypes::DataType::Utf8,
    )?)
}

fn fmt_micros(v: i64) -> String {
    chrono::DateTime::from_timestamp_micros(v)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
        .unwrap_or_default()
}

/// Reads the status of a lake.
pub async fn status(lake: &Lake) -> Result<LakeStatus> {
    let ctx = lake.session().await?;
    let events = ctx.table(CLOUD_AUDIT_EVENTS).await?;
    let batches = events
        .clone()
        .aggregate(
            vec![],
            vec![
                min(ident("Timestamp")).alias("first"),
                max(ident("Timestamp")).alias("last"),
            ],
        )?
        .collect()
        .await?;
    let (mut first_event, mut last_event) = (None, None);
    if let Some(b) = batches.first()
        && b.num_rows() > 0
    {
        let first = b.column(0).as_primitive::<TimestampMicrosecondType>();
        let last = b.column(1).as_primitive::<TimestampMicrosecondType>();
        first_event = (!first.is_null(0)).then(|| fmt_micros(first.value(0)));
        last_event = (!last.is_null(0)).then(|| fmt_micros(last.value(0)));
    }
    let mut events_by_data_source = BTreeMap::new();
    for b in events
        .aggregate(vec![ident("DataSource")], vec![count(lit(1)).alias("n")])?
        .collect()
        .await?
    {
        let ds = utf8(b.column(0))?;
        let ds = ds.as_string::<i32>();
        let n = b.column(1).as_primitive::<Int64Type>();
        for i in 0..b.num_rows() {
            events_by_data_source.insert(ds.value(i).to_string(), n.value(i) as u64);
        }
    }
    let mut dead_letters_by_stage = BTreeMap::new();
    for b in ctx
        .table(DEAD_LETTER)
        .await?
        .aggregate(vec![ident("Stage")], vec![count(lit(1)).alias("n")])?
        .collect()
        .await?
    {
        let stage = utf8(b.column(0))?;
        let stage = stage.as_string::<i32>();
        let n = b.column(1).as_primitive::<Int64Type>();
        for i in 0..b.num_rows() {
            dead_letters_by_stage.insert(stage.value(i).to_string(), n.value(i) as u64);
        }
    }
    let (mut sources_ingested, mut source_bytes) = (0, 0);
    for b in ctx
        .table(SOURCES)
        .await?
        .aggregate(
            vec![],
            vec![count(lit(1)).alias("n"), sum(ident("Bytes")).alias("bytes")],
        )?
        .collect()
        .await?
    {
        if b.num_rows() > 0 {
            sources_ingested = b.column(0).as_primitive::<Int64Type>().value(0) as u64;
            let bytes = b.column(1).as_primitive::<Int64Type>();
            source_bytes = if bytes.is_null(0) {
                0
            } else {
                bytes.value(0) as u64
            };
        }
    }
    Ok(LakeStatus {
        lake: lake.root().display().to_string(),
        tables: vec![
            table_status(CLOUD_AUDIT_EVENTS, &lake.events),
            table_status(DEAD_LETTER, &lake.dead_letters),
            table_status(SOURCES, &lake.sources),
        ],
        views: super::views::VIEWS.iter().map(|v| v.to_string()).collect(),
        first_event,
        last_event,
        events_by_data_source,
        sources_ingested,
        source_bytes,
        dead_letters_by_stage,
    })
}

impl std::fmt::Display for LakeStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "lake {}", self.lake)?;
        writeln!(
            f,
            "{:<18} {:>8} {:>12} {:>7} {:>12}",
            "table", "version", "rows", "files", "bytes"
        )?;
        for t in &self.tables {
            writeln!(
                f,
                "{:<18} {:>8} {:>12} {:>7} {:>12}",
                t.name,
                t.version.map_or("-".into(), |v| v.to_string()),
                t.rows,
                t.files,
                crate::util::human_bytes(t.bytes)
            )?;
        }
        writeln!(f, "views: {}", self.views.join(", "))?;
        match (&self.first_event, &self.last_event) {
            (Some(a), Some(b)) => writeln!(f, "events from {a} to {b}")?,
            _ => writeln!(f, "no events yet")?,
        }
        for (ds, n) in &self.events_by_data_source {
            writeln!(f, "  {ds:<28} {n:>12}")?;
        }
        writeln!(
            f,
            "sources ingested: {} files, {}",
            self.sources_ingested,
            crate::util::human_bytes(self.source_bytes)
        )?;
        if self.dead_letters_by_stage.is_empty() {
            writeln!(f, "dead letters: none")?;
        } else {
            let total: u64 = self.dead_letters_by_stage.values().sum();
            writeln!(f, "dead letters: {total}")?;
            for (stage, n) in &self.dead_letters_by_stage {
                writeln!(f, "  {stage:<28} {n:>12}")?;
            }
        }
        Ok(())
    }
}

/// One dead-lettered item, for listings.
#[derive(Debug, Serialize)]
pub struct DeadLetterRow {
    pub source_file: String,
    pub position: String,
    pub stage: String,
    pub reason: String,
}

/// The first `limit` dead letters, by source file and position.
pub async fn dead_letters(lake: &Lake, limit: usize) -> Result<Vec<DeadLetterRow>> {
    let ctx = lake.session().await?;
    let batches = ctx
        .table(DEAD_LETTER)
        .await?
        .sort(vec![
            ident("SourceFile").sort(true, true),
            ident("Position").sort(true, true),
        ])?
        .limit(0, Some(limit))?
        .select(vec![
            ident("SourceFile"),
            ident("Position"),
            ident("Stage"),
            ident("Reason"),
        ])?
        .collect()
        .await?;
    let mut out = Vec::new();
    for b in batches {
        let cols: Vec<_> = (0..4)
            .map(|i| {
                datafusion::arrow::compute::cast(
                    b.column(i),
                    &datafusion::arrow::datatypes::DataType::Utf8,
                )
            })
            .collect::<Result<_, _>>()?;
        for i in 0..b.num_rows() {
            let s = |c: usize| cols[c].as_string::<i32>().value(i).to_string();
            out.push(DeadLetterRow {
                source_file: s(0),
                position: s(1),
                stage: s(2),
                reason: s(3),
            });
        }
    }
    Ok(out)
}
