//! Synthetic data for `kqlhunt gen`: deterministic, realistic Kubernetes audit logs as AKS
//! streams them to Event Hubs Capture (Avro) and as kube-apiserver writes them to disk (JSON
//! lines), with rare planted suspicious activity and a ground-truth manifest (`_planted.json`)
//! that predicts the exact rows of the published hunts. See `docs/sample-data.md`.
//!
//! Generation streams: event times come from a [`timeline`], background requests are rendered
//! straight into reusable buffers, records are batched per cluster into message bodies and
//! written to Avro blocks as they fill. Memory stays bounded whatever the event count; only the
//! planted set (well under 0.1% of events) is held whole.
//!
//! Determinism: every random choice comes from ChaCha8 streams derived from the seed, no output
//! depends on hash-map order, and the Avro container (header, sync markers) is written by hand
//! so that the same options give byte-identical files.

mod background;
mod capture;
mod events;
mod expected;
mod json;
mod objects;
mod planted;
mod records;
mod sink;
mod timeline;
mod world;

use std::collections::BinaryHeap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use chrono::{DateTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use expected::{ClusterAdminBindingRow, ExecKubeSystemRow, HuntRows, PrivilegedPodRow};
pub use planted::{
    Expected, Hunt, Outcome, Planted, PlantedArm, PlantedAudit, PlantedContainer, PlantedItem,
    PlantedKind, PlantedSubject, Source,
};

use background::Background;
use capture::{CaptureWriter, CodecPolicy, FileCodec};
use json::{MICROS_PER_HOUR, Micros, uuid_string};
use planted::{Payload, PlanInput, Scheduled};
use records::{arm_record, credential_fetch};
use sink::Sinks;
use timeline::Timeline;
use world::Cluster;

/// Event Hubs namespace of the capture path.
pub const EVENTHUBS_NAMESPACE: &str = "kqlhunt-demo-ns";
/// Event hub of the capture path.
pub const EVENTHUB_NAME: &str = "insights-logs-kube-audit";
/// Partitions of the event hub.
pub const PARTITIONS: u32 = 4;
/// Share of slots that also produce a non-audit (klog) record on AKS clusters.
const NON_AUDIT_SHARE: f64 = 0.03;
/// Background `listClusterUserCredential` operations per AKS cluster and day.
const CREDENTIAL_FETCHES_PER_DAY: i64 = 4;
const PROGRESS_EVERY: u64 = 1 << 16;

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    /// Number of audit events (unique, before duplicates), planted ones included.
    pub events: u64,
    pub seed: u64,
    pub out_dir: PathBuf,
    /// First event time (default 2026-11-20T00:00:00Z).
    pub start: DateTime<Utc>,
    /// Events are spread over this (default 2 days); the hunts' `now()` is `start + span`.
    pub span: chrono::Duration,
    /// AKS clusters streaming to Event Hubs (default 2).
    pub clusters: usize,
    /// Audit events per capture file and per JSON-lines file (default 20,000).
    pub events_per_file: usize,
    pub format: SynthFormat,
    pub codec: SynthCodec,
    /// Fraction of message bodies re-delivered in a later capture file (default 0.001).
    pub duplicate_rate: f64,
    /// Replace the generator's own outputs in `out_dir` (`capture/<namespace>/`, `jsonl/`,
    /// `_planted.json`) if they exist; otherwise existing outputs are an error.
    pub overwrite: bool,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            events: 100_000,
            seed: 0,
            out_dir: PathBuf::from("kqlhunt-sample"),
            start: Utc
                .with_ymd_and_hms(2026, 11, 20, 0, 0, 0)
                .single()
                .unwrap_or_default(),
            span: chrono::Duration::days(2),
            clusters: 2,
            events_per_file: 20_000,
            format: SynthFormat::Capture,
            codec: SynthCodec::Null,
            duplicate_rate: 0.001,
            overwrite: false,
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SynthFormat {
    /// Event Hubs Capture Avro files from the AKS clusters.
    #[default]
    Capture,
    /// Raw kube-apiserver audit JSON lines from one on-prem cluster.
    JsonLines,
    /// Both: the AKS clusters to capture files, the on-prem cluster to JSON lines.
    Both,
}

/// Avro block codecs of capture files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SynthCodec {
    #[default]
    Null,
    Deflate,
    /// Every third file of each partition (the 2nd, 5th, ...) deflate, the rest null.
    Mixed,
}

/// What was generated.
#[derive(Clone, Debug)]
pub struct SynthSummary {
    /// Data files (capture and JSON lines), sorted; `_planted.json` is not listed.
    pub files: Vec<PathBuf>,
    /// Audit events written (each once; planted included).
    pub events: u64,
    /// Records written once: audit events, non-audit klog records and ARM records.
    pub records: u64,
    /// Records written a second time by re-delivered messages (not in `records`).
    pub duplicates: u64,
    pub non_audit_records: u64,
    pub arm_records: u64,
    /// Bytes of the data files.
    pub bytes: u64,
    pub planted: Planted,
}

