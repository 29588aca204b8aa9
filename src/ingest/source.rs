//! Source files: finding them (files, folders, globs), opening them through `object_store`,
//! recognising their format (Avro capture, gzip, JSON lines, one JSON document) and feeding every
//! item to the dispatcher.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{GetResultPayload, ObjectStore, ObjectStoreExt};
use sha2::{Digest, Sha256};

use super::capture::{self, CaptureItem, DynBufRead, MAX_PAYLOAD};
use super::dispatch::{Sink, dispatch_json};
use super::json::{parse_timestamp_micros, push_json_string};
use super::row::Origin;

/// One input file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub store: Arc<dyn ObjectStore>,
    pub location: ObjectPath,
    /// `file:///...` URL, as recorded in the lake.
    pub url: String,
    pub size: u64,
}

/// File names a folder walk skips: hidden files and `_`-prefixed side files (`_SUCCESS`,
/// `_planted.json`), the convention Spark and Hadoop follow.
fn skipped_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

/// Whether a folder walk reads a file of this name: capture files (`.avro`, or no extension as
/// older capture layouts name them), JSON (`.json`, `.jsonl`, `.ndjson`), logs (`.log`, `.txt`,
/// rotated `.log.1`), any of these gzipped. Other files (READMEs, CSVs, schemas) are not data.
pub fn is_data_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    match stem.rsplit_once('.') {
        None => true,
        Some((_, ext)) => {
            matches!(
                ext,
                "avro" | "json" | "jsonl" | "ndjson" | "log" | "txt" | "audit"
            ) || (!ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()))
        }
    }
}

/// Expands files, folders (recursively) and globs into a sorted, de-duplicated list. Files named
/// explicitly are always read; folder walks skip hidden, `_`-prefixed and non-data files
/// ([`is_data_file_name`]), which are counted in the second value.
pub fn discover(inputs: &[String]) -> Result<(Vec<SourceFile>, u64)> {
    let mut ignored = 0u64;
    let store: Arc<dyn ObjectStore> = Arc::new(LocalFileSystem::new());
    let mut paths: Vec<PathBuf> = Vec::new();
    for input in inputs {
        let p = Path::new(input);
        if p.is_file() {
            paths.push(p.to_path_buf());
        } else if p.is_dir() {
            for entry in walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
            {
                let entry = entry.with_context(|| format!("cannot read folder {input}"))?;
                let name = entry.file_name().to_string_lossy();
                if entry.depth() > 0 && skipped_name(&name) {
                    if entry.file_type().is_file() {
                        ignored += 1;
                    }
                    continue;
                }
                if entry.file_type().is_file() {
                    if is_data_file_name(&name) {
                        paths.push(entry.into_path());
                    } else {
                        ignored += 1;
                    }
                }
            }
        } else if input.contains(['*', '?', '[']) {
            let mut any = false;
            for m in glob::glob(input).with_context(|| format!("invalid glob {input}"))? {
                let m = m?;
                if m.is_file() {
                    paths.push(m);
                    any = true;
                }
            }
            if !any {
                anyhow::bail!("no files match {input}");
            }
        } else {
            anyhow::bail!("no such file or folder: {input}");
        }
    }
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let abs =
            std::fs::canonicalize(&p).with_context(|| format!("cannot open {}", p.display()))?;
        let size = std::fs::metadata(&abs)?.len();
        let location = ObjectPath::from_absolute_path(&abs)
            .with_context(|| format!("bad path {}", abs.display()))?;
        let url = url::Url::from_file_path(&abs)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| abs.display().to_string());
        files.push(SourceFile {
            store: store.clone(),
            location,
            url,
            size,
        });
    }
    files.sort_by(|a, b| a.url.cmp(&b.url));
    files.dedup_by(|a, b| a.url == b.url);
    Ok((files, ignored))
}

/// Opens a file for streaming reads (local files directly, remote objects through a sync bridge).
pub fn open(file: &SourceFile, handle: &tokio::runtime::Handle) -> Result<DynBufRead> {
    let result = handle
        .block_on(file.store.get(&file.location))
        .with_context(|| format!("cannot open {}", file.url))?;
    Ok(match result.payload {
        GetResultPayload::File(f, _) => Box::new(BufReader::with_capacity(1 << 20, f)),
        GetResultPayload::Stream(stream) => {
            use futures::TryStreamExt;
            let reader = tokio_util::io::StreamReader::new(stream.map_err(std::io::Error::other));
            let bridge = tokio_util::io::SyncIoBridge::new_with_handle(reader, handle.clone());
            Box::new(BufReader::with_capacity(1 << 20, bridge))
        }
    })
}

