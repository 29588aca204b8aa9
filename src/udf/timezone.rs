//! `kql_datetime_tz(datetime, zone, to_utc)`: `datetime_local_to_utc()` and
//! `datetime_utc_to_local()` with IANA time zones (`chrono-tz`).

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use datafusion::arrow::array::Array;

use super::support::{KqlUdf, const_bool, datetime, i64_arg, i64_result, opt_i64, string_arg};

/// The UTC instant of a wall-clock time in `tz`. An ambiguous time (clocks set back) is read in
/// the offset in effect after the change (standard time); a time skipped by clocks set forward
/// is read in the offset after the change too (02:30 in a 02:00 → 03:00 gap is 00:30 UTC at
/// +02:00).
pub(crate) fn local_to_utc(local: NaiveDateTime, tz: Tz) -> Option<NaiveDateTime> {
    let seconds = match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => dt.offset().fix().local_minus_utc(),
        LocalResult::Ambiguous(_, later) => later.offset().fix().local_minus_utc(),
        LocalResult::None => {
            // Clocks went forward: the offset after the change is the larger one.
            let around = |d: NaiveDateTime| tz.offset_from_utc_datetime(&d).fix().local_minus_utc();
            around(local - Duration::days(1)).max(around(local + Duration::days(1)))
        }
    };
    local.checked_sub_signed(Duration::seconds(i64::from(seconds)))
}

/// The wall-clock time in `tz` of a UTC instant.
pub(crate) fn utc_to_local(utc: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    tz.from_utc_datetime(&utc).naive_local()
}

fn micros_to_naive(micros: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_micros(micros).map(|d| d.naive_utc())
}

/// `kql_datetime_tz(datetime, zone, to_utc)`: null for an unknown zone.
pub fn datetime_tz() -> KqlUdf {
    KqlUdf::new("kql_datetime_tz", datetime, None, |args| {
        let times = i64_arg(args, 0)?;
        let zones = string_arg(args, 1)?;
        let to_utc = const_bool(args, 2, "the direction")?;
        let values = (0..args.number_rows)
            .map(|row| {
                let t = micros_to_naive(opt_i64(&times, row)?)?;
                if zones.is_null(row) {
                    return None;
                }
                let tz: Tz = zones.value(row).parse().ok()?;
                let out = if to_utc {
                    local_to_utc(t, tz)?
                } else {
                    utc_to_local(t, tz)
                };
                Some(out.and_utc().timestamp_micros())
            })
            .collect();
        i64_result(values, &crate::lake::schema::datetime_type())
    })
}

/// Checks the conversion rules on a daylight-saving day (Brussels, 2022-03-27, 02:00 → 03:00).
#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn skipped_and_repeated_hours() {
        let tz: Tz = "Europe/Brussels".parse().unwrap();
        assert_eq!(
            local_to_utc(at("2022-03-27 01:00"), tz),
            Some(at("2022-03-27 00:00"))
        );
        assert_eq!(
            local_to_utc(at("2022-03-27 02:00"), tz),
            Some(at("2022-03-27 00:00"))
        );
        assert_eq!(
            local_to_utc(at("2022-03-27 03:00"), tz),
            Some(at("2022-03-27 01:00"))
        );
        assert_eq!(
            local_to_utc(at("2022-10-30 02:30"), tz),
            Some(at("2022-10-30 01:30"))
        );
        assert_eq!(
            utc_to_local(at("2022-03-27 00:00"), tz),
            at("2022-03-27 01:00")
        );
    }
}
