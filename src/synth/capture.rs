//! Event Hubs Capture output: Avro object container files, one per partition per window, at
//! `{namespace}/{hub}/{partition}/{YYYY}/{MM}/{DD}/{HH}/{mm}/{ss}.avro`.
//!
//! The container is written by hand rather than with `apache_avro::Writer`: that writer encodes
//! the header metadata and map values from a `HashMap`, so its bytes change from run to run, and
//! going through `apache_avro::Value` would cost a copy of every body. The format is small: a
//! header (magic, metadata map, sync marker) and blocks of (count, size, data, marker).
//! Files are read back with `apache_avro::Reader` in the tests.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::DeflateEncoder;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::json::{Civil, MICROS_PER_MIN, MICROS_PER_SEC, Micros, push_u64, push_us_datetime};

/// The documented Event Hubs Capture writer schema, compact, as the service embeds it.
pub(crate) const CAPTURE_SCHEMA: &str = concat!(
    r#"{"type":"record","name":"EventData","namespace":"Microsoft.ServiceBus.Messaging","fields":["#,
    r#"{"name":"SequenceNumber","type":"long"},{"name":"Offset","type":"string"},"#,
    r#"{"name":"EnqueuedTimeUtc","type":"string"},"#,
    r#"{"name":"SystemProperties","type":{"type":"map","values":["long","double","string","bytes"]}},"#,
    r#"{"name":"Properties","type":{"type":"map","values":["long","double","string","bytes"]}},"#,
    r#"{"name":"Body","type":["null","bytes"]}]}"#
);

/// Uncompressed bytes collected before a block is written.
const BLOCK_TARGET: usize = 128 * 1024;
/// Bytes of pending re-deliveries kept per partition at most.
const REDELIVERY_CAP: usize = 64 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileCodec {
    Null,
    Deflate,
}

impl FileCodec {
    fn name(self) -> &'static str {
        match self {
            FileCodec::Null => "null",
            FileCodec::Deflate => "deflate",
        }
    }
}

/// Which codec each file gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodecPolicy {
    All(FileCodec),
    /// Every third file of a partition (the 2nd, 5th, ...) is deflate, the rest null.
    Mixed,
}

fn put_long(buf: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    loop {
        if z < 0x80 {
            buf.push(z as u8);
            return;
        }
        buf.push((z as u8 & 0x7f) | 0x80);
        z >>= 7;
    }
}

fn put_bytes(buf: &mut Vec<u8>, b: &[u8]) {
    put_long(buf, b.len() as i64);
    buf.extend_from_slice(b);
}

/// One Event Hubs message.
#[derive(Clone, Debug)]
pub(crate) struct Message {
    pub sequence: i64,
    pub offset: u64,
    pub enqueued: Micros,
    pub body: Vec<u8>,
    pub records: u64,
    /// Planted manifest indexes of the records in the body.
    pub planted: Vec<u32>,
}

fn encode_message(
    buf: &mut Vec<u8>,
    scratch: &mut String,
    sequence: i64,
    offset: u64,
    enqueued: Micros,
    body: &[u8],
) {
    let enqueued_ms = enqueued.div_euclid(1000);
    put_long(buf, sequence);
    scratch.clear();
    push_u64(scratch, offset);
    put_bytes(buf, scratch.as_bytes());
    scratch.clear();
    push_us_datetime(scratch, enqueued);
    put_bytes(buf, scratch.as_bytes());
    // SystemProperties: three entries, then the end-of-map marker.
    put_long(buf, 3);
    put_bytes(buf, b"x-opt-sequence-number");
    put_long(buf, 0); // union branch: long
    put_long(buf, sequence);
    put_bytes(buf, b"x-opt-offset");
    put_long(buf, 2); // union branch: string
    scratch.clear();
    push_u64(scratch, offset);
    put_bytes(buf, scratch.as_bytes());
    put_bytes(buf, b"x-opt-enqueued-time");
    put_long(buf, 0);
    put_long(buf, enqueued_ms);
    put_long(buf, 0);
    // Properties: empty map.
    put_long(buf, 0);
    // Body: union branch 1 (bytes).
    put_long(buf, 1);
    put_bytes(buf, body);
}

