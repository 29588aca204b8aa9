//! Routes generated records to the outputs: per-cluster batching into `{"records":[...]}` bodies
//! for Event Hubs Capture (AKS clusters), and raw JSON lines (the on-prem cluster).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::GzBuilder;
use flate2::write::GzEncoder;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::capture::{CaptureTotals, CaptureWriter};
use super::json::{MICROS_PER_SEC, Micros};
use super::records::{LogForm, push_audit_record, push_klog_record};
use super::world::Cluster;

/// A body stays open at most this long before it is sent.
const MAX_BODY_AGE: Micros = 30 * MICROS_PER_SEC;
/// Share of audit records whose `properties.log` is an object instead of a string.
const OBJECT_LOG_SHARE: f64 = 0.01;

/// A body being filled for one cluster.
struct Batcher {
    body: String,
    records: u64,
    events: u64,
    target: u64,
    first: Micros,
    newest: Micros,
    planted: Vec<u32>,
}

impl Batcher {
    fn new(target: u64) -> Batcher {
        Batcher {
            body: String::with_capacity(128 * 1024),
            records: 0,
            events: 0,
            target,
            first: 0,
            newest: 0,
            planted: Vec::new(),
        }
    }
}

struct CaptureSide {
    writer: CaptureWriter,
    /// Indexed by cluster index; `None` for clusters that do not stream to Event Hubs.
    batchers: Vec<Option<Batcher>>,
    rng: ChaCha8Rng,
    /// Scratch for a klog line and for the record holding it.
    line: String,
    record: String,
}

impl CaptureSide {
    fn body_target(rng: &mut ChaCha8Rng) -> u64 {
        rng.random_range(1..=50)
    }

    fn send(&mut self, cluster: usize) -> Result<()> {
        let target = Self::body_target(&mut self.rng);
        let Some(b) = self.batchers[cluster].as_mut() else {
            return Ok(());
        };
        if b.records == 0 {
            return Ok(());
        }
        b.body.push_str("]}");
        self.writer
            .send(&b.body, b.newest, b.events, b.records, &b.planted)?;
        b.body.clear();
        b.records = 0;
        b.events = 0;
        b.planted.clear();
        b.target = target;
        Ok(())
    }

    /// Prepares the cluster's body for one more record at `t` and returns it.
    fn open(&mut self, cluster: usize, t: Micros) -> Result<&mut Batcher> {
        let stale = self.batchers[cluster]
            .as_ref()
            .is_some_and(|b| b.records > 0 && t - b.first > MAX_BODY_AGE);
        if stale {
            self.send(cluster)?;
        }
        let Some(b) = self.batchers[cluster].as_mut() else {
            anyhow::bail!("cluster {cluster} does not stream to Event Hubs");
        };
        if b.records == 0 {
            b.body.push_str("{\"records\":[");
            b.first = t;
        } else {
            b.body.push(',');
        }
        b.newest = b.newest.max(t);
        b.records += 1;
        Ok(b)
    }

    fn close(&mut self, cluster: usize) -> Result<()> {
        let full = self.batchers[cluster]
            .as_ref()
            .is_some_and(|b| b.records >= b.target);
        if full {
            self.send(cluster)?;
        }
        Ok(())
    }
}

enum JsonlOut {
    Plain(BufWriter<File>),
    Gzip(Box<GzEncoder<BufWriter<File>>>),
}

/// `audit-00001.log`, `audit-00002.log`, ... with every third file gzip-compressed.
struct JsonlWriter {
    dir: PathBuf,
    events_per_file: u64,
    index: u32,
    events_in_file: u64,
    out: Option<(PathBuf, JsonlOut)>,
    files: Vec<PathBuf>,
    bytes: u64,
}

impl JsonlWriter {
    fn open(&mut self) -> Result<(PathBuf, JsonlOut)> {
        self.index += 1;
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("creating directory {}", self.dir.display()))?;
        let gzip = self.index.is_multiple_of(3);
        let name = format!(
            "audit-{:05}.log{}",
            self.index,
            if gzip { ".gz" } else { "" }
        );
        let path = self.dir.join(name);
        let file = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let buf = BufWriter::with_capacity(256 * 1024, file);
        let out = if gzip {
            JsonlOut::Gzip(Box::new(GzBuilder::new().write(buf, Compression::fast())))
        } else {
            JsonlOut::Plain(buf)
        };
        self.events_in_file = 0;
        Ok((path, out))
    }

    fn close(&mut self, path: PathBuf, out: JsonlOut) -> Result<()> {
        let ctx = || format!("writing {}", path.display());
        let mut buf = match out {
            JsonlOut::Plain(b) => b,
            JsonlOut::Gzip(g) => g.finish().with_context(ctx)?,
        };
        buf.flush().with_context(ctx)?;
        self.bytes += buf.get_ref().metadata().with_context(ctx)?.len();
        self.files.push(path);
        Ok(())
    }

    fn write_event(&mut self, event: &str) -> Result<()> {
        let (path, mut out) = match self.out.take() {
            Some(open) => open,
            None => self.open()?,
        };
        let w: &mut dyn Write = match &mut out {
            JsonlOut::Plain(b) => b,
            JsonlOut::Gzip(g) => g.as_mut(),
        };
        w.write_all(event.as_bytes())
            .and_then(|()| w.write_all(b"\n"))
            .with_context(|| format!("writing {}", path.display()))?;
        self.events_in_file += 1;
        if self.events_in_file >= self.events_per_file {
            self.close(path, out)
        } else {
            self.out = Some((path, out));
            Ok(())
        }
    }

    fn finish(mut self) -> Result<(Vec<PathBuf>, u64)> {
        if let Some((path, out)) = self.out.take() {
            self.close(path, out)?;
        }
        Ok((self.files, self.bytes))
    }
}

