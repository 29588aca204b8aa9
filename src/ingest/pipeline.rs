//! The ingest run: workers, writers, commits and the summary.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use datafusion::arrow::array::{
    AsArray, BinaryBuilder, Int64Builder, RecordBatch, StringBuilder, TimestampMicrosecondBuilder,
};
use datafusion::common::ScalarValue;
use datafusion::prelude::{SessionContext, ident, lit};
use deltalake::kernel::{Add, Transaction};
use deltalake::writer::{DeltaWriter, RecordBatchWriter};
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_128;

use super::batch::EventBatchBuilder;
use super::capture::MAX_PAYLOAD;
use super::dedup::{Dedup, Loader, bucket_of};
use super::dispatch::Sink;
use super::json::date_of_micros;
use super::row::{Origin, Row, dedup_key_of_report_id};
use super::source::{self, SourceFile};
use super::{DS_AKS, DS_EKS, DS_GKE, DS_KUBERNETES};
use crate::lake::schema::{UTC, dead_letter_schema, sources_schema};
use crate::lake::{self, CLOUD_AUDIT_EVENTS, EVENT_DATE, Lake, SOURCE_TXN_PREFIX};

/// What `DataSource` raw audit lines get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum SourceHint {
    /// Inferred: EKS from IAM identities or an `eks` path, else on-premises `Kubernetes`.
    #[default]
    Auto,
    Aks,
    Eks,
    Gke,
    Kubernetes,
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub inputs: Vec<String>,
    pub lake: PathBuf,
    /// Parse threads (and as many writer threads). 0: number of cores.
    pub threads: usize,
    pub source: SourceHint,
    /// Cluster identity for raw audit lines (they carry none).
    pub cluster: Option<String>,
    pub batch_rows: usize,
    /// Dedup keys kept in memory before spilling.
    pub dedup_budget: usize,
    pub progress: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            inputs: Vec::new(),
            lake: PathBuf::from("lake"),
            threads: 0,
            source: SourceHint::Auto,
            cluster: None,
            batch_rows: 4 * 1024,
            dedup_budget: 2_000_000,
            progress: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, Default)]
pub struct FileSummary {
    pub file: String,
    pub sha256: Option<String>,
    pub bytes: u64,
    pub format: Option<String>,
    /// `ingested`, `already-ingested`, `duplicate-content` or `error`.
    pub status: String,
    pub events: u64,
    pub duplicates: u64,
    pub non_audit: u64,
    pub dead_letters: u64,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, Default)]
pub struct IngestSummary {
    pub lake: String,
    pub run_id: String,
    pub files_seen: u64,
    /// Files a folder walk passed over (hidden, `_`-prefixed, or not data by name).
    #[serde(default)]
    pub files_not_data: u64,
    pub files_ingested: u64,
    pub files_skipped: u64,
    pub files_failed: u64,
    pub bytes_read: u64,
    pub events_written: u64,
    pub duplicates_dropped: u64,
    pub non_audit_records: u64,
    pub dead_letters: u64,
    pub events_by_data_source: BTreeMap<String, u64>,
    pub table_version: Option<i64>,
    pub elapsed_seconds: f64,
    pub events_per_second: f64,
    pub megabytes_per_second: f64,
    pub peak_rss_bytes: Option<u64>,
    pub files: Vec<FileSummary>,
}

/// A dead-lettered item on its way to the `_deadletter` table.
struct DeadLetterRecord {
    id: String,
    source_file: String,
    sha256: String,
    position: String,
    stage: &'static str,
    reason: String,
    payload: Vec<u8>,
    payload_bytes: u64,
}

/// Live counters for the progress bar.
#[derive(Default)]
struct Progress {
    bytes: AtomicU64,
    events: AtomicU64,
    files: AtomicU64,
    dead: AtomicU64,
}

struct WorkerSink<'w> {
    dedup: &'w Dedup,
    builders: HashMap<String, EventBatchBuilder>,
    batch_rows: usize,
    tx: &'w SyncSender<(String, RecordBatch)>,
    dl_tx: &'w SyncSender<DeadLetterRecord>,
    file: &'w str,
    sha256: &'w str,
    counts: FileSummary,
    by_source: BTreeMap<String, u64>,
    progress: &'w Progress,
    error: Option<anyhow::Error>,
    /// The last event day seen and its `EventDate` text (dates change rarely within a file).
    last_day: Option<(i64, String)>,
}