/// An open Avro container file.
struct AvroFile {
    path: PathBuf,
    /// Unbuffered: blocks are written whole (head, data, marker).
    out: File,
    codec: FileCodec,
    marker: [u8; 16],
    block: Vec<u8>,
    block_count: i64,
    compressed: Vec<u8>,
    events: u64,
}

impl AvroFile {
    fn create(path: PathBuf, codec: FileCodec, marker: [u8; 16]) -> Result<AvroFile> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating directory {}", dir.display()))?;
        }
        let mut out =
            File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut header = Vec::with_capacity(CAPTURE_SCHEMA.len() + 64);
        header.extend_from_slice(b"Obj\x01");
        put_long(&mut header, 2);
        put_bytes(&mut header, b"avro.codec");
        put_bytes(&mut header, codec.name().as_bytes());
        put_bytes(&mut header, b"avro.schema");
        put_bytes(&mut header, CAPTURE_SCHEMA.as_bytes());
        put_long(&mut header, 0);
        header.extend_from_slice(&marker);
        out.write_all(&header)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(AvroFile {
            path,
            out,
            codec,
            marker,
            block: Vec::with_capacity(BLOCK_TARGET + 64 * 1024),
            block_count: 0,
            compressed: Vec::new(),
            events: 0,
        })
    }

    fn append(&mut self, scratch: &mut String, m: &Message) -> Result<()> {
        self.append_parts(scratch, m.sequence, m.offset, m.enqueued, &m.body)
    }

    fn append_parts(
        &mut self,
        scratch: &mut String,
        sequence: i64,
        offset: u64,
        enqueued: Micros,
        body: &[u8],
    ) -> Result<()> {
        encode_message(&mut self.block, scratch, sequence, offset, enqueued, body);
        self.block_count += 1;
        if self.block.len() >= BLOCK_TARGET {
            self.flush_block()?;
        }
        Ok(())
    }

    fn flush_block(&mut self) -> Result<()> {
        if self.block_count == 0 {
            return Ok(());
        }
        let data: &[u8] = match self.codec {
            FileCodec::Null => &self.block,
            FileCodec::Deflate => {
                self.compressed.clear();
                let mut enc =
                    DeflateEncoder::new(std::mem::take(&mut self.compressed), Compression::fast());
                enc.write_all(&self.block)
                    .context("deflating an Avro block")?;
                self.compressed = enc.finish().context("deflating an Avro block")?;
                &self.compressed
            }
        };
        let mut head = Vec::with_capacity(20);
        put_long(&mut head, self.block_count);
        put_long(&mut head, data.len() as i64);
        let path = &self.path;
        let ctx = || format!("writing {}", path.display());
        self.out.write_all(&head).with_context(ctx)?;
        self.out.write_all(data).with_context(ctx)?;
        self.out.write_all(&self.marker).with_context(ctx)?;
        self.block.clear();
        self.block_count = 0;
        Ok(())
    }

    /// Flushes and closes; returns the path and the file size.
    fn finish(mut self) -> Result<(PathBuf, u64)> {
        self.flush_block()?;
        self.out
            .flush()
            .with_context(|| format!("writing {}", self.path.display()))?;
        let size = self
            .out
            .metadata()
            .with_context(|| format!("reading size of {}", self.path.display()))?
            .len();
        Ok((self.path, size))
    }
}

struct Partition {
    id: u32,
    next_sequence: i64,
    next_offset: u64,
    last_enqueued: Micros,
    /// Window-start second of the last file named (file names must be unique and increasing).
    last_name: Option<i64>,
    files_opened: u32,
    file: Option<AvroFile>,
    /// Messages of the open file to deliver again at the start of the next one.
    redeliver: Vec<Message>,
    redeliver_bytes: usize,
}

/// Totals of what the capture writer produced.
#[derive(Debug, Default)]
pub(crate) struct CaptureTotals {
    pub files: Vec<PathBuf>,
    pub bytes: u64,
    pub duplicate_records: u64,
    pub duplicate_messages: u64,
    /// Planted indexes delivered a second time (once per extra delivery).
    pub planted_redelivered: Vec<u32>,
}

/// Writes messages to partitions and rolls files.
pub(crate) struct CaptureWriter {
    root: PathBuf,
    partitions: Vec<Partition>,
    rng: ChaCha8Rng,
    policy: CodecPolicy,
    events_per_file: u64,
    duplicate_rate: f64,
    scratch: String,
    totals: CaptureTotals,
}

