//! `kqlhunt gen` and `kqlhunt demo`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use datafusion::prelude::{ident, lit};

use crate::ingest::{self, DS_ARM, IngestOptions};
use crate::lake::{self, CLOUD_AUDIT_EVENTS, Lake};
use crate::synth::{self, SynthCodec, SynthFormat, SynthOptions};

/// The published Defender hunts shipped in `queries/hunts/`.
const HUNTS: [(&str, &str); 3] = [
    (
        "privileged-pod",
        include_str!("../queries/hunts/privileged-pod.kql"),
    ),
    (
        "exec-kube-system",
        include_str!("../queries/hunts/exec-kube-system.kql"),
    ),
    (
        "cluster-admin-binding",
        include_str!("../queries/hunts/cluster-admin-binding.kql"),
    ),
];

/// Options of the committed sample in `data/sample` (`kqlhunt gen` with these reproduces it).
pub fn sample_options(out: &Path) -> SynthOptions {
    SynthOptions {
        events: 5_000,
        seed: 7,
        out_dir: out.to_path_buf(),
        events_per_file: 2_500,
        format: SynthFormat::Capture,
        codec: SynthCodec::Deflate,
        ..Default::default()
    }
}

/// `kqlhunt gen`.
pub fn generate(
    events: u64,
    out: &Path,
    seed: u64,
    format: &str,
    codec: &str,
    events_per_file: Option<usize>,
    overwrite: bool,
) -> Result<String> {
    let mut opts = SynthOptions {
        events,
        seed,
        out_dir: out.to_path_buf(),
        overwrite,
        ..Default::default()
    };
    opts.format = match format {
        "capture" => SynthFormat::Capture,
        "jsonl" => SynthFormat::JsonLines,
        "both" => SynthFormat::Both,
        other => anyhow::bail!("unknown format `{other}` (capture, jsonl or both)"),
    };
    opts.codec = match codec {
        "null" => SynthCodec::Null,
        "deflate" => SynthCodec::Deflate,
        "mixed" => SynthCodec::Mixed,
        other => anyhow::bail!("unknown codec `{other}` (null, deflate or mixed)"),
    };
    if let Some(n) = events_per_file {
        opts.events_per_file = n;
    }
    let started = std::time::Instant::now();
    let s = synth::generate(&opts)?;
    Ok(format!(
        "wrote {} files ({}) to {}: {} events in {} records, {} re-delivered duplicates, {} non-audit and {} ARM records, in {:.1}s",
        s.files.len(),
        crate::util::human_bytes(s.bytes),
        out.display(),
        s.events,
        s.records,
        s.duplicates,
        s.non_audit_records,
        s.arm_records,
        started.elapsed().as_secs_f64()
    ))
}

/// The sample shipped in the repository, or (for an installed binary) the same sample generated
/// into `scratch`.
fn sample_dir(scratch: &Path) -> Result<PathBuf> {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("sample");
    if shipped.join("capture").is_dir() {
        return Ok(shipped);
    }
    let out = scratch.join("sample");
    synth::generate(&sample_options(&out))?;
    Ok(out)
}

/// `kqlhunt demo`: ingest the sample into a lake and show what is in it.
pub async fn run(lake_dir: Option<PathBuf>) -> Result<()> {
    let scratch = tempfile::Builder::new().prefix("kqlhunt-demo").tempdir()?;
    let lake_dir = lake_dir.unwrap_or_else(|| scratch.path().join("lake"));
    let sample = sample_dir(scratch.path())?;
    println!(
        "== kqlhunt demo: ingesting the sample capture files in {}",
        sample.display()
    );
    let summary = ingest::run(IngestOptions {
        inputs: vec![sample.join("capture").display().to_string()],
        lake: lake_dir.clone(),
        progress: false,
        ..Default::default()
    })
    .await?;
    print!("{summary}");
    println!("\n== re-running the same ingest is a no-op:");
    let again = ingest::run(IngestOptions {
        inputs: vec![sample.join("capture").display().to_string()],
        lake: lake_dir.clone(),
        ..Default::default()
    })
    .await?;
    println!(
        "{} files skipped as already ingested, {} events written",
        again.files_skipped, again.events_written
    );

    let lake = Lake::open(&lake_dir)
        .await
        .context("opening the demo lake")?;
    println!("\n== kqlhunt lake status --lake {}", lake_dir.display());
    print!("{}", lake::status::status(&lake).await?);

    let ctx = lake.session().await?;
    let events = ctx.table(CLOUD_AUDIT_EVENTS).await?;
    println!("\n== the busiest verbs");
    events
        .clone()
        .aggregate(
            vec![ident("OperationName")],
            vec![datafusion::functions_aggregate::expr_fn::count(lit(1)).alias("count_")],
        )?
        .sort(vec![ident("count_").sort(false, true)])?
        .limit(0, Some(6))?
        .show()
        .await?;
    // The published Defender hunts, verbatim, with now() fixed at the end of the sample's span so
    // `ago(1d)` means its last day.
    let planted = crate::synth::Planted::load(&sample.join("_planted.json"))?;
    let now = chrono::DateTime::parse_from_rfc3339(&planted.end)
        .context("the sample manifest's end time")?
        .with_timezone(&chrono::Utc);
    let options = crate::engine::QueryOptions {
        now: Some(now),
        max_rows: Some(20),
    };
    for (name, text) in HUNTS {
        println!(
            "\n== hunt {name} (queries/hunts/{name}.kql, verbatim; now() = {})",
            planted.end
        );
        match crate::engine::run_query(&ctx, text, &options).await {
            Ok(result) => print!("{}", result.render(crate::engine::Format::Table)),
            Err(diagnostic) => anyhow::bail!("{}", diagnostic.render(text)),
        }
    }

    println!("\n== Azure Resource Manager activity");
    events
        .filter(ident("DataSource").eq(lit(DS_ARM)))?
        .select(vec![
            ident("Timestamp"),
            ident("OperationName"),
            ident("Account"),
            ident("IPAddress"),
        ])?
        .sort(vec![ident("Timestamp").sort(true, true)])?
        .limit(0, Some(10))?
        .show()
        .await?;
    println!("\n== the same data through the Log Analytics view AKSAuditAdmin");
    ctx.table("AKSAuditAdmin")
        .await?
        .filter(ident("Verb").eq(lit("delete")))?
        .select(vec![
            ident("TimeGenerated"),
            ident("Verb"),
            ident("RequestUri"),
        ])?
        .sort(vec![ident("TimeGenerated").sort(true, true)])?
        .limit(0, Some(5))?
        .show()
        .await?;
    println!(
        "\nNext: `kqlhunt ingest <your capture folder> --lake ./lake`, `kqlhunt lake status --lake ./lake`, then `kqlhunt query -f queries/hunts/privileged-pod.kql --lake ./lake`, or hunt interactively with `kqlhunt repl --lake ./lake` (plain `kqlhunt` opens the REPL on this sample)."
    );
    Ok(())
}

/// Builds a lake from the bundled sample at `lake_dir` (quietly), for the REPL's default lake.
pub async fn build_sample_lake(lake_dir: &Path) -> Result<()> {
    let scratch = tempfile::Builder::new().prefix("kqlhunt-demo").tempdir()?;
    let sample = sample_dir(scratch.path())?;
    ingest::run(IngestOptions {
        inputs: vec![sample.join("capture").display().to_string()],
        lake: lake_dir.to_path_buf(),
        progress: false,
        ..Default::default()
    })
    .await?;
    Ok(())
}