impl WorkerSink<'_> {
    fn event_date(&mut self, timestamp: Option<i64>) -> String {
        let Some(ts) = timestamp else {
            return "unknown".to_string();
        };
        let day = ts.div_euclid(86_400_000_000);
        match &self.last_day {
            Some((d, text)) if *d == day => text.clone(),
            _ => {
                let text = date_of_micros(ts);
                self.last_day = Some((day, text.clone()));
                text
            }
        }
    }

    fn send_full(&mut self, date: &str) {
        if let Some(b) = self.builders.get_mut(date)
            && (b.len() >= self.batch_rows || b.bytes() >= 8 << 20)
        {
            let batch = (b.date().to_string(), b.finish());
            if self.tx.send(batch).is_err() && self.error.is_none() {
                self.error = Some(anyhow::anyhow!("event writer stopped"));
            }
        }
    }

    fn flush_all(&mut self) {
        for b in self.builders.values_mut() {
            if !b.is_empty() {
                let batch = (b.date().to_string(), b.finish());
                if self.tx.send(batch).is_err() && self.error.is_none() {
                    self.error = Some(anyhow::anyhow!("event writer stopped"));
                }
            }
        }
    }
}

impl Sink for WorkerSink<'_> {
    fn row(&mut self, row: Row<'_>) {
        match self.dedup.insert(bucket_of(row.timestamp), row.dedup_key()) {
            Ok(true) => {
                let date = self.event_date(row.timestamp);
                self.builders
                    .entry(date.clone())
                    .or_insert_with(|| EventBatchBuilder::new(date.clone()))
                    .append(&row, self.file);
                self.counts.events += 1;
                *self
                    .by_source
                    .entry(row.data_source.to_string())
                    .or_default() += 1;
                self.progress.events.fetch_add(1, Ordering::Relaxed);
                self.send_full(&date);
            }
            Ok(false) => self.counts.duplicates += 1,
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(e);
                }
            }
        }
    }

    fn dead_letter(&mut self, position: &str, stage: &'static str, reason: String, payload: &[u8]) {
        self.counts.dead_letters += 1;
        self.progress.dead.fetch_add(1, Ordering::Relaxed);
        let id = format!(
            "{:032x}",
            xxh3_128(format!("{}\0{position}\0{stage}", self.sha256).as_bytes())
        );
        let keep = payload.len().min(MAX_PAYLOAD);
        let record = DeadLetterRecord {
            id,
            source_file: self.file.to_string(),
            sha256: self.sha256.to_string(),
            position: position.to_string(),
            stage,
            reason,
            payload: payload[..keep].to_vec(),
            payload_bytes: payload.len() as u64,
        };
        if self.dl_tx.send(record).is_err() && self.error.is_none() {
            self.error = Some(anyhow::anyhow!("dead-letter writer stopped"));
        }
    }

    fn non_audit(&mut self, _position: &str) {
        self.counts.non_audit += 1;
    }
}

fn base_origin<'a>(opts: &'a IngestOptions, file: &SourceFile) -> Origin<'a> {
    let data_source = match opts.source {
        SourceHint::Aks => DS_AKS,
        SourceHint::Eks => DS_EKS,
        SourceHint::Gke => DS_GKE,
        SourceHint::Kubernetes => DS_KUBERNETES,
        SourceHint::Auto => {
            if file.url.to_ascii_lowercase().contains("eks") {
                DS_EKS
            } else {
                DS_KUBERNETES
            }
        }
    };
    Origin {
        data_source,
        audit_source: "json-file",
        cluster: opts.cluster.as_deref().map(std::borrow::Cow::Borrowed),
        ..Default::default()
    }
}

/// A file's summary with its index and its events per `DataSource`.
type FileResult = (usize, FileSummary, BTreeMap<String, u64>);

