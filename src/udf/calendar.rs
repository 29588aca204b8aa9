//! Calendar UDFs over datetimes (microseconds since the Unix epoch, UTC): start and end of
//! periods, parts, calendar arithmetic, formatting, construction, and `bin_at()`.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, Timelike};
use datafusion::arrow::array::{Array, StringBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs};

use super::support::{
    KqlUdf, array_arg, array_result, const_string, datetime, f64_arg, first_arg, i64_arg,
    i64_result, int64, opt_f64, opt_i64, timespan, utf8,
};
use crate::value::{MICROS_PER_DAY, MICROS_PER_SECOND};

const MICROS_PER_HOUR: i64 = 3_600 * MICROS_PER_SECOND;
const MICROS_PER_MINUTE: i64 = 60 * MICROS_PER_SECOND;

fn naive(micros: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_micros(micros).map(|t| t.naive_utc())
}

fn micros_of(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp_micros()
}

fn midnight(date: NaiveDate) -> i64 {
    micros_of(date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// Adds calendar months (negative: back), clamping the day to the month's length.
fn add_months(t: NaiveDateTime, months: i64) -> Option<NaiveDateTime> {
    let m = u32::try_from(months.unsigned_abs()).ok()?;
    if months >= 0 {
        t.checked_add_months(Months::new(m))
    } else {
        t.checked_sub_months(Months::new(m))
    }
}

/// The start of the `unit` (`day`, `week` from Sunday, `month`, `year`) holding `micros`,
/// shifted by `offset` units.
fn period_start(micros: i64, offset: i64, unit: &str) -> Option<i64> {
    let date = naive(micros)?.date();
    Some(match unit {
        "day" => midnight(date).checked_add(offset.checked_mul(MICROS_PER_DAY)?)?,
        "week" => {
            let back = i64::from(date.weekday().num_days_from_sunday());
            midnight(date) - back * MICROS_PER_DAY + offset.checked_mul(7 * MICROS_PER_DAY)?
        }
        "month" => {
            let first = date.with_day(1)?.and_hms_opt(0, 0, 0)?;
            micros_of(add_months(first, offset)?)
        }
        "year" => {
            let first = NaiveDate::from_ymd_opt(date.year(), 1, 1)?.and_hms_opt(0, 0, 0)?;
            micros_of(add_months(first, offset.checked_mul(12)?)?)
        }
        _ => return None,
    })
}

fn period_kernel(args: &ScalarFunctionArgs, end: bool) -> Result<ColumnarValue> {
    let unit = const_string(args, 2, "the period")?;
    let times = i64_arg(args, 0)?;
    let offsets = i64_arg(args, 1)?;
    let values = (0..args.number_rows)
        .map(|row| {
            let (t, o) = (opt_i64(&times, row)?, opt_i64(&offsets, row)?);
            if end {
                Some(period_start(t, o.checked_add(1)?, &unit)? - 1)
            } else {
                period_start(t, o, &unit)
            }
        })
        .collect();
    i64_result(values, &crate::lake::schema::datetime_type())
}

/// `kql_startof(datetime, offset, unit)`: `startofday()`, `startofweek()`, ...
pub fn startof() -> KqlUdf {
    KqlUdf::new("kql_startof", datetime, None, |args| {
        period_kernel(args, false)
    })
}

/// `kql_endof(datetime, offset, unit)`: the last microsecond of the period.
pub fn endof() -> KqlUdf {
    KqlUdf::new("kql_endof", datetime, None, |args| {
        period_kernel(args, true)
    })
}

/// The value of a datetime part (`year`, `quarter`, `month`, `week_of_year`, `day`,
/// `dayofyear`, `hour`, `minute`, `second`, `millisecond`, `microsecond`, `nanosecond`).
fn part_of(micros: i64, part: &str) -> Option<i64> {
    let t = naive(micros)?;
    let frac = micros.rem_euclid(MICROS_PER_SECOND);
    Some(match part {
        "year" => i64::from(t.year()),
        "quarter" => i64::from((t.month() - 1) / 3 + 1),
        "month" => i64::from(t.month()),
        "week_of_year" | "week" => i64::from(t.iso_week().week()),
        "day" => i64::from(t.day()),
        "dayofyear" => i64::from(t.ordinal()),
        "hour" => i64::from(t.hour()),
        "minute" => i64::from(t.minute()),
        "second" => i64::from(t.second()),
        "millisecond" => frac / 1000,
        "microsecond" => frac,
        "nanosecond" => frac * 1000,
        _ => return None,
    })
}

/// Whether `datetime_part()`/`datetime_add()`/`datetime_diff()` know the part.
pub fn is_datetime_part(part: &str) -> bool {
    matches!(
        part,
        "year"
            | "quarter"
            | "month"
            | "week_of_year"
            | "week"
            | "day"
            | "dayofyear"
            | "hour"
            | "minute"
            | "second"
            | "millisecond"
            | "microsecond"
            | "nanosecond"
    )
}

/// `kql_datetime_part(part, datetime)`: a part as a long.
pub fn datetime_part() -> KqlUdf {
    KqlUdf::new("kql_datetime_part", int64, None, |args| {
        let part = const_string(args, 0, "the part")?.to_ascii_lowercase();
        let times = i64_arg(args, 1)?;
        let values = (0..args.number_rows)
            .map(|row| part_of(opt_i64(&times, row)?, &part))
            .collect();
        i64_result(values, &DataType::Int64)
    })
}

/// The length of a fixed-size part in microseconds.
fn fixed_unit(part: &str) -> Option<i64> {
    Some(match part {
        "week" | "week_of_year" => 7 * MICROS_PER_DAY,
        "day" | "dayofyear" => MICROS_PER_DAY,
        "hour" => MICROS_PER_HOUR,
        "minute" => MICROS_PER_MINUTE,
        "second" => MICROS_PER_SECOND,
        "millisecond" => 1000,
        "microsecond" => 1,
        _ => return None,
    })
}

fn add_part(micros: i64, amount: i64, part: &str) -> Option<i64> {
    match part {
        "year" => Some(micros_of(add_months(
            naive(micros)?,
            amount.checked_mul(12)?,
        )?)),
        "quarter" => Some(micros_of(add_months(
            naive(micros)?,
            amount.checked_mul(3)?,
        )?)),
        "month" => Some(micros_of(add_months(naive(micros)?, amount)?)),
        "nanosecond" => micros.checked_add(amount / 1000),
        _ => micros.checked_add(amount.checked_mul(fixed_unit(part)?)?),
    }
}

/// `kql_datetime_add(part, amount, datetime)`: calendar arithmetic.
pub fn datetime_add() -> KqlUdf {
    KqlUdf::new("kql_datetime_add", datetime, None, |args| {
        let part = const_string(args, 0, "the part")?.to_ascii_lowercase();
        let amounts = i64_arg(args, 1)?;
        let times = i64_arg(args, 2)?;
        let values = (0..args.number_rows)
            .map(|row| add_part(opt_i64(&times, row)?, opt_i64(&amounts, row)?, &part))
            .collect();
        i64_result(values, &crate::lake::schema::datetime_type())
    })
}

/// The number of `part` boundaries between `b` and `a` (`a - b`).
fn diff_part(a: i64, b: i64, part: &str) -> Option<i64> {
    let (ta, tb) = (naive(a)?, naive(b)?);
    let months = |t: NaiveDateTime| i64::from(t.year()) * 12 + i64::from(t.month0());
    Some(match part {
        "year" => i64::from(ta.year() - tb.year()),
        "quarter" => months(ta) / 3 - months(tb) / 3,
        "month" => months(ta) - months(tb),
        "week" | "week_of_year" => {
            (period_start(a, 0, "week")? - period_start(b, 0, "week")?) / (7 * MICROS_PER_DAY)
        }
        "nanosecond" => (a - b).checked_mul(1000)?,
        _ => {
            let unit = fixed_unit(part)?;
            a.div_euclid(unit) - b.div_euclid(unit)
        }
    })
}

/// `kql_datetime_diff(part, a, b)`: the number of `part` periods from `b` to `a`.
pub fn datetime_diff() -> KqlUdf {
    KqlUdf::new("kql_datetime_diff", int64, None, |args| {
        let part = const_string(args, 0, "the part")?.to_ascii_lowercase();
        let a = i64_arg(args, 1)?;
        let b = i64_arg(args, 2)?;
        let values = (0..args.number_rows)
            .map(|row| diff_part(opt_i64(&a, row)?, opt_i64(&b, row)?, &part))
            .collect();
        i64_result(values, &DataType::Int64)
    })
}

/// `kql_dayofweek(datetime)`: the days since the last Sunday, as a timespan.
pub fn dayofweek() -> KqlUdf {
    KqlUdf::new("kql_dayofweek", timespan, None, |args| {
        let times = i64_arg(args, 0)?;
        let values = (0..args.number_rows)
            .map(|row| {
                let t = naive(opt_i64(&times, row)?)?;
                Some(i64::from(t.weekday().num_days_from_sunday()) * MICROS_PER_DAY)
            })
            .collect();
        i64_result(
            values,
            &DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond),
        )
    })
}

/// Counts repeats of the format character at `chars[i]`.
fn run_length(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|c| **c == chars[i]).count()
}

