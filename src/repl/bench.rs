//! `kqlhunt bench repl-startup`: the time from starting `kqlhunt repl` to its first prompt.
//!
//! Each run starts the binary as a new process with the hidden `--startup-probe` flag, which
//! does everything the REPL does before its first prompt (open the lake, resolve its tables,
//! set up the editor and load the history) and then leaves; the figure is the wall time of the
//! whole process, as a user would wait for it.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result};

/// Runs the probe `runs` times on `lake` (default: the sample in a temporary lake) and prints
/// min, median and p90 in milliseconds.
pub async fn startup(lake: Option<PathBuf>, runs: usize) -> Result<()> {
    let scratch = tempfile::Builder::new().prefix("kqlhunt-bench").tempdir()?;
    let lake = match lake {
        Some(dir) => dir,
        None => {
            let dir = scratch.path().join("lake");
            crate::demo::build_sample_lake(&dir).await?;
            dir
        }
    };
    let exe = std::env::current_exe().context("finding the kqlhunt binary")?;
    let history = scratch.path().join("history");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let status = Command::new(&exe)
            .args(["repl", "--startup-probe", "--lake"])
            .arg(&lake)
            .env("KQLHUNT_HISTORY", &history)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .context("starting kqlhunt repl")?;
        anyhow::ensure!(
            status.success(),
            "kqlhunt repl --startup-probe failed: {status}"
        );
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "repl start-up to first prompt over {} runs on {}: min {:.1} ms, median {:.1} ms, p90 {:.1} ms",
        times.len(),
        lake.display(),
        at(0.0),
        at(0.5),
        at(0.9)
    );
    Ok(())
}