/// Everything a parse worker needs.
struct WorkerShared<'a> {
    opts: &'a IngestOptions,
    files: &'a [SourceFile],
    next: AtomicU64,
    dedup: &'a Dedup,
    lake: &'a Lake,
    handle: tokio::runtime::Handle,
    progress: &'a Progress,
    seen_hashes: Mutex<HashSet<String>>,
    results: Mutex<Vec<FileResult>>,
    fatal: Mutex<Option<anyhow::Error>>,
}

fn parse_worker(
    shared: &WorkerShared<'_>,
    tx: SyncSender<(String, RecordBatch)>,
    dl_tx: SyncSender<DeadLetterRecord>,
) {
    let mut builders: HashMap<String, EventBatchBuilder> = HashMap::new();
    loop {
        let index = shared.next.fetch_add(1, Ordering::SeqCst) as usize;
        let Some(file) = shared.files.get(index) else {
            break;
        };
        let mut summary = FileSummary {
            file: file.url.clone(),
            bytes: file.size,
            ..Default::default()
        };
        let mut by_source = BTreeMap::new();
        let outcome = (|| -> Result<()> {
            let sha = source::sha256_of(file, &shared.handle)?;
            summary.sha256 = Some(sha.clone());
            if shared
                .handle
                .block_on(shared.lake.is_source_committed(&sha))?
            {
                summary.status = "already-ingested".into();
                return Ok(());
            }
            if !shared
                .seen_hashes
                .lock()
                .expect("hash set")
                .insert(sha.clone())
            {
                summary.status = "duplicate-content".into();
                return Ok(());
            }
            let reader = source::open(file, &shared.handle)?;
            let mut sink = WorkerSink {
                dedup: shared.dedup,
                builders: std::mem::take(&mut builders),
                batch_rows: shared.opts.batch_rows,
                tx: &tx,
                dl_tx: &dl_tx,
                file: &file.url,
                sha256: &sha,
                counts: FileSummary::default(),
                by_source: BTreeMap::new(),
                progress: shared.progress,
                error: None,
                last_day: None,
            };
            let origin = base_origin(shared.opts, file);
            let format = source::read_file(reader, Some(file.size), &origin, &mut sink);
            builders = std::mem::take(&mut sink.builders);
            if let Some(e) = sink.error.take() {
                return Err(e);
            }
            let format = format?;
            summary.format = Some(format);
            summary.events = sink.counts.events;
            summary.duplicates = sink.counts.duplicates;
            summary.non_audit = sink.counts.non_audit;
            summary.dead_letters = sink.counts.dead_letters;
            by_source = sink.by_source;
            summary.status = "ingested".into();
            Ok(())
        })();
        if let Err(e) = outcome {
            summary.status = "error".into();
            summary.error = Some(format!("{e:#}"));
            // A failure after rows were queued cannot be undone file by file: stop the run
            // (nothing is committed) rather than commit part of a file.
            if summary.events > 0 || summary.sha256.is_some() {
                let mut fatal = shared.fatal.lock().expect("fatal");
                if fatal.is_none() && !e.to_string().contains("cannot open") {
                    *fatal = Some(e.context(format!("while ingesting {}", file.url)));
                }
            }
        }
        shared
            .progress
            .bytes
            .fetch_add(file.size, Ordering::Relaxed);
        shared.progress.files.fetch_add(1, Ordering::Relaxed);
        shared
            .results
            .lock()
            .expect("results")
            .push((index, summary, by_source));
    }
    // Send what is left.
    let mut sink_tail = WorkerSink {
        dedup: shared.dedup,
        builders,
        batch_rows: shared.opts.batch_rows,
        tx: &tx,
        dl_tx: &dl_tx,
        file: "",
        sha256: "",
        counts: FileSummary::default(),
        by_source: BTreeMap::new(),
        progress: shared.progress,
        error: None,
        last_day: None,
    };
    sink_tail.flush_all();
}