/// `n` digits of the fraction (`f`: always, `F`: without trailing zeros).
fn fraction(frac_micros: i64, n: usize, keep_zeros: bool) -> String {
    let digits = format!("{:07}", frac_micros * 10);
    let mut s = digits[..n.min(7)].to_string();
    if !keep_zeros {
        s = s.trim_end_matches('0').to_string();
    }
    s
}

/// Kusto's `format_datetime()` format: `y`, `M`, `d`, `h`, `H`, `m`, `s`, `f`, `F`, `tt`,
/// separators kept as they are.
pub(crate) fn format_datetime_with(micros: i64, format: &str) -> Option<String> {
    let t = naive(micros)?;
    let frac = micros.rem_euclid(MICROS_PER_SECOND);
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let n = run_length(&chars, i);
        let pad = |v: u32, width: usize| format!("{v:0width$}");
        match chars[i] {
            'y' => {
                let year = t.year();
                out.push_str(&match n {
                    1 => (year % 100).to_string(),
                    2 => format!("{:02}", year % 100),
                    _ => format!("{year:0n$}"),
                });
            }
            'M' => out.push_str(&pad(t.month(), n.min(2))),
            'd' => out.push_str(&pad(t.day(), n.min(2))),
            'H' => out.push_str(&pad(t.hour(), n.min(2))),
            'h' => {
                let h = t.hour() % 12;
                out.push_str(&pad(if h == 0 { 12 } else { h }, n.min(2)));
            }
            'm' => out.push_str(&pad(t.minute(), n.min(2))),
            's' => out.push_str(&pad(t.second(), n.min(2))),
            'f' => out.push_str(&fraction(frac, n, true)),
            'F' => out.push_str(&fraction(frac, n, false)),
            't' => out.push_str(if t.hour() < 12 { "AM" } else { "PM" }),
            c => {
                for _ in 0..n {
                    out.push(c);
                }
            }
        }
        i += n;
    }
    Some(out)
}