impl CaptureWriter {
    /// `root` is `<out>/capture/<namespace>/<hub>`. Writes the header-only files for the
    /// empty capture windows just before `start` right away.
    pub(crate) fn new(
        root: PathBuf,
        partitions: u32,
        mut rng: ChaCha8Rng,
        policy: CodecPolicy,
        events_per_file: u64,
        duplicate_rate: f64,
        start: Micros,
    ) -> Result<CaptureWriter> {
        let parts = (0..partitions)
            .map(|id| {
                let next_sequence = rng.random_range(10_000..5_000_000);
                Partition {
                    id,
                    next_sequence,
                    next_offset: next_sequence as u64 * 1_536 + rng.random_range(0..1_000),
                    last_enqueued: start,
                    last_name: None,
                    files_opened: 0,
                    file: None,
                    redeliver: Vec::new(),
                    redeliver_bytes: 0,
                }
            })
            .collect();
        let mut w = CaptureWriter {
            root,
            partitions: parts,
            rng,
            policy,
            events_per_file: events_per_file.max(1),
            duplicate_rate: duplicate_rate.clamp(0.0, 1.0),
            scratch: String::new(),
            totals: CaptureTotals::default(),
        };
        // Capture writes header-only files for windows without data: one on the first and one
        // on the last partition, five minutes before traffic starts.
        let empty_window = start - 5 * MICROS_PER_MIN;
        let last = w.partitions.len().saturating_sub(1);
        let mut empty = vec![0];
        if last != 0 {
            empty.push(last);
        }
        for p in empty {
            let file = w.open_file(p, empty_window)?;
            w.close(file)?;
        }
        Ok(w)
    }

    fn file_path(&self, partition: u32, second: i64) -> PathBuf {
        let c = Civil::from_micros(second * MICROS_PER_SEC);
        self.root.join(format!(
            "{partition}/{:04}/{:02}/{:02}/{:02}/{:02}/{:02}.avro",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        ))
    }

    fn open_file(&mut self, p: usize, window_start: Micros) -> Result<AvroFile> {
        let part = &self.partitions[p];
        let mut second = window_start.div_euclid(MICROS_PER_SEC);
        if let Some(last) = part.last_name {
            second = second.max(last + 1);
        }
        let codec = match self.policy {
            CodecPolicy::All(c) => c,
            CodecPolicy::Mixed if part.files_opened % 3 == 1 => FileCodec::Deflate,
            CodecPolicy::Mixed => FileCodec::Null,
        };
        let path = self.file_path(part.id, second);
        let marker: [u8; 16] = self.rng.random();
        let part = &mut self.partitions[p];
        part.last_name = Some(second);
        part.files_opened += 1;
        AvroFile::create(path, codec, marker)
    }

    /// Sends one message body (`records` records, `events` of them audit events, the newest
    /// stamped `newest`) to a partition chosen round-robin-at-random, as Event Hubs does without
    /// a partition key.
    pub(crate) fn send(
        &mut self,
        body: &str,
        newest: Micros,
        events: u64,
        records: u64,
        planted: &[u32],
    ) -> Result<()> {
        let p = self.rng.random_range(0..self.partitions.len());
        let latency = self.rng.random_range(800_000..9_000_000);
        let part = &mut self.partitions[p];
        let enqueued = (newest + latency).max(part.last_enqueued + 1_000);
        part.last_enqueued = enqueued;
        let sequence = part.next_sequence;
        part.next_sequence += 1;
        let offset = part.next_offset;
        part.next_offset += body.len() as u64 + 176;

        let mut file = match self.partitions[p].file.take() {
            Some(file) => file,
            None => {
                let mut file = self.open_file(p, enqueued)?;
                self.redeliver_into(p, &mut file)?;
                file
            }
        };
        file.append_parts(
            &mut self.scratch,
            sequence,
            offset,
            enqueued,
            body.as_bytes(),
        )?;
        file.events += events;

        let part = &mut self.partitions[p];
        if self.duplicate_rate > 0.0
            && part.redeliver_bytes < REDELIVERY_CAP
            && self.rng.random_bool(self.duplicate_rate)
        {
            part.redeliver_bytes += body.len();
            part.redeliver.push(Message {
                sequence,
                offset,
                enqueued,
                body: body.as_bytes().to_vec(),
                records,
                planted: planted.to_vec(),
            });
        }
        if file.events >= self.events_per_file {
            self.close(file)?;
        } else {
            part.file = Some(file);
        }
        Ok(())
    }