fn event_writer(
    rx: Arc<Mutex<Receiver<(String, RecordBatch)>>>,
    mut writer: RecordBatchWriter,
    handle: tokio::runtime::Handle,
) -> Result<Vec<Add>> {
    loop {
        let (date, batch) = match rx.lock().expect("receiver").recv() {
            Ok(b) => b,
            Err(_) => break,
        };
        // Every batch holds one date: no partition split (and no copy) needed.
        let partition = indexmap::IndexMap::from([(
            EVENT_DATE.to_string(),
            delta_kernel::expressions::Scalar::String(date),
        )]);
        handle
            .block_on(writer.write_partition(
                batch,
                &partition,
                deltalake::writer::WriteMode::Default,
            ))
            .context("writing Parquet")?;
    }
    Ok(handle.block_on(writer.flush())?)
}

fn dead_letter_batch(
    rows: &mut Vec<DeadLetterRecord>,
    run_id: &str,
    now: i64,
) -> Result<RecordBatch> {
    let mut id = StringBuilder::new();
    let mut at = TimestampMicrosecondBuilder::new().with_timezone(UTC);
    let mut run = StringBuilder::new();
    let mut file = StringBuilder::new();
    let mut sha = StringBuilder::new();
    let mut pos = StringBuilder::new();
    let mut stage = StringBuilder::new();
    let mut reason = StringBuilder::new();
    let mut payload = BinaryBuilder::new();
    let mut payload_bytes = Int64Builder::new();
    for r in rows.drain(..) {
        id.append_value(&r.id);
        at.append_value(now);
        run.append_value(run_id);
        file.append_value(&r.source_file);
        sha.append_value(&r.sha256);
        pos.append_value(&r.position);
        stage.append_value(r.stage);
        reason.append_value(&r.reason);
        payload.append_value(&r.payload);
        payload_bytes.append_value(r.payload_bytes as i64);
    }
    Ok(RecordBatch::try_new(
        dead_letter_schema(),
        vec![
            Arc::new(id.finish()),
            Arc::new(at.finish()),
            Arc::new(run.finish()),
            Arc::new(file.finish()),
            Arc::new(sha.finish()),
            Arc::new(pos.finish()),
            Arc::new(stage.finish()),
            Arc::new(reason.finish()),
            Arc::new(payload.finish()),
            Arc::new(payload_bytes.finish()),
        ],
    )?)
}

fn dead_letter_writer(
    rx: Receiver<DeadLetterRecord>,
    mut writer: RecordBatchWriter,
    existing: HashSet<String>,
    run_id: String,
    handle: tokio::runtime::Handle,
) -> Result<(Vec<Add>, u64)> {
    let now = chrono::Utc::now().timestamp_micros();
    let mut pending = Vec::new();
    let mut written = 0u64;
    let mut seen = existing;
    for record in rx {
        if !seen.insert(record.id.clone()) {
            continue;
        }
        pending.push(record);
        written += 1;
        if pending.len() >= 1024 {
            let batch = dead_letter_batch(&mut pending, &run_id, now)?;
            handle.block_on(writer.write(batch))?;
        }
    }
    if !pending.is_empty() {
        let batch = dead_letter_batch(&mut pending, &run_id, now)?;
        handle.block_on(writer.write(batch))?;
    }
    Ok((handle.block_on(writer.flush())?, written))
}

fn sources_batch(files: &[FileSummary], run_id: &str) -> Result<RecordBatch> {
    let now = chrono::Utc::now().timestamp_micros();
    let mut file = StringBuilder::new();
    let mut sha = StringBuilder::new();
    let mut bytes = Int64Builder::new();
    let mut format = StringBuilder::new();
    let mut run = StringBuilder::new();
    let mut at = TimestampMicrosecondBuilder::new().with_timezone(UTC);
    let mut events = Int64Builder::new();
    let mut dups = Int64Builder::new();
    let mut non_audit = Int64Builder::new();
    let mut dead = Int64Builder::new();
    for f in files {
        file.append_value(&f.file);
        sha.append_value(f.sha256.as_deref().unwrap_or(""));
        bytes.append_value(f.bytes as i64);
        format.append_option(f.format.as_deref());
        run.append_value(run_id);
        at.append_value(now);
        events.append_value(f.events as i64);
        dups.append_value(f.duplicates as i64);
        non_audit.append_value(f.non_audit as i64);
        dead.append_value(f.dead_letters as i64);
    }
    Ok(RecordBatch::try_new(
        sources_schema(),
        vec![
            Arc::new(file.finish()),
            Arc::new(sha.finish()),
            Arc::new(bytes.finish()),
            Arc::new(format.finish()),
            Arc::new(run.finish()),
            Arc::new(at.finish()),
            Arc::new(events.finish()),
            Arc::new(dups.finish()),
            Arc::new(non_audit.finish()),
            Arc::new(dead.finish()),
        ],
    )?)
}