/// Kusto's `format_timespan()` format: `d`, `h`/`H`, `m`, `s`, `f`, `F`, separators kept.
pub(crate) fn format_timespan_with(micros: i64, format: &str) -> String {
    let total = micros.unsigned_abs();
    let frac = (total % MICROS_PER_SECOND as u64) as i64;
    let seconds = total / MICROS_PER_SECOND as u64;
    let (days, h, m, s) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::new();
    if micros < 0 {
        out.push('-');
    }
    let mut i = 0;
    while i < chars.len() {
        let n = run_length(&chars, i);
        match chars[i] {
            'd' => out.push_str(&format!("{days:0n$}")),
            'h' | 'H' => out.push_str(&format!("{h:0w$}", w = n.min(2))),
            'm' => out.push_str(&format!("{m:0w$}", w = n.min(2))),
            's' => out.push_str(&format!("{s:0w$}", w = n.min(2))),
            'f' => out.push_str(&fraction(frac, n, true)),
            'F' => out.push_str(&fraction(frac, n, false)),
            c => {
                for _ in 0..n {
                    out.push(c);
                }
            }
        }
        i += n;
    }
    out
}

/// `kql_format_datetime(datetime, format)`.
pub fn format_datetime() -> KqlUdf {
    KqlUdf::new("kql_format_datetime", utf8, None, |args| {
        let format = const_string(args, 1, "the format")?;
        let times = i64_arg(args, 0)?;
        let mut out = StringBuilder::new();
        for row in 0..args.number_rows {
            out.append_value(
                opt_i64(&times, row)
                    .and_then(|t| format_datetime_with(t, &format))
                    .unwrap_or_default(),
            );
        }
        array_result(out.finish())
    })
}

