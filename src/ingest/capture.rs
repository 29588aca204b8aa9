//! Event Hubs Capture files: Avro object container files read block by block with the writer
//! schema embedded in each file (so the documented schema and the 2022 variant with an extra
//! `null` union branch both work), `null` and `deflate` codecs, header-only files.
//!
//! Damage is contained: a block whose sync marker, codec or records are broken is reported as a
//! [`CaptureItem::Damaged`] with its bytes, and reading resumes at the next sync marker, so every
//! message in the intact blocks around it is kept.

use std::collections::HashMap;
use std::io::{BufRead, ErrorKind, Read};
use std::str::FromStr;

use apache_avro::types::Value;
use apache_avro::{Codec, Schema};

use super::json::parse_us_enqueued_time;

/// The Avro object container magic.
pub const MAGIC: &[u8; 4] = b"Obj\x01";
/// Largest block accepted (a larger declared size means a damaged block header).
const MAX_BLOCK: u64 = 1 << 30;
/// Bytes of a damaged region kept in the dead-letter payload (the rest is counted).
pub const MAX_PAYLOAD: usize = 1 << 20;

/// One Event Hubs message.
#[derive(Debug, Default)]
pub struct CaptureMessage {
    pub body: Option<Vec<u8>>,
    /// Enqueued time, microseconds (from `x-opt-enqueued-time`, else `EnqueuedTimeUtc`).
    pub enqueued_time: Option<i64>,
    pub sequence_number: Option<i64>,
    pub offset: Option<String>,
    pub enqueued_time_utc: Option<String>,
    /// `block B record R`.
    pub position: String,
}

/// What the reader yields.
#[derive(Debug)]
pub enum CaptureItem {
    Message(CaptureMessage),
    Damaged {
        position: String,
        reason: String,
        payload: Vec<u8>,
        bytes: u64,
    },
}

/// Reads the messages of one capture file.
pub struct CaptureReader {
    reader: DynBufRead,
    schema: Schema,
    codec: Codec,
    marker: [u8; 16],
    /// Bytes consumed so far.
    pos: u64,
    /// Total file length when known (bounds declared block sizes).
    len: Option<u64>,
    block_index: u64,
    pending: std::collections::VecDeque<CaptureItem>,
    done: bool,
}