/// Generates the data set described by `opts`.
pub fn generate(opts: &SynthOptions) -> Result<SynthSummary> {
    generate_with_progress(opts, &mut |_| {})
}

/// Like [`generate`], calling `on_progress` with the number of audit events written so far
/// every 65,536 events and at the end.
pub fn generate_with_progress(
    opts: &SynthOptions,
    on_progress: &mut dyn FnMut(u64),
) -> Result<SynthSummary> {
    validate(opts)?;
    prepare_out_dir(opts)?;
    let mut run = Run::new(opts)?;
    run.generate(on_progress)?;
    run.finish()
}

fn validate(opts: &SynthOptions) -> Result<()> {
    ensure!(
        opts.span > chrono::Duration::zero(),
        "span must be positive"
    );
    ensure!(
        opts.events_per_file > 0,
        "events_per_file must be at least 1"
    );
    ensure!(
        (0.0..=1.0).contains(&opts.duplicate_rate),
        "duplicate_rate must be within 0..=1, got {}",
        opts.duplicate_rate
    );
    if opts.format != SynthFormat::JsonLines {
        ensure!(
            opts.clusters > 0,
            "capture output needs at least one cluster"
        );
    }
    ensure!(
        opts.start.timestamp_micros() > 0,
        "start must be after 1970-01-01"
    );
    Ok(())
}

/// Stream `n` of the seed's ChaCha8 generator: one independent stream per purpose.
fn stream(seed: u64, n: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(n);
    rng
}

fn owned_paths(out: &Path) -> [PathBuf; 3] {
    [
        out.join("capture").join(EVENTHUBS_NAMESPACE),
        out.join("jsonl"),
        out.join("_planted.json"),
    ]
}

fn prepare_out_dir(opts: &SynthOptions) -> Result<()> {
    let out = &opts.out_dir;
    for path in owned_paths(out) {
        if !path.exists() {
            continue;
        }
        if !opts.overwrite {
            bail!(
                "{} already exists (generate into an empty directory, or overwrite)",
                path.display()
            );
        }
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.with_context(|| format!("removing {}", path.display()))?;
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))
}

/// A later stage of a background request, due at `at`.
struct Pending {
    at: Micros,
    seq: u64,
    cluster: usize,
    json: String,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    /// Reversed: the earliest is the greatest, so `BinaryHeap` pops it first.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// One generation run.
struct Run<'o> {
    opts: &'o SynthOptions,
    clusters: Vec<Cluster>,
    planted: Planted,
    scheduled: std::vec::IntoIter<Scheduled>,
    next_scheduled: Option<Scheduled>,
    timeline: Timeline,
    background: Background,
    sinks: Sinks,
    pending: BinaryHeap<Pending>,
    pending_seq: u64,
    /// Cumulative cluster weights for picking the cluster of a slot.
    cluster_weights: Vec<u32>,
    mix: ChaCha8Rng,
    event: String,
    events: u64,
}