/// `kql_format_timespan(timespan, format)`.
pub fn format_timespan() -> KqlUdf {
    KqlUdf::new("kql_format_timespan", utf8, None, |args| {
        let format = const_string(args, 1, "the format")?;
        let spans = i64_arg(args, 0)?;
        let mut out = StringBuilder::new();
        for row in 0..args.number_rows {
            out.append_value(
                opt_i64(&spans, row)
                    .map(|t| format_timespan_with(t, &format))
                    .unwrap_or_default(),
            );
        }
        array_result(out.finish())
    })
}

/// `kql_make_datetime(year, month, day, hour, minute, second)`: null when not a date.
pub fn make_datetime() -> KqlUdf {
    KqlUdf::new("kql_make_datetime", datetime, None, |args| {
        let parts: Vec<_> = (0..5).map(|i| i64_arg(args, i)).collect::<Result<_>>()?;
        let seconds = f64_arg(args, 5)?;
        let values = (0..args.number_rows)
            .map(|row| {
                let p: Vec<i64> = parts
                    .iter()
                    .map(|a| opt_i64(a, row))
                    .collect::<Option<_>>()?;
                let date = NaiveDate::from_ymd_opt(
                    i32::try_from(p[0]).ok()?,
                    u32::try_from(p[1]).ok()?,
                    u32::try_from(p[2]).ok()?,
                )?;
                let time =
                    date.and_hms_opt(u32::try_from(p[3]).ok()?, u32::try_from(p[4]).ok()?, 0)?;
                let s = opt_f64(&seconds, row)?;
                if !(0.0..60.0).contains(&s) {
                    return None;
                }
                Some(micros_of(time) + (s * 1e6).round() as i64)
            })
            .collect();
        i64_result(values, &crate::lake::schema::datetime_type())
    })
}

/// `kql_make_timespan(days, hours, minutes, seconds)`.
pub fn make_timespan() -> KqlUdf {
    KqlUdf::new("kql_make_timespan", timespan, None, |args| {
        let parts: Vec<_> = (0..3).map(|i| i64_arg(args, i)).collect::<Result<_>>()?;
        let seconds = f64_arg(args, 3)?;
        let values = (0..args.number_rows)
            .map(|row| {
                let p: Vec<i64> = parts
                    .iter()
                    .map(|a| opt_i64(a, row))
                    .collect::<Option<_>>()?;
                let whole = p[0]
                    .checked_mul(MICROS_PER_DAY)?
                    .checked_add(p[1].checked_mul(MICROS_PER_HOUR)?)?
                    .checked_add(p[2].checked_mul(MICROS_PER_MINUTE)?)?;
                whole.checked_add((opt_f64(&seconds, row)? * 1e6).round() as i64)
            })
            .collect();
        i64_result(
            values,
            &DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond),
        )
    })
}

