//! `kql_series` operations that analyse a whole series: `series_stats()`'s columns,
//! `series_seasonal()`, `series_periods_detect()` and `series_periods_validate()`.
//!
//! Periods are scored by the autocorrelation of the series (its linear trend removed): the
//! Pearson correlation of the series with itself shifted by the period (interpolated between the
//! two nearest lags for a fractional period), clamped to [0, 1]. A period shorter than 4 bins or
//! longer than half the series scores 0.
//!
//! Detection follows the periodogram-then-autocorrelation method (Vlachos, Yu and Castelli,
//! "On periodicity detection and structural periodic similarity", 2005): each local peak of the
//! periodogram with at least 3 times the mean power proposes the lags between its neighbouring
//! frequencies' periods; the candidate is
//! kept when the autocorrelation has a hill (a local maximum) among those lags, and the hill's
//! lag is the period found, scored by its autocorrelation. Kusto's own implementation is not
//! published: periods agree on clear signals, scores are kqlhunt's.

use serde_json::Value;

use super::rowwise::{Kind, Op, Ret, arg, long, num, real};

/// A series' elements as reals (anything but a number counts as 0); `None` for a non-array.
fn series(v: &Value) -> Option<Vec<f64>> {
    v.as_array()
        .map(|items| items.iter().map(|e| num(e).unwrap_or(0.0)).collect())
}

/// `series_stats()`'s columns: `[min, min_idx, max, max_idx, avg, stdev, variance]`.
fn stats_columns(args: &[Value]) -> Value {
    let bag = super::series_ops::stats(args);
    let Value::Object(bag) = bag else {
        return Value::Null;
    };
    Value::Array(
        [
            "min", "min_idx", "max", "max_idx", "avg", "stdev", "variance",
        ]
        .iter()
        .map(|k| bag.get(*k).cloned().unwrap_or(Value::Null))
        .collect(),
    )
}

/// The series minus its least-squares line.
fn detrend(x: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    if x.len() < 2 {
        return x.to_vec();
    }
    let mt = (n - 1.0) / 2.0;
    let mx = x.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in x.iter().enumerate() {
        let dt = t as f64 - mt;
        sxy += dt * (v - mx);
        sxx += dt * dt;
    }
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    x.iter()
        .enumerate()
        .map(|(t, v)| v - (mx + slope * (t as f64 - mt)))
        .collect()
}

/// The Pearson correlation of `x[..n-lag]` with `x[lag..]` (0 when either part is constant).
fn acf(x: &[f64], lag: usize) -> f64 {
    if lag == 0 || lag >= x.len() {
        return 0.0;
    }
    let (a, b) = (&x[..x.len() - lag], &x[lag..]);
    let m = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / m, b.iter().sum::<f64>() / m);
    let (mut num, mut da, mut db) = (0.0, 0.0, 0.0);
    for (p, q) in a.iter().zip(b) {
        num += (p - ma) * (q - mb);
        da += (p - ma) * (p - ma);
        db += (q - mb) * (q - mb);
    }
    let den = (da * db).sqrt();
    if den > 0.0 { num / den } else { 0.0 }
}

/// The score of a (possibly fractional) period of the detrended series `d`.
fn period_score(d: &[f64], period: f64) -> f64 {
    let half = (d.len() / 2) as f64;
    if !(4.0..=half).contains(&period) {
        return 0.0;
    }
    let lo = period.floor() as usize;
    let frac = period - lo as f64;
    let r = if frac == 0.0 {
        acf(d, lo)
    } else {
        acf(d, lo) * (1.0 - frac) + acf(d, lo + 1) * frac
    };
    r.clamp(0.0, 1.0)
}

/// The periodogram of `d` at frequencies `k / n`, `k` in `1..=n/2` (index `k - 1`).
fn periodogram(d: &[f64]) -> Vec<f64> {
    let n = d.len();
    (1..=n / 2)
        .map(|k| {
            let (mut re, mut im) = (0.0, 0.0);
            for (t, v) in d.iter().enumerate() {
                let angle = 2.0 * std::f64::consts::PI * (k * t) as f64 / n as f64;
                re += v * angle.cos();
                im += v * angle.sin();
            }
            (re * re + im * im) / n as f64
        })
        .collect()
}

/// The periods found in `x` between `min_period` and `max_period` with their scores, best first.
pub(super) fn detect(x: &[f64], min_period: f64, max_period: f64) -> Vec<(f64, f64)> {
    let n = x.len();
    let half = n / 2;
    let lo = min_period.max(4.0).ceil();
    let hi = max_period.min(half as f64).floor();
    if n < 8 || lo > hi || !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = (lo as usize, hi as usize);
    let d = detrend(x);
    let power = periodogram(&d);
    let acfs: Vec<f64> = (0..=half).map(|lag| acf(&d, lag)).collect();
    let is_hill = |lag: usize| {
        lag > 1 && lag < half && acfs[lag] > acfs[lag - 1] && acfs[lag] > acfs[lag + 1]
    };
    // A peak counts when it stands out: at least 3 times the mean power (white noise exceeds
    // that about 5 % of the time).
    let threshold = 3.0 * power.iter().sum::<f64>() / power.len().max(1) as f64;
    let mut peaks: Vec<usize> = (1..=power.len())
        .filter(|&k| {
            let p = power[k - 1];
            p >= threshold
                && p > 0.0
                && (k == 1 || p > power[k - 2])
                && (k == power.len() || p > power[k])
        })
        .collect();
    peaks.sort_by(|a, b| power[b - 1].total_cmp(&power[a - 1]));
    let mut found: Vec<(f64, f64)> = Vec::new();
    for k in peaks {
        let from = (n as f64 / (k + 1) as f64).floor() as usize;
        let to = if k == 1 {
            n
        } else {
            (n as f64 / (k - 1) as f64).ceil() as usize
        };
        let best = (from.max(lo)..=to.min(hi))
            .filter(|&lag| is_hill(lag))
            .max_by(|a, b| acfs[*a].total_cmp(&acfs[*b]));
        if let Some(lag) = best {
            let score = acfs[lag].clamp(0.0, 1.0);
            if score > 0.0 && !found.iter().any(|(p, _)| *p == lag as f64) {
                found.push((lag as f64, score));
            }
        }
    }
    found.sort_by(|a, b| b.1.total_cmp(&a.1));
    found
}

