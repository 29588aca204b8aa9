//! Text forms of KQL scalar values, shared by the UDFs (`tostring()`, `todatetime()`) and the
//! result formatters, so that a value prints the same wherever it appears.
//!
//! kqlhunt stores `datetime` as microseconds since the Unix epoch (UTC) and `timespan` as a
//! duration in microseconds; Kusto's 100 ns ticks below a microsecond are not represented.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Microseconds in one second.
pub const MICROS_PER_SECOND: i64 = 1_000_000;
/// Microseconds in one day.
pub const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SECOND;
/// `0001-01-01T00:00:00Z` in microseconds since the Unix epoch: the origin Kusto's `bin()` rounds
/// datetimes from.
pub const KUSTO_EPOCH_MICROS: i64 = -62_135_596_800 * MICROS_PER_SECOND;

/// Formats a datetime as Kusto prints it: ISO 8601 in UTC, fraction without trailing zeros,
/// `2026-11-20T10:00:00.5Z`. Out-of-range values print as their microsecond count.
pub fn format_datetime(micros: i64) -> String {
    let Some(t) = DateTime::<Utc>::from_timestamp_micros(micros) else {
        return micros.to_string();
    };
    let mut out = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    let frac = micros.rem_euclid(MICROS_PER_SECOND);
    if frac != 0 {
        let digits = format!("{frac:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// Formats a timespan as Kusto prints it: `[-][d.]hh:mm:ss[.fffffff]`.
pub fn format_timespan(micros: i64) -> String {
    let negative = micros < 0;
    let total = micros.unsigned_abs();
    let per_second = MICROS_PER_SECOND as u64;
    let frac = total % per_second;
    let seconds = total / per_second;
    let days = seconds / 86_400;
    let (h, m, s) = (seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if days > 0 {
        out.push_str(&format!("{days}."));
    }
    out.push_str(&format!("{h:02}:{m:02}:{s:02}"));
    if frac != 0 {
        // Seven digits: Kusto's tick precision (the last digit is always 0 here).
        out.push_str(&format!(".{:07}", frac * 10));
    }
    out
}

/// Formats a real the way Kusto prints it: the shortest text that reads back as the same value,
/// with `NaN`, `Infinity` and `-Infinity` for the special values.
pub fn format_real(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        format!("{value}")
    }
}

/// Parses the datetime forms KQL accepts in `datetime(...)` literals and `todatetime()`: ISO 8601
/// dates and date-times (`T` or a space between them, optional seconds, any number of fraction
/// digits, `Z` or a numeric offset; without one, UTC), and RFC 2822/1123 (`Sat, 08 Nov 2014
/// 15:05:02 GMT`). Returns microseconds since the Unix epoch.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let mut text = text.trim();
    // `datetime("2015-12-14")`: the docs quote the text too.
    for quote in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(quote) && text.ends_with(quote) {
            text = text[1..text.len() - 1].trim();
        }
    }
    if text.is_empty() {
        return None;
    }
    if let Some(t) = parse_datetime_strict(text) {
        return Some(t);
    }
    parse_datetime_loose(text)
}

/// Less common forms: `2017 - 08 - 01` (spaces around the dashes), `2025, 6, 14[, h, m, s]`,
/// and US month-first dates (`12-02-2022`, `02/17/2016 08:40:00`, with `AM`/`PM`).
fn parse_datetime_loose(text: &str) -> Option<i64> {
    if text.contains(',') && !text.contains(':') {
        let parts: Vec<i64> = text
            .split(',')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        let (y, mo, d) = match parts.as_slice() {
            [y, mo, d, ..] if parts.len() <= 6 => (*y, *mo, *d),
            _ => return None,
        };
        let at = |i: usize| parts.get(i).copied().unwrap_or(0);
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(y).ok()?,
            u32::try_from(mo).ok()?,
            u32::try_from(d).ok()?,
        )?;
        let time = NaiveTime::from_hms_opt(
            u32::try_from(at(3)).ok()?,
            u32::try_from(at(4)).ok()?,
            u32::try_from(at(5)).ok()?,
        )?;
        return Some(
            Utc.from_utc_datetime(&date.and_time(time))
                .timestamp_micros(),
        );
    }
    if text.contains(" -") || text.contains("- ") {
        let squeezed: String = text.split('-').map(str::trim).collect::<Vec<_>>().join("-");
        if squeezed != text {
            return parse_datetime_strict(&squeezed);
        }
    }
    const US: &[&str] = &[
        "%m/%d/%Y %H:%M:%S%.f",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %H:%M",
        "%m-%d-%Y %H:%M:%S%.f",
    ];
    let (body, offset) = split_offset(text);
    if let Some(t) = US
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(body, f).ok())
    {
        return Some(Utc.from_utc_datetime(&t).timestamp_micros() - offset);
    }
    ["%m/%d/%Y", "%m-%d-%Y"].iter().find_map(|f| {
        NaiveDate::parse_from_str(body, f).ok().map(|d| {
            Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
                .timestamp_micros()
                - offset
        })
    })
}