/// What the sinks wrote.
#[derive(Debug, Default)]
pub(crate) struct SinkTotals {
    pub files: Vec<PathBuf>,
    pub bytes: u64,
    pub records: u64,
    pub non_audit_records: u64,
    pub arm_records: u64,
    pub capture: CaptureTotals,
}

pub(crate) struct Sinks {
    capture: Option<CaptureSide>,
    jsonl: Option<JsonlWriter>,
    records: u64,
    non_audit_records: u64,
    arm_records: u64,
}

impl Sinks {
    pub(crate) fn new(
        clusters: &[Cluster],
        capture: Option<CaptureWriter>,
        jsonl_dir: Option<PathBuf>,
        events_per_file: u64,
        mut rng: ChaCha8Rng,
    ) -> Sinks {
        let capture = capture.map(|writer| {
            let batchers = clusters
                .iter()
                .map(|c| {
                    c.is_aks()
                        .then(|| Batcher::new(CaptureSide::body_target(&mut rng)))
                })
                .collect();
            CaptureSide {
                writer,
                batchers,
                rng,
                line: String::new(),
                record: String::new(),
            }
        });
        let jsonl = jsonl_dir.map(|dir| JsonlWriter {
            dir,
            events_per_file: events_per_file.max(1),
            index: 0,
            events_in_file: 0,
            out: None,
            files: Vec::new(),
            bytes: 0,
        });
        Sinks {
            capture,
            jsonl,
            records: 0,
            non_audit_records: 0,
            arm_records: 0,
        }
    }

    /// One audit event of cluster `c` whose stage timestamp is `t`.
    pub(crate) fn audit(
        &mut self,
        c: &Cluster,
        t: Micros,
        event: &str,
        planted: Option<u32>,
    ) -> Result<()> {
        match (&c.aks, self.capture.as_mut(), self.jsonl.as_mut()) {
            (Some(aks), Some(cap), _) => {
                let form = if cap.rng.random_bool(OBJECT_LOG_SHARE) {
                    LogForm::Object
                } else {
                    LogForm::String
                };
                let apiserver = cap.rng.random_range(0..aks.apiserver_pods.len());
                let b = cap.open(c.index, t)?;
                push_audit_record(&mut b.body, c, aks, t, event, form, apiserver);
                b.events += 1;
                b.planted.extend(planted);
                cap.close(c.index)?;
            }
            (None, _, Some(jsonl)) => jsonl.write_event(event)?,
            _ => anyhow::bail!("no output for cluster {}", c.name),
        }
        self.records += 1;
        Ok(())
    }

    /// One non-audit control-plane log record (AKS clusters with capture output only).
    pub(crate) fn klog(&mut self, c: &Cluster, t: Micros) -> Result<()> {
        let (Some(aks), Some(cap)) = (&c.aks, self.capture.as_mut()) else {
            return Ok(());
        };
        let mut record = std::mem::take(&mut cap.record);
        record.clear();
        push_klog_record(&mut record, &mut cap.line, &mut cap.rng, c, aks, t);
        cap.open(c.index, t)?.body.push_str(&record);
        cap.record = record;
        cap.close(c.index)?;
        self.records += 1;
        self.non_audit_records += 1;
        Ok(())
    }

    /// One pre-rendered Azure activity-log record, sent with cluster `c`'s records.
    pub(crate) fn arm(
        &mut self,
        c: &Cluster,
        t: Micros,
        record: &str,
        planted: Option<u32>,
    ) -> Result<()> {
        let Some(cap) = self.capture.as_mut() else {
            return Ok(());
        };
        let b = cap.open(c.index, t)?;
        b.body.push_str(record);
        b.planted.extend(planted);
        cap.close(c.index)?;
        self.records += 1;
        self.arm_records += 1;
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<SinkTotals> {
        let mut totals = SinkTotals {
            records: self.records,
            non_audit_records: self.non_audit_records,
            arm_records: self.arm_records,
            ..SinkTotals::default()
        };
        if let Some(mut cap) = self.capture {
            for i in 0..cap.batchers.len() {
                cap.send(i)?;
            }
            let capture = cap.writer.finish()?;
            totals.files.extend(capture.files.iter().cloned());
            totals.bytes += capture.bytes;
            totals.capture = capture;
        }
        if let Some(jsonl) = self.jsonl {
            let (files, bytes) = jsonl.finish()?;
            totals.files.extend(files);
            totals.bytes += bytes;
        }
        Ok(totals)
    }
}