/// `kql_unixtime(number, micros_per_unit)`: a Unix time in some unit as a datetime.
pub fn unixtime() -> KqlUdf {
    KqlUdf::new("kql_unixtime", datetime, None, |args| {
        let values = f64_arg(args, 0)?;
        let factor = f64_arg(args, 1)?;
        let out = (0..args.number_rows)
            .map(|row| {
                let micros = (opt_f64(&values, row)? * opt_f64(&factor, row)?).round();
                (micros.abs() < 9.0e18).then_some(micros as i64)
            })
            .collect();
        i64_result(out, &crate::lake::schema::datetime_type())
    })
}

/// `kql_bin_at(value, size, origin)`: `value` rounded down to `origin + k * size`.
pub fn bin_at() -> KqlUdf {
    KqlUdf::new("kql_bin_at", first_arg, None, |args| {
        let data_type = array_arg(args, 0)?.data_type().clone();
        if data_type == DataType::Float64 {
            let (v, s, o) = (f64_arg(args, 0)?, f64_arg(args, 1)?, f64_arg(args, 2)?);
            let out: datafusion::arrow::array::Float64Array = (0..args.number_rows)
                .map(|row| {
                    let (v, s, o) = (opt_f64(&v, row)?, opt_f64(&s, row)?, opt_f64(&o, row)?);
                    (s > 0.0).then(|| ((v - o) / s).floor() * s + o)
                })
                .collect();
            return array_result(out);
        }
        let (v, s, o) = (i64_arg(args, 0)?, i64_arg(args, 1)?, i64_arg(args, 2)?);
        let out = (0..args.number_rows)
            .map(|row| {
                let (v, s, o) = (opt_i64(&v, row)?, opt_i64(&s, row)?, opt_i64(&o, row)?);
                (s > 0).then(|| (v - o).div_euclid(s) * s + o)
            })
            .collect();
        i64_result(out, &data_type)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        crate::value::parse_datetime(text).unwrap_or_default()
    }

    #[test]
    fn periods_start_and_end() {
        let t = at("2017-01-01 10:10:17");
        assert_eq!(period_start(t, 0, "week"), Some(at("2017-01-01")));
        assert_eq!(period_start(t, -1, "month"), Some(at("2016-12-01")));
        assert_eq!(
            period_start(t, 1, "month").map(|m| m - 1),
            Some(at("2017-02-01") - 1)
        );
        assert_eq!(period_start(t, 0, "year"), Some(at("2017-01-01")));
    }

    #[test]
    fn calendar_arithmetic() {
        let t = at("2017-01-01");
        assert_eq!(add_part(t, -15, "month"), Some(at("2015-10-01")));
        assert_eq!(add_part(t, 100, "week"), Some(at("2018-12-02")));
        assert_eq!(
            diff_part(at("2017-01-01"), at("2000-12-31"), "year"),
            Some(17)
        );
        assert_eq!(
            diff_part(at("2017-01-01"), at("2000-12-31"), "month"),
            Some(193)
        );
        assert_eq!(
            diff_part(at("2017-10-29 00:00"), at("2017-09-30 23:59"), "day"),
            Some(29)
        );
    }

    #[test]
    fn formats() {
        let t = at("2017-01-29 09:00:05");
        assert_eq!(
            format_datetime_with(t, "yy-MM-dd [HH:mm:ss]").as_deref(),
            Some("17-01-29 [09:00:05]")
        );
        assert_eq!(
            format_datetime_with(t, "yy-MM-dd [hh:mm:ss tt]").as_deref(),
            Some("17-01-29 [09:00:05 AM]")
        );
        let span = 29 * MICROS_PER_DAY + 9 * MICROS_PER_HOUR + 5 * MICROS_PER_SECOND + 123_450;
        assert_eq!(
            format_timespan_with(span, "dd.hh:mm:ss:FF"),
            "29.09:00:05:12"
        );
        assert_eq!(
            format_timespan_with(span, "ddd.h:mm:ss [fffffff]"),
            "029.9:00:05 [1234500]"
        );
    }
}