fn parse_datetime_strict(text: &str) -> Option<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_micros());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t.timestamp_micros());
    }
    if let Some(t) = parse_iso_with_offset(text) {
        return Some(t);
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(
            Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
                .timestamp_micros(),
        );
    }
    None
}

fn parse_iso_with_offset(text: &str) -> Option<i64> {
    const FORMATS: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    let (body, offset) = split_offset(text);
    FORMATS.iter().find_map(|format| {
        NaiveDateTime::parse_from_str(body, format)
            .ok()
            .map(|t| Utc.from_utc_datetime(&t).timestamp_micros() - offset)
    })
}

/// Splits a trailing `Z`, `UTC`, `GMT` or `±hh:mm` from a date-time; the offset is in microseconds.
fn split_offset(text: &str) -> (&str, i64) {
    for suffix in ["Z", "z", " UTC", " GMT", "UTC", "GMT"] {
        if let Some(body) = text.strip_suffix(suffix) {
            return (body.trim_end(), 0);
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() > 16 {
        let at = bytes.len() - 6;
        let sign = match bytes[at] {
            b'+' => 1,
            b'-' => -1,
            _ => return (text, 0),
        };
        let tail = &text[at + 1..];
        if let Some((h, m)) = tail.split_once(':')
            && let (Ok(h), Ok(m)) = (h.parse::<i64>(), m.parse::<i64>())
        {
            return (&text[..at], sign * (h * 3600 + m * 60) * MICROS_PER_SECOND);
        }
    }
    (text, 0)
}

/// Parses a timespan in Kusto's text form, `[-][d.]hh:mm[:ss[.fffffff]]`, to microseconds.
pub fn parse_timespan(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = text.split(':');
    let first = parts.next()?;
    let (days, hours) = match first.split_once('.') {
        Some((d, h)) => (d.parse::<i64>().ok()?, h.parse::<i64>().ok()?),
        None => (0, first.parse::<i64>().ok()?),
    };
    let minutes = parts.next()?.parse::<i64>().ok()?;
    let (seconds, micros) = match parts.next() {
        None => (0, 0),
        Some(s) => match s.split_once('.') {
            None => (s.parse::<i64>().ok()?, 0),
            Some((whole, frac)) => {
                if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let mut digits: String = frac.chars().take(6).collect();
                while digits.len() < 6 {
                    digits.push('0');
                }
                (whole.parse::<i64>().ok()?, digits.parse::<i64>().ok()?)
            }
        },
    };
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    let total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
    let value = total.checked_mul(MICROS_PER_SECOND)?.checked_add(micros)?;
    Some(if negative { -value } else { value })
}

/// Decodes `%XX` escapes (invalid escapes are kept as written; invalid UTF-8 is replaced).
pub fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
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

    fn micros(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.timestamp_micros())
            .unwrap_or(i64::MIN)
    }

    #[test]
    fn datetimes_print_like_kusto() {
        assert_eq!(
            format_datetime(micros("2026-11-20T10:00:00.5Z")),
            "2026-11-20T10:00:00.5Z"
        );
        assert_eq!(
            format_datetime(micros("2026-11-20T10:00:00Z")),
            "2026-11-20T10:00:00Z"
        );
        assert_eq!(
            format_datetime(micros("1969-12-31T23:59:59.999999Z")),
            "1969-12-31T23:59:59.999999Z"
        );
    }

    #[test]
    fn timespans_print_like_kusto() {
        assert_eq!(format_timespan(0), "00:00:00");
        assert_eq!(format_timespan(MICROS_PER_DAY), "1.00:00:00");
        assert_eq!(format_timespan(90 * 60 * MICROS_PER_SECOND), "01:30:00");
        assert_eq!(format_timespan(1_500_000), "00:00:01.5000000");
        assert_eq!(format_timespan(-MICROS_PER_DAY - 1), "-1.00:00:00.0000010");
    }

    #[test]
    fn parses_the_documentations_looser_datetime_forms() {
        let day = micros("2017-08-01T00:00:00Z");
        assert_eq!(parse_datetime("2017 - 08 - 01"), Some(day));
        assert_eq!(parse_datetime("\"2017-08-01\""), Some(day));
        assert_eq!(parse_datetime("2017, 8, 1"), Some(day));
        assert_eq!(parse_datetime("08-01-2017"), Some(day));
        assert_eq!(
            parse_datetime("02/17/2016 08:40:00"),
            Some(micros("2016-02-17T08:40:00Z"))
        );
        assert_eq!(
            parse_datetime("2017, 8, 1, 13, 5, 9"),
            Some(micros("2017-08-01T13:05:09Z"))
        );
        assert_eq!(parse_datetime("2017, 13, 1"), None);
        assert_eq!(parse_datetime("1, 2"), None);
    }

    #[test]
    fn parses_kql_datetime_forms() {
        let t = micros("2026-11-20T10:00:00Z");
        assert_eq!(parse_datetime("2026-11-20T10:00:00Z"), Some(t));
        assert_eq!(parse_datetime("2026-11-20 10:00:00"), Some(t));
        assert_eq!(parse_datetime("2026-11-20T10:00"), Some(t));
        assert_eq!(parse_datetime("2026-11-20T12:00:00+02:00"), Some(t));
        assert_eq!(
            parse_datetime("2026-11-20"),
            Some(micros("2026-11-20T00:00:00Z"))
        );
        assert_eq!(
            parse_datetime("2026-11-20T10:00:00.1234567Z"),
            Some(t + 123_456)
        );
        assert_eq!(
            parse_datetime("Fri, 20 Nov 2026 10:00:00 GMT"),
            Some(t),
            "RFC 1123"
        );
        assert_eq!(parse_datetime("yesterday"), None);
        assert_eq!(parse_datetime(""), None);
    }

    #[test]
    fn parses_timespans() {
        assert_eq!(parse_timespan("01:30:00"), Some(5_400_000_000));
        assert_eq!(parse_timespan("1.00:00:00"), Some(MICROS_PER_DAY));
        assert_eq!(parse_timespan("00:00:01.5"), Some(1_500_000));
        assert_eq!(parse_timespan("-00:01"), Some(-60_000_000));
        assert_eq!(parse_timespan("25:00:00"), None);
        assert_eq!(parse_timespan("x"), None);
    }

    #[test]
    fn url_decoding() {
        assert_eq!(url_decode("%2Fetc%2Fpasswd"), "/etc/passwd");
        assert_eq!(url_decode("a+b%"), "a+b%");
        assert_eq!(url_decode("%zz%4"), "%zz%4");
        assert_eq!(url_decode("%C3%A9"), "é");
    }

    #[test]
    fn reals() {
        assert_eq!(format_real(1.0), "1");
        assert_eq!(format_real(0.1), "0.1");
        assert_eq!(format_real(f64::NAN), "NaN");
        assert_eq!(format_real(f64::NEG_INFINITY), "-Infinity");
    }
}
