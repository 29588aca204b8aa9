//! Spreads N event times over the span with a diurnal rhythm, in increasing order, streaming.
//!
//! The span is cut into one-minute buckets; each bucket gets a share of the events proportional
//! to an hour-of-day weight (busier in European working hours), computed with exact integer
//! arithmetic so every platform produces the same times. Within a bucket the events are
//! stratified: the j-th of k falls at a random point of the j-th k-th of the bucket.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::json::{MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MIN, Micros};

/// Relative API-server load per UTC hour.
const HOUR_WEIGHT: [u64; 24] = [
    55, 50, 48, 47, 48, 55, 65, 80, 95, 105, 110, 112, 110, 112, 115, 112, 105, 95, 85, 78, 72, 66,
    62, 58,
];

const BUCKET: Micros = MICROS_PER_MIN;
const STRATUM_RESOLUTION: u128 = 1 << 20;

pub(crate) struct Timeline {
    start: Micros,
    end: Micros,
    total_events: u64,
    total_weight: u128,
    rng: ChaCha8Rng,
    /// Start of the current bucket.
    bucket_start: Micros,
    cumulative_weight: u128,
    /// Events emitted before the current bucket.
    emitted_before: u64,
    /// Events in the current bucket, and how many of them are out.
    in_bucket: u64,
    next_in_bucket: u64,
}

fn bucket_weight(bucket_start: Micros, end: Micros) -> u128 {
    let hour = (bucket_start.rem_euclid(MICROS_PER_DAY) / MICROS_PER_HOUR) as usize;
    let len = (end - bucket_start).min(BUCKET) as u128;
    HOUR_WEIGHT[hour] as u128 * len
}

impl Timeline {
    pub(crate) fn new(start: Micros, end: Micros, total_events: u64, rng: ChaCha8Rng) -> Timeline {
        let mut total_weight = 0u128;
        let mut b = start;
        while b < end {
            total_weight += bucket_weight(b, end);
            b += BUCKET;
        }
        Timeline {
            start,
            end,
            total_events,
            total_weight: total_weight.max(1),
            rng,
            bucket_start: start - BUCKET,
            cumulative_weight: 0,
            emitted_before: 0,
            in_bucket: 0,
            next_in_bucket: 0,
        }
    }

    /// Moves to the next bucket that has events; `false` when the span is exhausted.
    fn advance_bucket(&mut self) -> bool {
        loop {
            self.emitted_before += self.in_bucket;
            self.bucket_start += BUCKET;
            if self.bucket_start >= self.end {
                return false;
            }
            self.cumulative_weight += bucket_weight(self.bucket_start, self.end);
            let target = (self.total_events as u128 * self.cumulative_weight
                + self.total_weight / 2)
                / self.total_weight;
            self.in_bucket = target as u64 - self.emitted_before;
            self.next_in_bucket = 0;
            if self.in_bucket > 0 {
                return true;
            }
        }
    }
}

impl Iterator for Timeline {
    type Item = Micros;

    fn next(&mut self) -> Option<Micros> {
        if self.next_in_bucket >= self.in_bucket && !self.advance_bucket() {
            return None;
        }
        let j = self.next_in_bucket as u128;
        let k = self.in_bucket as u128;
        self.next_in_bucket += 1;
        let len = (self.end - self.bucket_start).min(BUCKET) as u128;
        let u = self.rng.random_range(0..STRATUM_RESOLUTION);
        let offset = (j * STRATUM_RESOLUTION + u) * len / (k * STRATUM_RESOLUTION);
        Some((self.bucket_start + offset as Micros).max(self.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn exact_count_sorted_within_span() {
        for n in [0u64, 1, 7, 2_000, 100_000] {
            let start = 1_800_000_000 * 1_000_000;
            let end = start + 2 * MICROS_PER_DAY;
            let times: Vec<Micros> =
                Timeline::new(start, end, n, ChaCha8Rng::seed_from_u64(1)).collect();
            assert_eq!(times.len() as u64, n);
            assert!(times.windows(2).all(|w| w[0] <= w[1]));
            assert!(times.iter().all(|&t| t >= start && t < end));
        }
    }

    #[test]
    fn diurnal_shape() {
        let start = 0; // 1970-01-01T00:00Z
        let end = MICROS_PER_DAY;
        let mut per_hour = [0u32; 24];
        for t in Timeline::new(start, end, 240_000, ChaCha8Rng::seed_from_u64(2)) {
            per_hour[(t / MICROS_PER_HOUR) as usize] += 1;
        }
        assert!(per_hour[14] > 2 * per_hour[3]);
    }
}
