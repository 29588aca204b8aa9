//! `kql_hash(op, ...)`: hashes (`hash`/`hash_xxhash64`, `hash_sha1`, `hash_crc32`) and
//! encodings (Unicode code points, punycode, base64 of GUIDs and byte arrays, gzip and zlib as
//! base64).
//!
//! A hashed value is hashed as its text (`tostring()`), in UTF-8.

use std::io::{Read, Write};

use serde_json::Value;

use super::rowwise::{Kind, Op, Ret, arg, long, text, to_text};

// ---------------------------------------------------------------------------------------------
// xxHash64, SHA-1, CRC-32.
// ---------------------------------------------------------------------------------------------

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;
const P5: u64 = 0x27D4_EB2F_1656_67C5;

fn read_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

fn read_u32(b: &[u8]) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    u32::from_le_bytes(a)
}

fn round(acc: u64, input: u64) -> u64 {
    acc.wrapping_add(input.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

fn merge(acc: u64, val: u64) -> u64 {
    (acc ^ round(0, val)).wrapping_mul(P1).wrapping_add(P4)
}

/// xxHash64 of `data` with seed 0.
pub fn xxh64(data: &[u8]) -> u64 {
    let seed = 0u64;
    let len = data.len();
    let mut rest = data;
    let mut h: u64;
    if len >= 32 {
        let mut v1 = seed.wrapping_add(P1).wrapping_add(P2);
        let mut v2 = seed.wrapping_add(P2);
        let mut v3 = seed;
        let mut v4 = seed.wrapping_sub(P1);
        while rest.len() >= 32 {
            v1 = round(v1, read_u64(rest));
            v2 = round(v2, read_u64(&rest[8..]));
            v3 = round(v3, read_u64(&rest[16..]));
            v4 = round(v4, read_u64(&rest[24..]));
            rest = &rest[32..];
        }
        h = v1
            .rotate_left(1)
            .wrapping_add(v2.rotate_left(7))
            .wrapping_add(v3.rotate_left(12))
            .wrapping_add(v4.rotate_left(18));
        h = merge(h, v1);
        h = merge(h, v2);
        h = merge(h, v3);
        h = merge(h, v4);
    } else {
        h = seed.wrapping_add(P5);
    }
    h = h.wrapping_add(len as u64);
    while rest.len() >= 8 {
        h ^= round(0, read_u64(rest));
        h = h.rotate_left(27).wrapping_mul(P1).wrapping_add(P4);
        rest = &rest[8..];
    }
    if rest.len() >= 4 {
        h ^= u64::from(read_u32(rest)).wrapping_mul(P1);
        h = h.rotate_left(23).wrapping_mul(P2).wrapping_add(P3);
        rest = &rest[4..];
    }
    for &b in rest {
        h ^= u64::from(b).wrapping_mul(P5);
        h = h.rotate_left(11).wrapping_mul(P1);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^= h >> 32;
    h
}

/// SHA-1 of `data`.
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let (mut a, mut b, mut c, mut d, mut e) = (h[0], h[1], h[2], h[3], h[4]);
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        h[0] = h[0].wrapping_add(a);
        h[1] = h[1].wrapping_add(b);
        h[2] = h[2].wrapping_add(c);
        h[3] = h[3].wrapping_add(d);
        h[4] = h[4].wrapping_add(e);
    }
    let mut out = [0u8; 20];
    for (i, v) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

/// CRC-32 (IEEE) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// .NET ticks (100 ns since 0001-01-01) of microseconds since the Unix epoch.
const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;

/// The bytes `hash()` hashes: a string's UTF-8; a long's, a datetime's or a timespan's ticks and
/// a real's bits as 8 little-endian bytes.
fn hash_bytes(kind: &str, v: &Value) -> Option<Vec<u8>> {
    Some(match kind {
        "text" => to_text(v).into_bytes(),
        "long" => long(v)?.to_le_bytes().to_vec(),
        "datetime" => long(v)?
            .checked_mul(10)?
            .checked_add(UNIX_EPOCH_TICKS)?
            .to_le_bytes()
            .to_vec(),
        "timespan" => long(v)?.checked_mul(10)?.to_le_bytes().to_vec(),
        "real" => super::rowwise::num(v)?.to_le_bytes().to_vec(),
        _ => return None,
    })
}

/// `hash(value[, mod])`: xxHash64 of the value (see [`hash_bytes`]), as a long (the unsigned
/// hash modulo `mod` when given).
fn hash(args: &[Value], kind: &str) -> Value {
    let v = arg(args, 0);
    if v.is_null() {
        return Value::Null;
    }
    let Some(bytes) = hash_bytes(kind, v) else {
        return Value::Null;
    };
    let h = xxh64(&bytes);
    match args.get(1) {
        None | Some(Value::Null) => Value::from(h as i64),
        Some(m) => match long(m) {
            Some(m) if m > 0 => Value::from((h % m as u64) as i64),
            _ => Value::Null,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Base64.
// ---------------------------------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 (padding optional); `None` when the text is not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6).then_some(out)
}

/// The text `hash_sha1()` and `hash_crc32()` hash: a datetime in Kusto's round-trip form
/// (`2020-01-01T00:00:00.0000000Z`), anything else its `tostring()`.
fn digest_text(args: &[Value], datetime: bool) -> Option<String> {
    let v = arg(args, 0);
    if !datetime {
        return Some(to_text(v));
    }
    let micros = long(v)?;
    let t = chrono::DateTime::<chrono::Utc>::from_timestamp_micros(micros)?;
    Some(format!(
        "{}.{:07}Z",
        t.format("%Y-%m-%dT%H:%M:%S"),
        micros.rem_euclid(1_000_000) * 10
    ))
}

/// The bytes of a GUID in .NET's order (the first three fields little-endian).
fn guid_bytes(text: &str) -> Option<[u8; 16]> {
    let hex: String = text
        .trim()
        .trim_matches(|c| c == '{' || c == '}')
        .chars()
        .filter(|c| *c != '-')
        .collect();
    if hex.len() != 32 {
        return None;
    }
    let mut b = [0u8; 16];
    for (i, byte) in b.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    b[0..4].reverse();
    b[4..6].reverse();
    b[6..8].reverse();
    Some(b)
}

fn guid_text(mut b: [u8; 16]) -> String {
    b[0..4].reverse();
    b[4..6].reverse();
    b[6..8].reverse();
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

// ---------------------------------------------------------------------------------------------
// Compression.
// ---------------------------------------------------------------------------------------------

/// gzip with the header .NET writes (no name, no time, no extra flags, unknown OS) around
/// stored deflate blocks.
fn gzip_compress(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::none());
    e.write_all(data).ok()?;
    out.extend(e.finish().ok()?);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    Some(out)
}

fn gzip_decompress(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn zlib_compress(data: &[u8]) -> Option<Vec<u8>> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::none());
    e.write_all(data).ok()?;
    e.finish().ok()
}

fn zlib_decompress(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn compress(args: &[Value], f: fn(&[u8]) -> Option<Vec<u8>>) -> Value {
    match text(arg(args, 0)) {
        Some(s) => Value::String(f(s.as_bytes()).map_or(String::new(), |b| base64_encode(&b))),
        None => Value::String(String::new()),
    }
}

fn decompress(args: &[Value], f: fn(&[u8]) -> Option<Vec<u8>>) -> Value {
    let out = text(arg(args, 0))
        .and_then(base64_decode)
        .and_then(|b| f(&b))
        .and_then(|b| String::from_utf8(b).ok());
    Value::String(out.unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Punycode (RFC 3492).
// ---------------------------------------------------------------------------------------------

const BASE: u32 = 36;
const TMIN: u32 = 1;
const TMAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

fn adapt(mut delta: u32, num_points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / num_points;
    let mut k = 0;
    while delta > ((BASE - TMIN) * TMAX) / 2 {
        delta /= BASE - TMIN;
        k += BASE;
    }
    k + (((BASE - TMIN + 1) * delta) / (delta + SKEW))
}

fn digit(d: u32) -> char {
    (if d < 26 {
        b'a' + d as u8
    } else {
        b'0' + (d - 26) as u8
    }) as char
}

/// The punycode of a string (without the `xn--` prefix).
pub fn punycode_encode(input: &str) -> Option<String> {
    let chars: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut h = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    while (h as usize) < chars.len() {
        let m = *chars.iter().filter(|&&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(h + 1)?)?;
        n = m;
        for &c in &chars {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

/// The string a punycode text (without `xn--`) encodes.
pub fn punycode_decode(input: &str) -> Option<String> {
    let (basic, rest) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut bytes = rest.bytes().peekable();
    while bytes.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let c = bytes.next()?;
            let d = match c {
                b'a'..=b'z' => u32::from(c - b'a'),
                b'A'..=b'Z' => u32::from(c - b'A'),
                b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(out.into_iter().collect())
}

/// The labels of a domain name (dots, including the ideographic full stops IDNA accepts).
fn labels(domain: &str) -> impl Iterator<Item = &str> {
    domain.split(['.', '\u{3002}', '\u{ff0e}', '\u{ff61}'])
}

fn domain_encode(domain: &str) -> Option<String> {
    let labels: Option<Vec<String>> = labels(domain)
        .map(|l| {
            if l.is_ascii() {
                Some(l.to_string())
            } else {
                punycode_encode(l).map(|p| format!("xn--{p}"))
            }
        })
        .collect();
    Some(labels?.join("."))
}

fn domain_decode(domain: &str) -> Option<String> {
    let labels: Option<Vec<String>> = labels(domain)
        .map(|l| match l.get(..4) {
            Some(p) if p.eq_ignore_ascii_case("xn--") => punycode_decode(&l[4..]),
            _ => Some(l.to_string()),
        })
        .collect();
    Some(labels?.join("."))
}

fn string_op(args: &[Value], f: fn(&str) -> Option<String>) -> Value {
    Value::String(text(arg(args, 0)).and_then(f).unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Unicode code points.
// ---------------------------------------------------------------------------------------------

fn codepoints_to_string(args: &[Value]) -> Value {
    let mut out = String::new();
    for v in args {
        let items: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            v => vec![v],
        };
        for item in items {
            match long(item)
                .and_then(|c| u32::try_from(c).ok())
                .and_then(char::from_u32)
            {
                Some(c) => out.push(c),
                None => return Value::Null,
            }
        }
    }
    Value::String(out)
}

const S: &[Kind] = &[Kind::Str];
const D: &[Kind] = &[Kind::Dynamic];

/// `hash_combine(h1, h2, ...)`: the xxHash64 of the hashes' 8-byte little-endian forms, in
/// order; null when one is null. (Kusto's combining function is not published: kqlhunt's is
/// stable across runs and versions, but its numbers are not Kusto's.)
fn hash_combine(args: &[Value]) -> Value {
    let mut bytes = Vec::with_capacity(args.len() * 8);
    for v in args {
        match long(v) {
            Some(h) => bytes.extend_from_slice(&h.to_le_bytes()),
            None => return Value::Null,
        }
    }
    Value::from(xxh64(&bytes) as i64)
}

const OPS: &[Op] = &[
    Op {
        name: "hash_combine",
        args: &[Kind::Long],
        ret: Ret::Long,
        f: hash_combine,
    },
    Op {
        name: "hash",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Long,
        f: |a| hash(a, "text"),
    },
    Op {
        name: "hash_long",
        args: &[Kind::Long],
        ret: Ret::Long,
        f: |a| hash(a, "long"),
    },
    Op {
        name: "hash_datetime",
        args: &[Kind::Long],
        ret: Ret::Long,
        f: |a| hash(a, "datetime"),
    },
    Op {
        name: "hash_timespan",
        args: &[Kind::Long],
        ret: Ret::Long,
        f: |a| hash(a, "timespan"),
    },
    Op {
        name: "hash_real",
        args: &[Kind::Real, Kind::Long],
        ret: Ret::Long,
        f: |a| hash(a, "real"),
    },
    Op {
        name: "hash_sha1",
        args: D,
        ret: Ret::Str,
        f: |a| {
            Value::String(digest_text(a, false).map_or(String::new(), |t| hex(&sha1(t.as_bytes()))))
        },
    },
    Op {
        name: "hash_sha1_datetime",
        args: &[Kind::Long],
        ret: Ret::Str,
        f: |a| {
            Value::String(digest_text(a, true).map_or(String::new(), |t| hex(&sha1(t.as_bytes()))))
        },
    },
    Op {
        name: "hash_crc32",
        args: D,
        ret: Ret::Long,
        f: |a| match digest_text(a, false) {
            Some(t) => Value::from(i64::from(crc32(t.as_bytes()) as i32)),
            None => Value::Null,
        },
    },
    Op {
        name: "hash_crc32_datetime",
        args: &[Kind::Long],
        ret: Ret::Long,
        f: |a| match digest_text(a, true) {
            Some(t) => Value::from(i64::from(crc32(t.as_bytes()) as i32)),
            None => Value::Null,
        },
    },
    Op {
        name: "unicode_codepoints_from_string",
        args: S,
        ret: Ret::Dynamic,
        f: |a| match text(arg(a, 0)) {
            Some(s) => Value::from(s.chars().map(u32::from).collect::<Vec<_>>()),
            None => Value::Null,
        },
    },
    Op {
        name: "unicode_codepoints_to_string",
        args: D,
        ret: Ret::Str,
        f: codepoints_to_string,
    },
    Op {
        name: "punycode_from_string",
        args: S,
        ret: Ret::Str,
        f: |a| string_op(a, punycode_encode),
    },
    Op {
        name: "punycode_to_string",
        args: S,
        ret: Ret::Str,
        f: |a| string_op(a, punycode_decode),
    },
    Op {
        name: "punycode_domain_from_string",
        args: S,
        ret: Ret::Str,
        f: |a| string_op(a, domain_decode),
    },
    Op {
        name: "punycode_domain_to_string",
        args: S,
        ret: Ret::Str,
        f: |a| string_op(a, domain_encode),
    },
    Op {
        name: "base64_encode_fromguid",
        args: S,
        ret: Ret::Str,
        f: |a| {
            Value::String(
                text(arg(a, 0))
                    .and_then(guid_bytes)
                    .map_or(String::new(), |b| base64_encode(&b)),
            )
        },
    },
    Op {
        name: "base64_decode_toguid",
        args: S,
        ret: Ret::Guid,
        f: |a| {
            let bytes = text(arg(a, 0)).and_then(base64_decode);
            match bytes.and_then(|b| <[u8; 16]>::try_from(b).ok()) {
                Some(b) => Value::String(guid_text(b)),
                None => Value::Null,
            }
        },
    },
    Op {
        name: "base64_decode_toarray",
        args: S,
        ret: Ret::Dynamic,
        f: |a| match text(arg(a, 0)).and_then(base64_decode) {
            Some(b) => Value::from(b),
            None => Value::Null,
        },
    },
    Op {
        name: "base64_encode_fromarray",
        args: D,
        ret: Ret::Str,
        f: |a| {
            let bytes: Option<Vec<u8>> = arg(a, 0).as_array().and_then(|items| {
                items
                    .iter()
                    .map(|v| long(v).and_then(|b| u8::try_from(b).ok()))
                    .collect()
            });
            Value::String(bytes.map_or(String::new(), |b| base64_encode(&b)))
        },
    },
    Op {
        name: "gzip_compress_to_base64_string",
        args: S,
        ret: Ret::Str,
        f: |a| compress(a, gzip_compress),
    },
    Op {
        name: "gzip_decompress_from_base64_string",
        args: S,
        ret: Ret::Str,
        f: |a| decompress(a, gzip_decompress),
    },
    Op {
        name: "zlib_compress_to_base64_string",
        args: S,
        ret: Ret::Str,
        f: |a| compress(a, zlib_compress),
    },
    Op {
        name: "zlib_decompress_from_base64_string",
        args: S,
        ret: Ret::Str,
        f: |a| decompress(a, zlib_decompress),
    },
];

/// Every operation of `kql_hash`.
pub fn ops() -> &'static [Op] {
    OPS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(xxh64(b""), 0xEF46_DB37_51D8_E999);
        assert_eq!(xxh64(b"World"), 1_846_988_464_401_551_951);
        assert_eq!(
            hex(&sha1(b"World")),
            "70c07ec18ef89c5309bbb0937f3a6342411e1fdd"
        );
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(base64_encode(b"Kusto"), "S3VzdG8=");
        assert_eq!(base64_decode("S3VzdG8=").as_deref(), Some(&b"Kusto"[..]));
    }

    #[test]
    fn punycode_round_trip() {
        assert_eq!(
            punycode_encode("académie-française").as_deref(),
            Some("acadmie-franaise-npb1a")
        );
        assert_eq!(
            punycode_decode("acadmie-franaise-npb1a").as_deref(),
            Some("académie-française")
        );
        assert_eq!(punycode_encode("艺术").as_deref(), Some("cqv902d"));
        assert_eq!(
            domain_decode("xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com").as_deref(),
            Some("Rúyì.Jīngū.Bàng.com")
        );
    }

    #[test]
    fn guids() {
        let b = guid_bytes("ae3133f2-6e22-49ae-b06a-16e6a9b212eb").unwrap_or([0; 16]);
        assert_eq!(base64_encode(&b), "8jMxriJurkmwahbmqbIS6w==");
        assert_eq!(guid_text(b), "ae3133f2-6e22-49ae-b06a-16e6a9b212eb");
    }
}
