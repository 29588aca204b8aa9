//! `kqlhunt bench ingest`: generated capture files of each size, ingested by a child process so
//! its peak RSS is the ingest's own; `kqlhunt bench hunts`: see [`hunts`].

use std::path::Path;

use anyhow::{Context, Result};

use crate::ingest::IngestSummary;
use crate::synth::{self, SynthCodec, SynthFormat, SynthOptions};

mod hunts;
pub use hunts::{DUCKDB_VERSION, HuntsOptions, HuntsReport, QueryReport, Timing, hunts};

fn dir_bytes(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!("{cores} cores, {cpu}")
}

/// `dir/gen-<n>`: `n` generated events (seed 42, null codec), generated unless already there.
fn generate(dir: &Path, n: u64) -> Result<std::path::PathBuf> {
    let gen_dir = dir.join(format!("gen-{n}"));
    if !gen_dir.join("_planted.json").exists() {
        let _ = std::fs::remove_dir_all(&gen_dir);
        eprintln!("generating {n} events into {} ...", gen_dir.display());
        synth::generate(&SynthOptions {
            events: n,
            seed: 42,
            out_dir: gen_dir.clone(),
            format: SynthFormat::Capture,
            codec: SynthCodec::Null,
            ..Default::default()
        })?;
    }
    Ok(gen_dir)
}

pub async fn ingest(sizes: &[u64], dir: &Path, threads: usize) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let exe = std::env::current_exe()?;
    println!("machine: {}", machine());
    println!(
        "| events | capture files | raw JSON (capture bytes) | ingest time | events/s | MB/s | peak RSS | lake size | lake / raw |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let gen_dir = generate(dir, n)?;
        let capture = gen_dir.join("capture");
        let raw = dir_bytes(&capture);
        let files = walkdir::WalkDir::new(&capture)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count();
        let lake = dir.join(format!("lake-{n}"));
        let _ = std::fs::remove_dir_all(&lake);
        let summary_path = dir.join(format!("summary-{n}.json"));
        eprintln!("ingesting {n} events ...");
        let status = std::process::Command::new(&exe)
            .arg("ingest")
            .arg(&capture)
            .arg("--lake")
            .arg(&lake)
            .arg("--quiet")
            .arg("--threads")
            .arg(threads.to_string())
            .arg("--summary-json")
            .arg(&summary_path)
            .status()
            .context("running kqlhunt ingest")?;
        anyhow::ensure!(status.success(), "ingest failed for {n} events");
        let summary: IngestSummary = serde_json::from_slice(&std::fs::read(&summary_path)?)?;
        let lake_bytes = dir_bytes(&lake.join(crate::lake::CLOUD_AUDIT_EVENTS));
        println!(
            "| {} | {} | {} | {:.1} s | {:.0} | {:.1} | {} | {} | {:.1}% |",
            summary.events_written,
            files,
            crate::util::human_bytes(raw),
            summary.elapsed_seconds,
            summary.events_per_second,
            summary.megabytes_per_second,
            summary
                .peak_rss_bytes
                .map(crate::util::human_bytes)
                .unwrap_or_else(|| "?".into()),
            crate::util::human_bytes(lake_bytes),
            100.0 * lake_bytes as f64 / raw.max(1) as f64
        );
    }
    Ok(())
}