/// `series_periods_detect(series, min_period, max_period, num_periods)`:
/// `[periods, scores]`, each `num_periods` long (zeros where nothing more was found).
fn periods_detect(args: &[Value]) -> Value {
    let Some(x) = series(arg(args, 0)) else {
        return Value::Null;
    };
    let (Some(min), Some(max), Some(count)) =
        (num(arg(args, 1)), num(arg(args, 2)), long(arg(args, 3)))
    else {
        return Value::Null;
    };
    let count = count.clamp(0, 1024) as usize;
    let mut found = detect(&x, min, max);
    found.truncate(count);
    found.resize(count, (0.0, 0.0));
    Value::Array(vec![
        Value::Array(found.iter().map(|(p, _)| real(*p)).collect()),
        Value::Array(found.iter().map(|(_, s)| real(*s)).collect()),
    ])
}

/// `series_periods_validate(series, period, ...)`: `[periods, scores]`.
fn periods_validate(args: &[Value]) -> Value {
    let Some(x) = series(arg(args, 0)) else {
        return Value::Null;
    };
    let d = detrend(&x);
    let periods: Vec<Option<f64>> = args[1..].iter().map(num).collect();
    Value::Array(vec![
        Value::Array(
            periods
                .iter()
                .map(|p| p.map_or(Value::Null, real))
                .collect(),
        ),
        Value::Array(
            periods
                .iter()
                .map(|p| real(p.map_or(0.0, |p| period_score(&d, p))))
                .collect(),
        ),
    ])
}

/// The median of `v` (sorted in place); the mean of the two middle values for an even count.
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// `series_seasonal(series[, period])`: each element replaced by the median of the elements at
/// the same position of every period. The period is detected when -1 (the default): the best
/// one `series_periods_detect()` finds between 4 and half the length, when it scores at least
/// 0.7; zeros when there is none, and for any other period below 1.
fn seasonal(args: &[Value]) -> Value {
    let Some(x) = series(arg(args, 0)) else {
        return Value::Null;
    };
    let period = match arg(args, 1) {
        Value::Null => -1,
        v => match long(v) {
            Some(p) => p,
            None => return Value::Null,
        },
    };
    let period = if period == -1 {
        detect(&x, 4.0, (x.len() / 2) as f64)
            .first()
            .filter(|(_, score)| *score >= 0.7)
            .map_or(0, |(p, _)| *p as usize)
    } else if period >= 1 {
        period as usize
    } else {
        0
    };
    if period == 0 {
        return Value::Array(x.iter().map(|_| real(0.0)).collect());
    }
    let medians: Vec<f64> = (0..period.min(x.len()))
        .map(|phase| {
            let mut values: Vec<f64> = x.iter().skip(phase).step_by(period).copied().collect();
            median(&mut values)
        })
        .collect();
    Value::Array((0..x.len()).map(|i| real(medians[i % period])).collect())
}

/// The operations of this file.
pub(super) const OPS: &[Op] = &[
    Op {
        name: "stats_columns",
        args: &[Kind::Dynamic, Kind::Bool],
        ret: Ret::Dynamic,
        f: stats_columns,
    },
    Op {
        name: "seasonal",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Dynamic,
        f: seasonal,
    },
    Op {
        name: "periods_detect",
        args: &[Kind::Dynamic, Kind::Real, Kind::Real, Kind::Long],
        ret: Ret::Dynamic,
        f: periods_detect,
    },
    Op {
        name: "periods_validate",
        args: &[Kind::Dynamic, Kind::Real],
        ret: Ret::Dynamic,
        f: periods_validate,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_period_is_detected_and_a_short_series_is_not() {
        let x: Vec<f64> = [2., 5., 3., 4., 3., 2.]
            .iter()
            .chain([1., 2., 3., 4., 3., 2.].iter().cycle().take(19))
            .copied()
            .collect();
        assert_eq!(detect(&x, 4.0, 12.0).first().map(|p| p.0), Some(6.0));
        let short = [1., 3., 5., 2., 4., 6., 1., 3., 5., 2., 4., 6.];
        assert!(detect(&short, 4.0, 6.0).is_empty());
    }

    #[test]
    fn medians_of_even_counts_average_the_middle() {
        assert_eq!(median(&mut [1.0, 2.0, 1.0, 2.0]), 1.5);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
    }
}
