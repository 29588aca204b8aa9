//! Fast, allocation-free text helpers for the generator's hot path: JSON string escaping, number,
//! timestamp and UUID formatting, and URL query escaping.
//!
//! Times are `i64` microseconds since the Unix epoch (UTC) throughout the generator.

/// Microseconds since the Unix epoch, UTC.
pub(crate) type Micros = i64;

pub(crate) const MICROS_PER_SEC: i64 = 1_000_000;
pub(crate) const MICROS_PER_MIN: i64 = 60 * MICROS_PER_SEC;
pub(crate) const MICROS_PER_HOUR: i64 = 60 * MICROS_PER_MIN;
pub(crate) const MICROS_PER_DAY: i64 = 24 * MICROS_PER_HOUR;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Escapes `s` as the inside of a JSON string the way Go's `encoding/json` does (which is what
/// kube-apiserver writes): `"`, `\` and control characters, and also `<`, `>` and `&` as
/// `\u003c`, `\u003e`, `\u0026`.
pub(crate) fn push_escaped_go(out: &mut String, s: &str) {
    push_escaped_impl(out, s, true);
}

/// Escapes `s` as the inside of a JSON string (`"`, `\` and control characters only).
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    push_escaped_impl(out, s, false);
}

/// Per byte: 0 = copy as is, 1 = always escape, 2 = escape in Go (HTML-safe) mode only.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[b'"' as usize] = 1;
    t[b'\\' as usize] = 1;
    t[b'<' as usize] = 2;
    t[b'>' as usize] = 2;
    t[b'&' as usize] = 2;
    t
};

/// Whether 8 bytes are all ASCII with no `"`, `\\` or control character (SWAR test).
fn plain_ascii_chunk(chunk: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    let w = u64::from_le_bytes(word);
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let special = has_zero(w ^ (ONES * b'"' as u64))
        | has_zero(w ^ (ONES * b'\\' as u64))
        | (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
        | (w & HIGH);
    special == 0
}

fn push_escaped_impl(out: &mut String, s: &str, html: bool) {
    let bytes = s.as_bytes();
    let threshold = if html { 2 } else { 1 };
    out.reserve(bytes.len() + bytes.len() / 4 + 8);
    // Byte by byte: JSON text has a quote every few bytes, so copying runs between escapes
    // with `push_str` would cost a `memcpy` call per handful of bytes.
    let mut i = 0;
    while i < bytes.len() {
        if !html
            && let Some(chunk) = bytes.get(i..i + 8)
            && plain_ascii_chunk(chunk)
        {
            // Eight ASCII bytes with nothing to escape: `i` and `i + 8` are char boundaries.
            out.push_str(&s[i..i + 8]);
            i += 8;
            continue;
        }
        let b = bytes[i];
        if b >= 0x80 {
            // Copy a whole multi-byte character (`i` is always on a char boundary).
            let width = match b {
                0xf0.. => 4,
                0xe0.. => 3,
                _ => 2,
            };
            out.push_str(&s[i..i + width]);
            i += width;
            continue;
        }
        let class = ESCAPE[b as usize];
        if class == 0 || class > threshold {
            out.push(b as char);
        } else {
            out.push('\\');
            match b {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'\n' => out.push('n'),
                b'\r' => out.push('r'),
                b'\t' => out.push('t'),
                _ => {
                    out.push_str("u00");
                    out.push(HEX[(b >> 4) as usize] as char);
                    out.push(HEX[(b & 0xf) as usize] as char);
                }
            }
        }
        i += 1;
    }
}

/// Pushes `"s"` with Go-style escaping.
pub(crate) fn push_str_go(out: &mut String, s: &str) {
    out.push('"');
    push_escaped_go(out, s);
    out.push('"');
}

/// Pushes the decimal digits of `n`.
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// Pushes `n` zero-padded to `width` digits (`n` must fit).
fn push_padded(out: &mut String, n: u64, width: u32) {
    let mut div = 10u64.pow(width - 1);
    while div > 0 {
        out.push((b'0' + ((n / div) % 10) as u8) as char);
        div /= 10;
    }
}

/// A broken-down UTC time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Microseconds within the second.
    pub micros: u32,
}