impl<'o> Run<'o> {
    fn new(opts: &'o SynthOptions) -> Result<Run<'o>> {
        let seed = opts.seed;
        let start = opts.start.timestamp_micros();
        let span = opts.span.num_microseconds().context("span is too long")?;
        let end = start + span;
        let capture = opts.format != SynthFormat::JsonLines;
        let jsonl = opts.format != SynthFormat::Capture;

        let mut world_rng = stream(seed, 1);
        let aks = if capture { opts.clusters } else { 0 };
        let clusters = world::build_clusters(&mut world_rng, aks, jsonl);
        let tenant = uuid_string(world_rng.random());

        let plan = planted::plan(
            &PlanInput {
                clusters: &clusters,
                start,
                end,
                events: opts.events,
                capture,
                seed,
                tenant: &tenant,
            },
            stream(seed, 2),
        );
        let mut scheduled = plan.scheduled;
        if capture {
            scheduled.extend(background_arm(
                &clusters,
                &tenant,
                start,
                end,
                stream(seed, 3),
            ));
        }
        scheduled.sort_by_key(|s| s.at);
        let planted_events = scheduled
            .iter()
            .filter(|s| matches!(s.payload, Payload::Audit(_)))
            .count() as u64;
        let slots = opts.events.saturating_sub(planted_events);

        let capture_writer = capture
            .then(|| {
                let policy = match opts.codec {
                    SynthCodec::Null => CodecPolicy::All(FileCodec::Null),
                    SynthCodec::Deflate => CodecPolicy::All(FileCodec::Deflate),
                    SynthCodec::Mixed => CodecPolicy::Mixed,
                };
                CaptureWriter::new(
                    capture::capture_root(&opts.out_dir, EVENTHUBS_NAMESPACE, EVENTHUB_NAME),
                    PARTITIONS,
                    stream(seed, 6),
                    policy,
                    opts.events_per_file as u64,
                    opts.duplicate_rate,
                    start,
                )
            })
            .transpose()?;
        let sinks = Sinks::new(
            &clusters,
            capture_writer,
            jsonl.then(|| opts.out_dir.join("jsonl")),
            opts.events_per_file as u64,
            stream(seed, 7),
        );
        let mut total = 0;
        let cluster_weights = clusters
            .iter()
            .map(|c| {
                total += if c.is_aks() {
                    [5, 3, 2][c.index.min(2)]
                } else {
                    3
                };
                total
            })
            .collect();
        let mut scheduled = scheduled.into_iter();
        let next_scheduled = scheduled.next();
        Ok(Run {
            opts,
            background: Background::new(stream(seed, 5), &clusters),
            clusters,
            planted: plan.planted,
            scheduled,
            next_scheduled,
            timeline: Timeline::new(start, end, slots, stream(seed, 4)),
            sinks,
            pending: BinaryHeap::new(),
            pending_seq: 0,
            cluster_weights,
            mix: stream(seed, 8),
            event: String::with_capacity(64 * 1024),
            events: 0,
        })
    }

    fn pick_cluster(&mut self) -> usize {
        let total = self.cluster_weights.last().copied().unwrap_or(1);
        let x = self.mix.random_range(0..total);
        self.cluster_weights.partition_point(|&c| c <= x)
    }

    /// Writes scheduled (planted and background ARM) records due at or before `t`.
    fn flush_scheduled(&mut self, t: Option<Micros>) -> Result<()> {
        while let Some(s) = self.next_scheduled.take() {
            if t.is_some_and(|t| s.at > t) {
                self.next_scheduled = Some(s);
                break;
            }
            let c = &self.clusters[s.cluster];
            match &s.payload {
                Payload::Audit(json) => {
                    self.sinks.audit(c, s.at, json, s.item)?;
                    self.events += 1;
                }
                Payload::Arm(json) => self.sinks.arm(c, s.at, json, s.item)?,
            }
            self.next_scheduled = self.scheduled.next();
        }
        Ok(())
    }

    fn generate(&mut self, on_progress: &mut dyn FnMut(u64)) -> Result<()> {
        let mut next_progress = PROGRESS_EVERY;
        while let Some(t) = self.timeline.next() {
            self.flush_scheduled(Some(t))?;
            let cluster = self.pick_cluster();
            let due = self.pending.peek().is_some_and(|p| p.at <= t);
            if due && let Some(p) = self.pending.pop() {
                self.sinks
                    .audit(&self.clusters[p.cluster], p.at, &p.json, None)?;
                self.background.recycle(p.json);
            } else {
                let c = &self.clusters[cluster];
                self.event.clear();
                let later = self.background.next_event(c, t, &mut self.event);
                self.sinks.audit(c, t, &self.event, None)?;
                if let Some(l) = later {
                    self.pending_seq += 1;
                    self.pending.push(Pending {
                        at: l.at,
                        seq: self.pending_seq,
                        cluster,
                        json: l.json,
                    });
                }
            }
            self.events += 1;
            let c = &self.clusters[cluster];
            if c.is_aks() && self.mix.random_bool(NON_AUDIT_SHARE) {
                self.sinks.klog(c, t)?;
            }
            if self.events >= next_progress {
                on_progress(self.events);
                next_progress = self.events + PROGRESS_EVERY;
            }
        }
        self.flush_scheduled(None)?;
        on_progress(self.events);
        Ok(())
    }

    fn finish(self) -> Result<SynthSummary> {
        let totals = self.sinks.finish()?;
        let mut planted = self.planted;
        for &i in &totals.capture.planted_redelivered {
            if let Some(item) = planted.items.get_mut(i as usize) {
                item.deliveries += 1;
            }
        }
        write_manifest(&self.opts.out_dir.join("_planted.json"), &planted)?;
        let mut files = totals.files;
        files.sort();
        Ok(SynthSummary {
            files,
            events: self.events,
            records: totals.records,
            duplicates: totals.capture.duplicate_records,
            non_audit_records: totals.non_audit_records,
            arm_records: totals.arm_records,
            bytes: totals.bytes,
            planted,
        })
    }
}

/// Background activity-log traffic: users fetching cluster credentials a few times a day.
fn background_arm(
    clusters: &[Cluster],
    tenant: &str,
    start: Micros,
    end: Micros,
    mut rng: ChaCha8Rng,
) -> Vec<Scheduled> {
    let span_hours = ((end - start) / MICROS_PER_HOUR).max(1);
    let per_cluster = (span_hours * CREDENTIAL_FETCHES_PER_DAY / 24).max(1);
    let mut out = Vec::new();
    for c in clusters.iter().filter(|c| c.is_aks()) {
        for _ in 0..per_cluster {
            let t = rng.random_range(start..end);
            for spec in credential_fetch(&mut rng, c, tenant, t) {
                let record = arm_record(&spec, &uuid_string(rng.random()));
                out.push(Scheduled {
                    at: spec.time.min(end - 1),
                    cluster: c.index,
                    payload: Payload::Arm(record),
                    item: None,
                });
            }
        }
    }
    out
}

fn write_manifest(path: &Path, planted: &Planted) -> Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut w = BufWriter::new(file);
    serde_json::to_writer_pretty(&mut w, planted)
        .with_context(|| format!("writing {}", path.display()))?;
    w.write_all(b"\n")
        .and_then(|()| w.flush())
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests;