/// Keys the lake already holds for one hour bucket.
fn lake_key_loader(ctx: Option<SessionContext>, handle: tokio::runtime::Handle) -> Loader {
    Box::new(move |bucket| {
        let Some(ctx) = ctx.as_ref() else {
            return Ok(Vec::new());
        };
        let ts = |v: i64| lit(ScalarValue::TimestampMicrosecond(Some(v), Some(UTC.into())));
        let filter = match bucket {
            Some(h) => {
                let start = h * 3_600_000_000;
                ident("Timestamp")
                    .gt_eq(ts(start))
                    .and(ident("Timestamp").lt(ts(start + 3_600_000_000)))
            }
            None => ident("Timestamp").is_null(),
        };
        let batches = handle.block_on(async {
            ctx.table(CLOUD_AUDIT_EVENTS)
                .await?
                .filter(filter)?
                .select(vec![ident("ReportId")])?
                .collect()
                .await
        })?;
        let mut keys = Vec::new();
        for b in batches {
            let col = datafusion::arrow::compute::cast(
                b.column(0),
                &datafusion::arrow::datatypes::DataType::Utf8,
            )?;
            let ids = col.as_string::<i32>();
            keys.extend(ids.iter().flatten().filter_map(dedup_key_of_report_id));
        }
        Ok(keys)
    })
}

async fn existing_dead_letter_ids(lake: &Lake) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    if lake
        .dead_letters
        .snapshot()?
        .snapshot()
        .log_data()
        .num_files()
        == 0
    {
        return Ok(out);
    }
    let ctx = lake.session().await?;
    let batches = ctx
        .table(lake::DEAD_LETTER)
        .await?
        .select(vec![ident("DeadLetterId")])?
        .collect()
        .await?;
    for b in batches {
        let col = datafusion::arrow::compute::cast(
            b.column(0),
            &datafusion::arrow::datatypes::DataType::Utf8,
        )?;
        out.extend(col.as_string::<i32>().iter().flatten().map(str::to_string));
    }
    Ok(out)
}