/// SHA-256 of a file's content, hex.
pub fn sha256_of(file: &SourceFile, handle: &tokio::runtime::Handle) -> Result<String> {
    let mut reader = open(file, handle)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", file.url))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// The format recognised for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Capture,
    JsonLines,
    JsonDocument,
    Empty,
}

impl Format {
    pub fn name(self, gzip: bool) -> String {
        let base = match self {
            Format::Capture => "eventhubs-capture-avro",
            Format::JsonLines => "json-lines",
            Format::JsonDocument => "json-document",
            Format::Empty => "empty",
        };
        if gzip {
            format!("{base}+gzip")
        } else {
            base.to_string()
        }
    }
}

/// Largest single JSON document (a file that is not JSON lines) read into memory.
const MAX_DOCUMENT: u64 = 512 << 20;

/// Reads every item of a file into `sink`. Returns the format name.
pub fn read_file(
    mut reader: DynBufRead,
    size: Option<u64>,
    base: &Origin<'_>,
    sink: &mut dyn Sink,
) -> Result<String> {
    let head = reader.fill_buf()?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    if gzip {
        reader = Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(reader),
        ));
    }
    let head = reader.fill_buf()?;
    if head.is_empty() {
        return Ok(Format::Empty.name(gzip));
    }
    if head.starts_with(capture::MAGIC) {
        read_capture(reader, if gzip { None } else { size }, base, sink);
        return Ok(Format::Capture.name(gzip));
    }
    let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
    let format = read_text(reader, first == Some(b'['), base, sink)?;
    Ok(format.name(gzip))
}

fn read_capture(reader: DynBufRead, size: Option<u64>, base: &Origin<'_>, sink: &mut dyn Sink) {
    let capture = match capture::open(reader, size) {
        Ok(c) => c,
        Err(reason) => return sink.dead_letter("header", "avro", reason, &[]),
    };
    for item in capture {
        match item {
            CaptureItem::Damaged {
                position,
                reason,
                payload,
                bytes,
            } => {
                let reason = if bytes as usize > payload.len() {
                    format!("{reason} (first {} of {bytes} bytes kept)", payload.len())
                } else {
                    reason
                };
                sink.dead_letter(&position, "avro", reason, &payload);
            }
            CaptureItem::Message(msg) => {
                let Some(body) = msg.body else { continue };
                let mut hub = String::from("{\"EventHub\":{");
                if let Some(s) = msg.sequence_number {
                    hub.push_str(&format!("\"SequenceNumber\":{s},"));
                }
                if let Some(o) = msg.offset.as_deref() {
                    hub.push_str("\"Offset\":");
                    push_json_string(&mut hub, o);
                    hub.push(',');
                }
                if let Some(t) = msg.enqueued_time_utc.as_deref() {
                    hub.push_str("\"EnqueuedTimeUtc\":");
                    push_json_string(&mut hub, t);
                    hub.push(',');
                }
                if hub.ends_with(',') {
                    hub.pop();
                }
                hub.push_str("}}");
                let origin = Origin {
                    data_source: base.data_source,
                    audit_source: "eventhubs-capture",
                    cluster: base.cluster.clone(),
                    enqueued_time: msg.enqueued_time,
                    additional_fields: Some(hub),
                    position: msg.position.clone(),
                    foreign_json_is_non_audit: true,
                    ..Default::default()
                };
                body_item(&body, &origin, sink);
            }
        }
    }
}

/// One message body: optionally gzip, must be UTF-8 JSON.
fn body_item(body: &[u8], origin: &Origin<'_>, sink: &mut dyn Sink) {
    let decompressed;
    let body = if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        match flate2::read::MultiGzDecoder::new(body).read_to_end(&mut out) {
            Ok(_) => {
                decompressed = out;
                &decompressed[..]
            }
            Err(e) => {
                return sink.dead_letter(
                    &origin.position,
                    "body",
                    format!("gzip body cannot be decompressed: {e}"),
                    body,
                );
            }
        }
    } else {
        body
    };
    match std::str::from_utf8(body) {
        Ok(text) => dispatch_json(text, origin, sink),
        Err(e) => sink.dead_letter(
            &origin.position,
            "body",
            format!(
                "body is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
            body,
        ),
    }
}