impl Civil {
    pub(crate) fn from_micros(t: Micros) -> Civil {
        let days = t.div_euclid(MICROS_PER_DAY);
        let in_day = t.rem_euclid(MICROS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let secs = in_day / MICROS_PER_SEC;
        Civil {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: ((secs / 60) % 60) as u32,
            second: (secs % 60) as u32,
            micros: (in_day % MICROS_PER_SEC) as u32,
        }
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn push_date_time(out: &mut String, c: &Civil) {
    push_padded(out, c.year as u64, 4);
    out.push('-');
    push_padded(out, c.month as u64, 2);
    out.push('-');
    push_padded(out, c.day as u64, 2);
    out.push('T');
    push_padded(out, c.hour as u64, 2);
    out.push(':');
    push_padded(out, c.minute as u64, 2);
    out.push(':');
    push_padded(out, c.second as u64, 2);
}

/// RFC 3339 with exactly six fractional digits, as kube-apiserver writes
/// `requestReceivedTimestamp`/`stageTimestamp`: `2026-11-20T13:45:01.123456Z`.
pub(crate) fn push_rfc3339_micros(out: &mut String, t: Micros) {
    let c = Civil::from_micros(t);
    push_date_time(out, &c);
    out.push('.');
    push_padded(out, c.micros as u64, 6);
    out.push('Z');
}

/// ISO 8601 with `digits` (7 or 9) fractional digits, as Azure diagnostic records carry `time`.
/// The value is exact to the microsecond; the extra digits are zeros.
pub(crate) fn push_iso_frac(out: &mut String, t: Micros, digits: u32) {
    let c = Civil::from_micros(t);
    push_date_time(out, &c);
    out.push('.');
    push_padded(out, c.micros as u64, 6);
    for _ in 6..digits {
        out.push('0');
    }
    out.push('Z');
}

/// RFC 3339 without fraction: `2026-11-20T13:45:01Z` (Kubernetes `metav1.Time`).
pub(crate) fn push_rfc3339_secs(out: &mut String, t: Micros) {
    let c = Civil::from_micros(t);
    push_date_time(out, &c);
    out.push('Z');
}

/// The US-culture .NET string Event Hubs Capture writes in `EnqueuedTimeUtc`:
/// `11/20/2026 1:45:02 PM` (no zero padding, 12-hour clock, no fraction).
pub(crate) fn push_us_datetime(out: &mut String, t: Micros) {
    let c = Civil::from_micros(t);
    push_u64(out, c.month as u64);
    out.push('/');
    push_u64(out, c.day as u64);
    out.push('/');
    push_u64(out, c.year as u64);
    out.push(' ');
    let h12 = match c.hour % 12 {
        0 => 12,
        h => h,
    };
    push_u64(out, h12 as u64);
    out.push(':');
    push_padded(out, c.minute as u64, 2);
    out.push(':');
    push_padded(out, c.second as u64, 2);
    out.push_str(if c.hour < 12 { " AM" } else { " PM" });
}

/// klog header time: `I1120 13:45:01.123456` without the severity letter: `1120 13:45:01.123456`.
pub(crate) fn push_klog_time(out: &mut String, t: Micros) {
    let c = Civil::from_micros(t);
    push_padded(out, c.month as u64, 2);
    push_padded(out, c.day as u64, 2);
    out.push(' ');
    push_padded(out, c.hour as u64, 2);
    out.push(':');
    push_padded(out, c.minute as u64, 2);
    out.push(':');
    push_padded(out, c.second as u64, 2);
    out.push('.');
    push_padded(out, c.micros as u64, 6);
}

/// Formats a random 128-bit value as a version-4 UUID (`8-4-4-4-12`, lower-case hex).
pub(crate) fn push_uuid(out: &mut String, v: u128) {
    let v = (v & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let bytes = v.to_be_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 0xf) as usize] as char);
    }
}