fn read_varint<R: Read>(r: &mut R, pos: &mut u64) -> std::io::Result<Option<i64>> {
    let mut value: u64 = 0;
    let mut shift = 0;
    let mut byte = [0u8; 1];
    loop {
        match r.read(&mut byte) {
            Ok(0) if shift == 0 => return Ok(None),
            Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        *pos += 1;
        value |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 63 {
            return Err(std::io::Error::new(
                ErrorKind::InvalidData,
                "varint too long",
            ));
        }
    }
    Ok(Some(((value >> 1) as i64) ^ -((value & 1) as i64)))
}

impl CaptureReader {
    /// Reads the header. `len` is the file's size if known.
    pub fn new(mut reader: DynBufRead, len: Option<u64>) -> Result<Self, String> {
        let mut magic = [0u8; 4];
        reader
            .read_exact(&mut magic)
            .map_err(|e| format!("cannot read Avro header: {e}"))?;
        if &magic != MAGIC {
            return Err("not an Avro object container file (bad magic)".into());
        }
        let meta = apache_avro::from_avro_datum(&Schema::map(Schema::Bytes), &mut reader, None)
            .map_err(|e| format!("damaged Avro header metadata: {e}"))?;
        let Value::Map(meta) = meta else {
            return Err("damaged Avro header metadata".into());
        };
        let get = |k: &str| -> Option<Vec<u8>> {
            match meta.get(k) {
                Some(Value::Bytes(b)) => Some(b.clone()),
                _ => None,
            }
        };
        let schema_json = get("avro.schema").ok_or("Avro header has no writer schema")?;
        let schema_text =
            String::from_utf8(schema_json).map_err(|_| "Avro writer schema is not UTF-8")?;
        let schema = Schema::parse_str(&schema_text)
            .map_err(|e| format!("invalid Avro writer schema: {e}"))?;
        let codec_name = get("avro.codec").map(|b| String::from_utf8_lossy(&b).into_owned());
        let codec = match codec_name.as_deref() {
            None | Some("null") => Codec::Null,
            Some(name) => {
                Codec::from_str(name).map_err(|_| format!("unsupported Avro codec `{name}`"))?
            }
        };
        let mut marker = [0u8; 16];
        reader
            .read_exact(&mut marker)
            .map_err(|e| format!("Avro header is truncated: {e}"))?;
        Ok(Self {
            reader,
            schema,
            codec,
            marker,
            pos: 0,
            len,
            block_index: 0,
            pending: Default::default(),
            done: false,
        })
    }

    fn damaged(&mut self, reason: String, mut payload: Vec<u8>) {
        let bytes = payload.len() as u64;
        payload.truncate(MAX_PAYLOAD);
        self.pending.push_back(CaptureItem::Damaged {
            position: format!("block {}", self.block_index),
            reason,
            payload,
            bytes,
        });
    }

    /// Skips forward to just past the next sync marker. `seen` holds bytes already read since the
    /// last good marker; they and everything skipped are reported as damaged.
    fn resync(&mut self, reason: String, mut seen: Vec<u8>) {
        let mut search_from = 0;
        loop {
            if let Some(i) = find(&seen[search_from..], &self.marker) {
                let end = search_from + i;
                let rest = seen.split_off(end + 16);
                seen.truncate(end);
                self.damaged(
                    format!(
                        "{reason}; skipped {} bytes to the next sync marker",
                        seen.len()
                    ),
                    seen,
                );
                if !rest.is_empty() {
                    // Bytes after the marker belong to the next block: put them back in front.
                    let old = std::mem::replace(&mut self.reader, Box::new(std::io::empty()));
                    let chained = std::io::Cursor::new(rest).chain(old);
                    self.reader = Box::new(std::io::BufReader::with_capacity(256 * 1024, chained));
                }
                return;
            }
            search_from = seen.len().saturating_sub(15);
            let mut chunk = vec![0u8; 64 * 1024];
            match self.reader.read(&mut chunk) {
                Ok(0) | Err(_) => {
                    self.damaged(
                        format!("{reason}; no sync marker until the end of the file"),
                        seen,
                    );
                    self.done = true;
                    return;
                }
                Ok(n) => {
                    self.pos += n as u64;
                    seen.extend_from_slice(&chunk[..n]);
                }
            }
        }
    }

    fn read_block(&mut self) {
        self.block_index += 1;
        let count = match read_varint(&mut self.reader, &mut self.pos) {
            Ok(None) => {
                self.done = true;
                return;
            }
            Ok(Some(c)) => c,
            Err(e) => {
                self.damaged(format!("truncated block header: {e}"), Vec::new());
                self.done = true;
                return;
            }
        };
        let size = match read_varint(&mut self.reader, &mut self.pos) {
            Ok(Some(s)) => s,
            Ok(None) | Err(_) => {
                self.damaged("file ends inside a block header".into(), Vec::new());
                self.done = true;
                return;
            }
        };
        let remaining = self.len.map(|l| l.saturating_sub(self.pos));
        if count < 0
            || size < 0
            || size as u64 > MAX_BLOCK
            || remaining.is_some_and(|r| size as u64 > r)
        {
            let reason = format!("damaged block header (count {count}, size {size})");
            return self.resync(reason, Vec::new());
        }
        let mut data = vec![0u8; size as usize];
        let mut filled = 0;
        while filled < data.len() {
            match self.reader.read(&mut data[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        self.pos += filled as u64;
        if filled < data.len() {
            data.truncate(filled);
            self.damaged(
                format!("truncated file: block declares {size} bytes, {filled} present ({count} messages lost)"),
                data,
            );
            self.done = true;
            return;
        }
        let mut marker = [0u8; 16];
        if self.reader.read_exact(&mut marker).is_err() {
            self.damaged(
                format!("truncated file: block of {count} messages has no sync marker"),
                data,
            );
            self.done = true;
            return;
        }
        self.pos += 16;
        if marker != self.marker {
            // The block's bytes or its marker are damaged: drop this block and try the next one
            // where it should start (a damaged header there triggers a resync).
            data.extend_from_slice(&marker);
            return self.damaged(
                format!("sync marker mismatch: block of {count} messages dropped"),
                data,
            );
        }
        // On failure the codec leaves `data` as it was: the compressed bytes are the payload.
        if let Err(e) = self.codec.decompress(&mut data) {
            return self.damaged(
                format!("cannot decompress block ({count} messages): {e}"),
                data,
            );
        }
        let mut slice: &[u8] = &data;
        for i in 0..count {
            let before = slice.len();
            match apache_avro::from_avro_datum(&self.schema, &mut slice, None) {
                Ok(value) => {
                    let position = format!("block {} record {i}", self.block_index);
                    self.pending
                        .push_back(CaptureItem::Message(message_from_value(value, position)));
                }
                Err(e) => {
                    let rest = data[data.len() - before..].to_vec();
                    self.damaged(
                        format!(
                            "record {i} of {count} cannot be decoded ({} messages lost): {e}",
                            count - i
                        ),
                        rest,
                    );
                    break;
                }
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8; 16]) -> Option<usize> {
    haystack.windows(16).position(|w| w == needle)
}

/// The boxed reader every input is read through.
pub type DynBufRead = Box<dyn BufRead + Send>;

impl Iterator for CaptureReader {
    type Item = CaptureItem;

    fn next(&mut self) -> Option<CaptureItem> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            self.read_block();
        }
    }
}

fn unwrap_union(v: Value) -> Value {
    match v {
        Value::Union(_, inner) => unwrap_union(*inner),
        other => other,
    }
}

fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Long(l) => Some(*l),
        Value::Int(i) => Some(i64::from(*i)),
        Value::TimestampMillis(t) | Value::TimestampMicros(t) => Some(*t),
        Value::String(s) => s.parse().ok(),
        Value::Double(d) => Some(*d as i64),
        _ => None,
    }
}

fn as_string(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Long(l) => Some(l.to_string()),
        Value::Bytes(b) => String::from_utf8(b).ok(),
        _ => None,
    }
}

fn message_from_value(value: Value, position: String) -> CaptureMessage {
    let mut msg = CaptureMessage {
        position,
        ..Default::default()
    };
    let Value::Record(fields) = value else {
        return msg;
    };
    let mut system: HashMap<String, Value> = HashMap::new();
    for (name, v) in fields {
        let v = unwrap_union(v);
        match name.as_str() {
            "Body" => {
                msg.body = match v {
                    Value::Bytes(b) | Value::Fixed(_, b) => Some(b),
                    Value::String(s) => Some(s.into_bytes()),
                    _ => None,
                }
            }
            "SequenceNumber" => msg.sequence_number = as_i64(&v),
            "Offset" => msg.offset = as_string(v),
            "EnqueuedTimeUtc" => msg.enqueued_time_utc = as_string(v),
            "SystemProperties" => {
                if let Value::Map(m) = v {
                    system = m;
                }
            }
            _ => {}
        }
    }
    let precise = system
        .remove("x-opt-enqueued-time")
        .map(unwrap_union)
        .and_then(|v| as_i64(&v))
        .map(|ms| ms * 1000);
    msg.enqueued_time = precise.or_else(|| {
        msg.enqueued_time_utc
            .as_deref()
            .and_then(parse_us_enqueued_time)
    });
    msg
}

/// Opens a capture reader over a boxed buffered reader.
pub fn open(reader: DynBufRead, len: Option<u64>) -> Result<CaptureReader, String> {
    CaptureReader::new(reader, len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apache_avro::Writer;
    use apache_avro::types::Record;

    const SCHEMA: &str = r#"{"type":"record","name":"EventData","namespace":"Microsoft.ServiceBus.Messaging","fields":[{"name":"SequenceNumber","type":"long"},{"name":"Offset","type":"string"},{"name":"EnqueuedTimeUtc","type":"string"},{"name":"SystemProperties","type":{"type":"map","values":["long","double","string","bytes"]}},{"name":"Properties","type":{"type":"map","values":["long","double","string","bytes","null"]}},{"name":"Body","type":["null","bytes"]}]}"#;

    fn write_file(codec: Codec, blocks: &[usize]) -> Vec<u8> {
        let schema = Schema::parse_str(SCHEMA).unwrap();
        let mut writer = Writer::with_codec(&schema, Vec::new(), codec);
        let mut seq = 0i64;
        for &n in blocks {
            for _ in 0..n {
                let mut r = Record::new(writer.schema()).unwrap();
                r.put("SequenceNumber", seq);
                r.put("Offset", seq.to_string());
                r.put("EnqueuedTimeUtc", "11/20/2026 1:00:00 PM");
                r.put(
                    "SystemProperties",
                    HashMap::from([(
                        "x-opt-enqueued-time".to_string(),
                        Value::Union(0, Box::new(Value::Long(1_795_000_000_000 + seq))),
                    )]),
                );
                r.put("Properties", HashMap::<String, Value>::new());
                r.put(
                    "Body",
                    Value::Union(
                        1,
                        Box::new(Value::Bytes(format!("{{\"n\":{seq}}}").into_bytes())),
                    ),
                );
                writer.append(r).unwrap();
                seq += 1;
            }
            writer.flush().unwrap();
        }
        writer.into_inner().unwrap()
    }

    fn read_all(bytes: Vec<u8>) -> (Vec<CaptureMessage>, Vec<String>) {
        let len = bytes.len() as u64;
        let reader: DynBufRead = Box::new(std::io::Cursor::new(bytes));
        let r = open(reader, Some(len)).unwrap();
        let mut msgs = Vec::new();
        let mut damaged = Vec::new();
        for item in r {
            match item {
                CaptureItem::Message(m) => msgs.push(m),
                CaptureItem::Damaged { reason, .. } => damaged.push(reason),
            }
        }
        (msgs, damaged)
    }

    #[test]
    fn reads_null_and_deflate() {
        for codec in [Codec::Null, Codec::Deflate(Default::default())] {
            let (msgs, damaged) = read_all(write_file(codec, &[3, 2]));
            assert!(damaged.is_empty(), "{damaged:?}");
            assert_eq!(msgs.len(), 5);
            assert_eq!(msgs[4].sequence_number, Some(4));
            assert_eq!(msgs[4].enqueued_time, Some((1_795_000_000_000 + 4) * 1000));
            assert_eq!(msgs[0].body.as_deref(), Some(&b"{\"n\":0}"[..]));
        }
    }

    #[test]
    fn header_only_file_has_no_messages() {
        let (msgs, damaged) = read_all(write_file(Codec::Null, &[]));
        assert!(msgs.is_empty() && damaged.is_empty());
    }

    #[test]
    fn truncated_file_keeps_earlier_blocks() {
        let bytes = write_file(Codec::Null, &[3, 3, 3]);
        let cut = bytes.len() - 20;
        let (msgs, damaged) = read_all(bytes[..cut].to_vec());
        assert_eq!(msgs.len(), 6);
        assert_eq!(damaged.len(), 1);
        assert!(damaged[0].contains("truncated"), "{damaged:?}");
    }

    #[test]
    fn corrupt_middle_block_is_skipped_and_reading_resumes() {
        let bytes = write_file(Codec::Null, &[3, 3, 3]);
        // Find the second block's marker occurrence and damage bytes inside block 2.
        let marker: [u8; 16] = bytes[bytes.len() - 16..].try_into().unwrap();
        let positions: Vec<usize> = bytes
            .windows(16)
            .enumerate()
            .filter(|(_, w)| *w == marker)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(positions.len(), 4, "header + 3 blocks");
        let mut damaged_bytes = bytes.clone();
        // Corrupt the sync marker that ends block 2.
        damaged_bytes[positions[2] + 3] ^= 0xff;
        let (msgs, damaged) = read_all(damaged_bytes);
        assert_eq!(msgs.len(), 6, "blocks 1 and 3 survive");
        assert_eq!(damaged.len(), 1, "{damaged:?}");
        assert!(damaged[0].contains("sync marker"), "{damaged:?}");
        assert_eq!(msgs[3].sequence_number, Some(6));
    }
}