/// Strips the `2023-01-01T00:00:00.000Z ` prefix CloudWatch Logs exports put before each message.
fn strip_export_prefix(line: &str) -> &str {
    if line.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && let Some(i) = line.find(" {")
        && parse_timestamp_micros(line[..i].trim()).is_some()
    {
        return &line[i + 1..];
    }
    line
}

fn read_text(
    mut reader: DynBufRead,
    array: bool,
    base: &Origin<'_>,
    sink: &mut dyn Sink,
) -> Result<Format> {
    if array {
        return read_document(reader, Vec::new(), base, sink);
    }
    let mut line = Vec::with_capacity(64 * 1024);
    let mut number = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        number += 1;
        let position = format!("line {number}");
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t.trim(),
            Err(e) => {
                sink.dead_letter(
                    &position,
                    "line",
                    format!(
                        "line is not UTF-8 (invalid byte at offset {})",
                        e.valid_up_to()
                    ),
                    &line,
                );
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        if number == 1 && (text == "{" || (text.starts_with('{') && !text.ends_with('}'))) {
            // A pretty-printed document, not JSON lines.
            let mut start = line.clone();
            start.truncate(n);
            return read_document(reader, start, base, sink);
        }
        let origin = Origin {
            position,
            ..base.clone()
        };
        dispatch_json(strip_export_prefix(text), &origin, sink);
    }
    Ok(Format::JsonLines)
}

fn read_document(
    reader: DynBufRead,
    start: Vec<u8>,
    base: &Origin<'_>,
    sink: &mut dyn Sink,
) -> Result<Format> {
    let mut bytes = start;
    reader.take(MAX_DOCUMENT + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DOCUMENT {
        let keep = bytes.len().min(MAX_PAYLOAD);
        sink.dead_letter(
            "document",
            "json",
            format!(
                "single JSON document larger than {} MiB; split it into JSON lines",
                MAX_DOCUMENT >> 20
            ),
            &bytes[..keep],
        );
        return Ok(Format::JsonDocument);
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let keep = bytes.len().min(MAX_PAYLOAD);
            sink.dead_letter(
                "document",
                "json",
                format!(
                    "document is not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
                &bytes[..keep],
            );
            return Ok(Format::JsonDocument);
        }
    };
    let stream =
        serde_json::Deserializer::from_str(text).into_iter::<&serde_json::value::RawValue>();
    for (doc, value) in stream.enumerate() {
        match value {
            Ok(v) => {
                let t = v.get();
                if t.starts_with('[') {
                    match serde_json::from_str::<Vec<&serde_json::value::RawValue>>(t) {
                        Ok(items) => {
                            for (i, item) in items.iter().enumerate() {
                                let origin = Origin {
                                    position: format!("document {doc} element {i}"),
                                    ..base.clone()
                                };
                                dispatch_json(item.get(), &origin, sink);
                            }
                        }
                        Err(e) => sink.dead_letter(
                            &format!("document {doc}"),
                            "json",
                            format!("invalid JSON array: {e}"),
                            t.as_bytes(),
                        ),
                    }
                } else {
                    let origin = Origin {
                        position: format!("document {doc}"),
                        ..base.clone()
                    };
                    dispatch_json(t, &origin, sink);
                }
            }
            Err(e) => {
                let keep = text.len().min(MAX_PAYLOAD);
                sink.dead_letter(
                    &format!("document {doc}"),
                    "json",
                    format!("invalid JSON document: {e}"),
                    &text.as_bytes()[..keep],
                );
                break;
            }
        }
    }
    Ok(Format::JsonDocument)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_prefix_is_stripped_only_before_json() {
        assert_eq!(
            strip_export_prefix("2023-01-01T00:00:00.000Z {\"a\":1}"),
            "{\"a\":1}"
        );
        assert_eq!(strip_export_prefix("{\"a\":1}"), "{\"a\":1}");
        assert_eq!(strip_export_prefix("12 {\"a\":1}"), "12 {\"a\":1}");
    }

    #[test]
    fn data_file_names() {
        for name in [
            "05",
            "33.avro",
            "audit.log",
            "audit.log.1",
            "a.jsonl.gz",
            "x.json",
            "e.ndjson",
        ] {
            assert!(is_data_file_name(name), "{name}");
        }
        for name in ["SOURCES.md", "columns.csv", "schema.avsc", "notes.md.gz"] {
            assert!(!is_data_file_name(name), "{name}");
        }
    }

    #[test]
    fn side_files_are_skipped_in_folder_walks() {
        assert!(skipped_name("_planted.json"));
        assert!(skipped_name(".hidden"));
        assert!(!skipped_name("05.avro"));
    }
}