/// Runs one ingest. Commits atomically per table; a failed run commits nothing.
pub async fn run(opts: IngestOptions) -> Result<IngestSummary> {
    let started = Instant::now();
    let (files, ignored) = source::discover(&opts.inputs)?;
    let mut lake = Lake::open_or_create(&opts.lake).await?;
    let run_id = format!(
        "{:016x}",
        xxh3_128(format!("{:?}{}", std::time::SystemTime::now(), std::process::id()).as_bytes())
            as u64
    );
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    } else {
        opts.threads
    };
    let handle = tokio::runtime::Handle::current();
    let has_events = lake.events.snapshot()?.snapshot().log_data().num_files() > 0;
    let key_ctx = if has_events {
        Some(lake.session().await?)
    } else {
        None
    };
    let dedup = Dedup::new(lake_key_loader(key_ctx, handle.clone()), opts.dedup_budget)?;
    let existing_dl = existing_dead_letter_ids(&lake).await?;
    let progress = Progress::default();
    let total_bytes: u64 = files.iter().map(|f| f.size).sum();

    let event_props = lake::event_writer_properties();
    let mut event_writers = Vec::new();
    for _ in 0..threads {
        event_writers.push(
            RecordBatchWriter::for_table(&lake.events)?
                .with_writer_properties(event_props.clone())
                .with_target_file_size(256 << 20),
        );
    }
    let dl_writer = RecordBatchWriter::for_table(&lake.dead_letters)?
        .with_writer_properties(lake::small_writer_properties());

    let shared = WorkerShared {
        opts: &opts,
        files: &files,
        next: AtomicU64::new(0),
        dedup: &dedup,
        lake: &lake,
        handle: handle.clone(),
        progress: &progress,
        seen_hashes: Mutex::new(HashSet::new()),
        results: Mutex::new(Vec::new()),
        fatal: Mutex::new(None),
    };

    let bar = if opts.progress {
        Some(progress_bar(total_bytes, files.len() as u64))
    } else {
        None
    };
    let done = AtomicBool::new(false);
    let (event_adds, (dl_adds, dl_written)) = tokio::task::block_in_place(|| -> Result<_> {
        std::thread::scope(|scope| -> Result<_> {
            let (tx, rx) = sync_channel::<(String, RecordBatch)>(threads);
            let (dl_tx, dl_rx) = sync_channel::<DeadLetterRecord>(4096);
            let rx = Arc::new(Mutex::new(rx));
            let writer_handles: Vec<_> = event_writers
                .into_iter()
                .map(|w| {
                    let rx = rx.clone();
                    let h = handle.clone();
                    std::thread::Builder::new()
                        .name("kqlhunt-write".into())
                        .spawn_scoped(scope, move || event_writer(rx, w, h))
                        .expect("spawn a writer thread")
                })
                .collect();
            let dl_handle = {
                let h = handle.clone();
                let run_id = run_id.clone();
                scope.spawn(move || dead_letter_writer(dl_rx, dl_writer, existing_dl, run_id, h))
            };
            let ticker = bar.as_ref().map(|bar| {
                let progress = &progress;
                let done = &done;
                scope.spawn(move || {
                    while !done.load(Ordering::Relaxed) {
                        update_bar(bar, progress, started);
                        std::thread::sleep(Duration::from_millis(200));
                    }
                })
            });
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let tx = tx.clone();
                    let dl_tx = dl_tx.clone();
                    let shared = &shared;
                    std::thread::Builder::new()
                        .name("kqlhunt-parse".into())
                        .spawn_scoped(scope, move || parse_worker(shared, tx, dl_tx))
                        .expect("spawn a parse thread")
                })
                .collect();
            drop(tx);
            drop(dl_tx);
            for w in workers {
                w.join()
                    .map_err(|_| anyhow::anyhow!("a parse worker panicked"))?;
            }
            let mut adds = Vec::new();
            for w in writer_handles {
                adds.extend(
                    w.join()
                        .map_err(|_| anyhow::anyhow!("a writer panicked"))??,
                );
            }
            let dl = dl_handle
                .join()
                .map_err(|_| anyhow::anyhow!("the dead-letter writer panicked"))??;
            done.store(true, Ordering::Relaxed);
            if let Some(t) = ticker {
                let _ = t.join();
            }
            Ok((adds, dl))
        })
    })?;
    if let Some(bar) = &bar {
        update_bar(bar, &progress, started);
        bar.finish_and_clear();
    }
    if let Some(e) = shared.fatal.lock().expect("fatal").take() {
        return Err(e.context(
            "ingest stopped; nothing was committed, re-run the same command after fixing the cause",
        ));
    }
    let mut results = std::mem::take(&mut *shared.results.lock().expect("results"));
    results.sort_by_key(|(i, _, _)| *i);

    let mut summary = IngestSummary {
        lake: lake.root().display().to_string(),
        run_id: run_id.clone(),
        files_seen: files.len() as u64,
        files_not_data: ignored,
        dead_letters: dl_written,
        ..Default::default()
    };
    let mut txns = Vec::new();
    let mut ingested = Vec::new();
    let now_ms = chrono::Utc::now().timestamp_millis();
    for (_, f, by_source) in &results {
        match f.status.as_str() {
            "ingested" => {
                summary.files_ingested += 1;
                summary.bytes_read += f.bytes;
                summary.events_written += f.events;
                summary.duplicates_dropped += f.duplicates;
                summary.non_audit_records += f.non_audit;
                for (ds, n) in by_source {
                    *summary.events_by_data_source.entry(ds.clone()).or_default() += n;
                }
                if let Some(sha) = &f.sha256 {
                    txns.push(Transaction::new_with_last_update(
                        format!("{SOURCE_TXN_PREFIX}{sha}"),
                        1,
                        Some(now_ms),
                    ));
                }
                ingested.push(f.clone());
            }
            "error" => summary.files_failed += 1,
            _ => summary.files_skipped += 1,
        }
    }
    summary.files = results.into_iter().map(|(_, f, _)| f).collect();

    let meta = HashMap::from([(
        "kqlhunt".to_string(),
        serde_json::json!({"runId": run_id, "files": summary.files_ingested, "events": summary.events_written}),
    )]);
    // Dead letters first, then the events with the source markers (the commit point), then the
    // descriptive source rows. A crash between them is repaired by re-running: events and dead
    // letters are deduplicated, committed sources are skipped.
    lake::commit_append(&mut lake.dead_letters, dl_adds, vec![], None, meta.clone()).await?;
    summary.table_version = lake::commit_append(
        &mut lake.events,
        event_adds,
        txns,
        Some(vec![EVENT_DATE.to_string()]),
        meta.clone(),
    )
    .await?;
    if !ingested.is_empty() {
        let mut w = RecordBatchWriter::for_table(&lake.sources)?
            .with_writer_properties(lake::small_writer_properties());
        w.write(sources_batch(&ingested, &run_id)?).await?;
        let adds = w.flush().await?;
        lake::commit_append(&mut lake.sources, adds, vec![], None, meta).await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    summary.elapsed_seconds = elapsed;
    summary.events_per_second = summary.events_written as f64 / elapsed.max(1e-9);
    summary.megabytes_per_second = summary.bytes_read as f64 / 1e6 / elapsed.max(1e-9);
    summary.peak_rss_bytes = crate::util::peak_rss_bytes();
    let _ = dedup.stats();
    Ok(summary)
}