/// A UUID string.
pub(crate) fn uuid_string(v: u128) -> String {
    let mut s = String::with_capacity(36);
    push_uuid(&mut s, v);
    s
}

/// Pushes `len` (at most 32) lower-case hex digits of `v`, least significant first.
pub(crate) fn push_hex(out: &mut String, mut v: u128, len: usize) {
    for _ in 0..len {
        out.push(HEX[(v & 0xf) as usize] as char);
        v >>= 4;
    }
}

/// Go's `url.QueryEscape`: unreserved characters pass, space becomes `+`, the rest `%XX`.
pub(crate) fn push_query_escaped(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                const UPPER: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(UPPER[(b >> 4) as usize] as char);
                out.push(UPPER[(b & 0xf) as usize] as char);
            }
        }
    }
}

/// Decodes `%XX` escapes (and nothing else), as the hunts' `url_decode` does for the
/// space-free commands the generator plants.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn micros(s: &str) -> Micros {
        DateTime::parse_from_rfc3339(s)
            .expect("valid test time")
            .with_timezone(&Utc)
            .timestamp_micros()
    }

    #[test]
    fn timestamps_match_chrono() {
        for s in [
            "2026-11-20T13:45:01.123456Z",
            "2026-11-20T00:00:00.000000Z",
            "2024-02-29T23:59:59.999999Z",
            "1999-12-31T12:00:00.000001Z",
        ] {
            let t = micros(s);
            let mut out = String::new();
            push_rfc3339_micros(&mut out, t);
            assert_eq!(out, s);
            let chrono_fmt = DateTime::<Utc>::from_timestamp_micros(t)
                .expect("in range")
                .format("%Y-%m-%dT%H:%M:%S%.6fZ")
                .to_string();
            assert_eq!(out, chrono_fmt);
        }
    }

    #[test]
    fn other_time_formats() {
        let t = micros("2026-11-20T13:45:02.500000Z");
        let mut s = String::new();
        push_us_datetime(&mut s, t);
        assert_eq!(s, "11/20/2026 1:45:02 PM");
        s.clear();
        push_us_datetime(&mut s, micros("2026-01-05T00:07:09Z"));
        assert_eq!(s, "1/5/2026 12:07:09 AM");
        s.clear();
        push_iso_frac(&mut s, t, 7);
        assert_eq!(s, "2026-11-20T13:45:02.5000000Z");
        s.clear();
        push_iso_frac(&mut s, t, 9);
        assert_eq!(s, "2026-11-20T13:45:02.500000000Z");
        s.clear();
        push_klog_time(&mut s, t);
        assert_eq!(s, "1120 13:45:02.500000");
        s.clear();
        push_rfc3339_secs(&mut s, t);
        assert_eq!(s, "2026-11-20T13:45:02Z");
    }

    #[test]
    fn escaping_round_trips() {
        let raw = "a\"b\\c\nd<e>&f\u{1}é";
        let mut s = String::from("\"");
        push_escaped_go(&mut s, raw);
        s.push('"');
        assert!(s.contains("\\u0026") && s.contains("\\u003c") && s.contains("\\u0001"));
        let back: String = serde_json::from_str(&s).expect("valid JSON string");
        assert_eq!(back, raw);
        let mut plain = String::from("\"");
        push_escaped(&mut plain, raw);
        plain.push('"');
        assert!(plain.contains('&'));
        let back: String = serde_json::from_str(&plain).expect("valid JSON string");
        assert_eq!(back, raw);
    }

    #[test]
    fn uuid_and_numbers() {
        let mut s = String::new();
        push_uuid(&mut s, u128::MAX);
        assert_eq!(s, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        s.clear();
        push_u64(&mut s, 0);
        push_u64(&mut s, 1_234_567_890);
        assert_eq!(s, "01234567890");
    }

    #[test]
    fn query_escape_and_decode() {
        let mut s = String::new();
        push_query_escaped(&mut s, "/etc/kubernetes/azure.json");
        assert_eq!(s, "%2Fetc%2Fkubernetes%2Fazure.json");
        assert_eq!(percent_decode(&s), "/etc/kubernetes/azure.json");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