    /// Writes the partition's pending re-deliveries into `file`.
    fn redeliver_into(&mut self, p: usize, file: &mut AvroFile) -> Result<()> {
        let part = &mut self.partitions[p];
        for m in part.redeliver.drain(..) {
            file.append(&mut self.scratch, &m)?;
            self.totals.duplicate_records += m.records;
            self.totals.duplicate_messages += 1;
            self.totals
                .planted_redelivered
                .extend_from_slice(&m.planted);
        }
        part.redeliver_bytes = 0;
        Ok(())
    }

    fn close(&mut self, file: AvroFile) -> Result<()> {
        let (path, size) = file.finish()?;
        self.totals.files.push(path);
        self.totals.bytes += size;
        Ok(())
    }

    /// Closes open files; re-deliveries still pending go to one more file per partition.
    pub(crate) fn finish(mut self) -> Result<CaptureTotals> {
        for p in 0..self.partitions.len() {
            if let Some(f) = self.partitions[p].file.take() {
                self.close(f)?;
            }
            if self.partitions[p].redeliver.is_empty() {
                continue;
            }
            let window = self.partitions[p].last_enqueued + MICROS_PER_MIN;
            let mut file = self.open_file(p, window)?;
            self.redeliver_into(p, &mut file)?;
            self.close(file)?;
        }
        Ok(self.totals)
    }
}

/// The capture root for a namespace and hub under `out`.
pub(crate) fn capture_root(out: &Path, namespace: &str, hub: &str) -> PathBuf {
    out.join("capture").join(namespace).join(hub)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apache_avro::types::Value;
    use rand::SeedableRng;

    fn read_all(path: &Path) -> Vec<Value> {
        let f = File::open(path).expect("open avro");
        let reader = apache_avro::Reader::new(f).expect("avro header");
        reader.map(|v| v.expect("avro record")).collect()
    }

    #[test]
    fn writes_readable_capture_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let start = 1_800_000_000 * MICROS_PER_SEC;
        for policy in [
            CodecPolicy::All(FileCodec::Null),
            CodecPolicy::All(FileCodec::Deflate),
        ] {
            let root = dir.path().join(format!("{policy:?}"));
            let mut w = CaptureWriter::new(
                root,
                2,
                ChaCha8Rng::seed_from_u64(1),
                policy,
                50,
                0.5,
                start,
            )
            .expect("writer");
            for i in 0..40i64 {
                let body = format!("{{\"records\":[{{\"n\":{i}}}]}}");
                w.send(&body, start + i * MICROS_PER_SEC, 10, 1, &[])
                    .expect("send");
            }
            let totals = w.finish().expect("finish");
            assert!(totals.duplicate_records > 0);
            let mut seen = 0;
            let mut empty = 0;
            for f in &totals.files {
                let values = read_all(f);
                if values.is_empty() {
                    empty += 1;
                }
                for v in values {
                    let Value::Record(fields) = v else {
                        panic!("not a record")
                    };
                    assert_eq!(fields[0].0, "SequenceNumber");
                    let Value::Union(1, body) = &fields[5].1 else {
                        panic!("body")
                    };
                    let Value::Bytes(b) = body.as_ref() else {
                        panic!("bytes")
                    };
                    let _: serde_json::Value = serde_json::from_slice(b).expect("json body");
                    let Value::Map(sp) = &fields[3].1 else {
                        panic!("map")
                    };
                    assert!(sp.contains_key("x-opt-enqueued-time"));
                    seen += 1;
                }
            }
            assert_eq!(empty, 2);
            assert_eq!(seen as u64, 40 + totals.duplicate_messages);
        }
    }

    #[test]
    fn schema_is_the_documented_one() {
        let s = apache_avro::Schema::parse_str(CAPTURE_SCHEMA).expect("schema parses");
        let apache_avro::Schema::Record(r) = s else {
            panic!("record")
        };
        assert_eq!(
            r.name.fullname(None),
            "Microsoft.ServiceBus.Messaging.EventData"
        );
        assert_eq!(r.fields.len(), 6);
    }
}