fn progress_bar(total_bytes: u64, files: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total_bytes),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {msg}",
        )
        .expect("valid template"),
    );
    bar.set_message(format!("0/{files} files"));
    bar.set_length(total_bytes);
    bar
}

fn update_bar(bar: &indicatif::ProgressBar, p: &Progress, started: Instant) {
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    let bytes = p.bytes.load(Ordering::Relaxed);
    let events = p.events.load(Ordering::Relaxed);
    bar.set_position(bytes);
    bar.set_message(format!(
        "files {} | events {} ({:.0}/s) | {:.1} MB/s | dead letters {}",
        p.files.load(Ordering::Relaxed),
        events,
        events as f64 / secs,
        bytes as f64 / 1e6 / secs,
        p.dead.load(Ordering::Relaxed)
    ));
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "ingested {} of {} files into {} ({} skipped as already ingested, {} failed)",
            self.files_ingested, self.files_seen, self.lake, self.files_skipped, self.files_failed
        )?;
        if self.files_not_data > 0 {
            writeln!(
                f,
                "passed over {} files that are not data by name (README, CSV, hidden, `_` files); name a file to read it anyway",
                self.files_not_data
            )?;
        }
        writeln!(
            f,
            "events written {}  duplicates dropped {}  non-audit records {}  dead letters {}",
            self.events_written, self.duplicates_dropped, self.non_audit_records, self.dead_letters
        )?;
        for (ds, n) in &self.events_by_data_source {
            writeln!(f, "  {ds:<28} {n:>12}")?;
        }
        writeln!(
            f,
            "{} in {:.2}s: {:.0} events/s, {:.1} MB/s{}",
            crate::util::human_bytes(self.bytes_read),
            self.elapsed_seconds,
            self.events_per_second,
            self.megabytes_per_second,
            self.peak_rss_bytes
                .map(|b| format!(", peak RSS {}", crate::util::human_bytes(b)))
                .unwrap_or_default()
        )?;
        for file in self.files.iter().filter(|x| x.status == "error") {
            writeln!(
                f,
                "error: {}: {}",
                file.file,
                file.error.as_deref().unwrap_or("")
            )?;
        }
        if self.dead_letters > 0 {
            writeln!(
                f,
                "see the dead letters with `kqlhunt lake dead-letters --lake {}`",
                self.lake
            )?;
        }
        Ok(())
    }
}
