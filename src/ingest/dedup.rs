//! The dedup index: which event identities the lake (and this run) already holds.
//!
//! Keys are grouped in hour buckets of the event time. A bucket is loaded from the lake the first
//! time the run touches that hour (a pruned scan of `ReportId` for that hour), then receives the
//! keys this run adds. Memory is bounded by a key budget: when it is exceeded, the least recently
//! used buckets are spilled to a temporary file and reloaded from there if touched again, so the
//! index stays the same size whether a run ingests one million events or a hundred million.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context, Result};
use hashbrown::HashSet;

/// Bucket of an event time (micros): the UTC hour, or `None` for events without a time.
pub fn bucket_of(timestamp: Option<i64>) -> Option<i64> {
    timestamp.map(|t| t.div_euclid(3_600_000_000))
}

/// Loads the keys the lake already holds for a bucket.
pub type Loader = Box<dyn Fn(Option<i64>) -> Result<Vec<u64>> + Send + Sync>;

struct Bucket {
    keys: HashSet<u64>,
    last_used: u64,
}

struct Inner {
    buckets: HashMap<Option<i64>, Bucket>,
    spilled: HashMap<Option<i64>, PathBuf>,
    keys_in_memory: usize,
    clock: u64,
    loads: u64,
    spills: u64,
}

pub struct Dedup {
    inner: Mutex<Inner>,
    loader: Loader,
    budget: usize,
    spill_dir: tempfile::TempDir,
}

/// Counters for the summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct DedupStats {
    pub lake_loads: u64,
    pub spills: u64,
}

impl Dedup {
    /// `budget`: keys kept in memory before buckets are spilled.
    pub fn new(loader: Loader, budget: usize) -> Result<Self> {
        Ok(Self {
            inner: Mutex::new(Inner {
                buckets: HashMap::new(),
                spilled: HashMap::new(),
                keys_in_memory: 0,
                clock: 0,
                loads: 0,
                spills: 0,
            }),
            loader,
            budget: budget.max(1024),
            spill_dir: tempfile::Builder::new().prefix("kqlhunt-dedup").tempdir()?,
        })
    }

    /// Records `key` in `bucket`; true if it was new (the event should be stored).
    pub fn insert(&self, bucket: Option<i64>, key: u64) -> Result<bool> {
        let mut inner = self
            .inner
            .lock()
            .map_err(|_| anyhow::anyhow!("dedup index poisoned"))?;
        inner.clock += 1;
        let now = inner.clock;
        if !inner.buckets.contains_key(&bucket) {
            let keys = match inner.spilled.remove(&bucket) {
                Some(path) => read_keys(&path)?,
                None => {
                    inner.loads += 1;
                    (self.loader)(bucket)?
                }
            };
            let set: HashSet<u64> = keys.into_iter().collect();
            inner.keys_in_memory += set.len();
            inner.buckets.insert(
                bucket,
                Bucket {
                    keys: set,
                    last_used: now,
                },
            );
            self.evict(&mut inner, bucket)?;
        }
        let b = inner.buckets.get_mut(&bucket).expect("bucket just loaded");
        b.last_used = now;
        let new = b.keys.insert(key);
        if new {
            inner.keys_in_memory += 1;
            if inner.keys_in_memory > self.budget {
                self.evict(&mut inner, bucket)?;
            }
        }
        Ok(new)
    }

    fn evict(&self, inner: &mut Inner, keep: Option<i64>) -> Result<()> {
        while inner.keys_in_memory > self.budget && inner.buckets.len() > 1 {
            let victim = inner
                .buckets
                .iter()
                .filter(|(b, _)| **b != keep)
                .min_by_key(|(_, v)| v.last_used)
                .map(|(b, _)| *b);
            let Some(victim) = victim else { break };
            let bucket = inner.buckets.remove(&victim).expect("victim exists");
            inner.keys_in_memory -= bucket.keys.len();
            let name = match victim {
                Some(h) => format!("{h}.keys"),
                None => "none.keys".to_string(),
            };
            let path = self.spill_dir.path().join(name);
            write_keys(&path, &bucket.keys)?;
            inner.spilled.insert(victim, path);
            inner.spills += 1;
        }
        Ok(())
    }

    pub fn stats(&self) -> DedupStats {
        let inner = self.inner.lock().expect("dedup index");
        DedupStats {
            lake_loads: inner.loads,
            spills: inner.spills,
        }
    }
}

fn write_keys(path: &PathBuf, keys: &HashSet<u64>) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).context("spill dedup keys")?);
    for k in keys {
        out.write_all(&k.to_le_bytes())?;
    }
    out.flush()?;
    Ok(())
}

fn read_keys(path: &PathBuf) -> Result<Vec<u64>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    std::fs::remove_file(path).ok();
    Ok(bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn finds_duplicates_across_evictions_and_lake_keys() {
        let loads = Arc::new(AtomicU64::new(0));
        let l = loads.clone();
        let loader: Loader = Box::new(move |bucket| {
            l.fetch_add(1, Ordering::SeqCst);
            // The lake already holds key 7 in bucket 0.
            Ok(if bucket == Some(0) { vec![7] } else { vec![] })
        });
        let d = Dedup::new(loader, 1024).unwrap();
        assert!(!d.insert(Some(0), 7).unwrap(), "already in the lake");
        for hour in 0..10 {
            for k in 0..1000u64 {
                assert!(d.insert(Some(hour), k * 100 + 1).unwrap());
            }
        }
        assert!(d.stats().spills > 0, "budget forced spills");
        // Everything inserted is still known, whether in memory or spilled.
        for hour in 0..10 {
            assert!(!d.insert(Some(hour), 101).unwrap());
        }
        assert!(d.insert(None, 1).unwrap());
        assert!(!d.insert(None, 1).unwrap());
        assert_eq!(
            loads.load(Ordering::SeqCst),
            11,
            "each bucket loaded from the lake once"
        );
    }
}
