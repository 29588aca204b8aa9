//! `kqlhunt bench hunts`: the published hunts and two reports over a lake, each beside DuckDB
//! running hand-written equivalent SQL over the same Parquet files in the same run.
//!
//! kqlhunt runs in process (parse, plan, execute, collect: the whole query is timed). DuckDB runs
//! in one long-lived Python process (`bench/duckdb_driver.py`, DuckDB pinned from PyPI in a venv
//! the bench creates), which times `execute + fetchall` only. The two engines alternate run by
//! run with the same thread count, and their results are compared row by row: a difference fails
//! the bench. Parse + plan (KQL text to DataFusion logical plan) is timed separately.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use datafusion::prelude::SessionContext;
use serde::Serialize;
use serde_json::{Value, json};

use crate::engine::{self, QueryOptions, QueryResult};
use crate::lake::{CLOUD_AUDIT_EVENTS, Lake};
use crate::syntax::ScalarType;
use crate::synth::{HuntRows, Planted};

/// The DuckDB release installed from PyPI into the bench's venv.
pub const DUCKDB_VERSION: &str = "2.0.0";

const DRIVER: &str = include_str!("../../bench/duckdb_driver.py");

/// What pip installs into the venv (pins `duckdb==DUCKDB_VERSION`).
const REQUIREMENTS: &str = include_str!("../../bench/requirements.txt");

/// How two engines' results are compared.
#[derive(Clone, Copy, Debug)]
enum Compare {
    /// The same multiset of rows.
    Rows,
    /// `top N by C`: the same multiset of values of column `C` (rows tied on `C` at the cut may
    /// differ between engines).
    Column(usize),
}

/// One benchmark query: KQL (a file of the repository) and the equivalent DuckDB SQL.
struct Case {
    name: &'static str,
    kql_path: &'static str,
    kql: &'static str,
    sql: &'static str,
    compare: Compare,
    /// The manifest's rows for this hunt, when it is one.
    expected: Option<fn(&HuntRows) -> usize>,
}

const CASES: [Case; 5] = [
    Case {
        name: "privileged-pod",
        kql_path: "queries/hunts/privileged-pod.kql",
        kql: include_str!("../../queries/hunts/privileged-pod.kql"),
        sql: include_str!("../../bench/sql/privileged-pod.sql"),
        compare: Compare::Rows,
        expected: Some(|e| e.privileged_pod.len()),
    },
    Case {
        name: "exec-kube-system",
        kql_path: "queries/hunts/exec-kube-system.kql",
        kql: include_str!("../../queries/hunts/exec-kube-system.kql"),
        sql: include_str!("../../bench/sql/exec-kube-system.sql"),
        compare: Compare::Rows,
        expected: Some(|e| e.exec_kube_system.len()),
    },
    Case {
        name: "cluster-admin-binding",
        kql_path: "queries/hunts/cluster-admin-binding.kql",
        kql: include_str!("../../queries/hunts/cluster-admin-binding.kql"),
        sql: include_str!("../../bench/sql/cluster-admin-binding.sql"),
        compare: Compare::Rows,
        expected: Some(|e| e.cluster_admin_binding.len()),
    },
    Case {
        name: "events-by-hour-and-verb",
        kql_path: "queries/reports/events-by-hour-and-verb.kql",
        kql: include_str!("../../queries/reports/events-by-hour-and-verb.kql"),
        sql: include_str!("../../bench/sql/events-by-hour-and-verb.sql"),
        compare: Compare::Rows,
        expected: None,
    },
    Case {
        name: "deployment-deletions-by-ip",
        kql_path: "queries/reports/deployment-deletions-by-ip.kql",
        kql: include_str!("../../queries/reports/deployment-deletions-by-ip.kql"),
        sql: include_str!("../../bench/sql/deployment-deletions-by-ip.sql"),
        compare: Compare::Column(1),
        expected: None,
    },
];

/// Settings of `kqlhunt bench hunts`.
#[derive(Clone, Debug)]
pub struct HuntsOptions {
    /// An existing lake (else `dir/lake-<events>`, generated and ingested if missing).
    pub lake: Option<PathBuf>,
    /// Events to generate when the lake does not exist.
    pub events: u64,
    /// Work directory of generated data and lakes.
    pub dir: PathBuf,
    /// The generator's manifest (`_planted.json`): its end time is `now()`, and the hunts must
    /// return its planted rows. Default: `dir/gen-<events>/_planted.json`, or `gen-<n>` beside a
    /// `lake-<n>` given with `--lake`.
    pub manifest: Option<PathBuf>,
    /// `now()` of the queries when there is no manifest (default: the lake's last event time).
    pub now: Option<DateTime<Utc>>,
    /// Timed runs of each query and engine.
    pub repeat: usize,
    /// Untimed runs before them.
    pub warmup: usize,
    /// Threads of both engines.
    pub threads: usize,
    /// DataFusion's target partitions (tasks on the `threads` runtime threads; default: threads).
    pub partitions: Option<usize>,
    /// Extra DataFusion settings (`datafusion.execution.parquet.pushdown_filters`, `false`).
    pub settings: Vec<(String, String)>,
    /// Iterations of the parse + plan timing.
    pub plan_iterations: usize,
    /// Run DuckDB beside kqlhunt.
    pub duckdb: bool,
    /// The venv holding DuckDB (created if needed).
    pub venv: PathBuf,
}

impl Default for HuntsOptions {
    fn default() -> Self {
        Self {
            lake: None,
            events: 10_000_000,
            dir: PathBuf::from("target/bench"),
            manifest: None,
            now: None,
            repeat: 5,
            warmup: 1,
            threads: 2,
            partitions: None,
            settings: Vec::new(),
            plan_iterations: 1_000,
            duckdb: true,
            venv: PathBuf::from("target/bench-venv"),
        }
    }
}

/// Wall times of one engine on one query.
#[derive(Clone, Debug, Serialize)]
pub struct Timing {
    pub median_ms: f64,
    pub min_ms: f64,
    pub runs_ms: Vec<f64>,
    /// Peak RSS of the engine's process over this query's runs (Linux, when it can be reset).
    pub peak_rss_bytes: Option<u64>,
}

impl Timing {
    fn new(mut runs: Vec<f64>, peak_rss_bytes: Option<u64>) -> Self {
        let ms: Vec<f64> = runs.iter().map(|s| s * 1e3).collect();
        runs.sort_by(f64::total_cmp);
        let median = match runs.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => runs[n / 2],
            n => (runs[n / 2 - 1] + runs[n / 2]) / 2.0,
        };
        Self {
            median_ms: median * 1e3,
            min_ms: runs.first().copied().unwrap_or(f64::NAN) * 1e3,
            runs_ms: ms,
            peak_rss_bytes,
        }
    }
}

/// The figures of one query.
#[derive(Clone, Debug, Serialize)]
pub struct QueryReport {
    pub name: String,
    /// The KQL file in the repository.
    pub kql: String,
    pub rows: usize,
    /// Rows the generator's manifest expects (hunts only, when the manifest is known).
    pub expected_rows: Option<usize>,
    pub kqlhunt: Timing,
    pub duckdb: Option<Timing>,
    /// Mean parse + plan time (KQL text to DataFusion logical plan), µs.
    pub parse_plan_us: f64,
    /// Mean time of DataFusion's optimizer and physical planning of that plan, µs.
    pub physical_plan_us: f64,
    /// The Parquet scan of the physical plan (its predicate and pruning predicate).
    pub scan: Vec<String>,
}

/// The result of `kqlhunt bench hunts`.
#[derive(Clone, Debug, Serialize)]
pub struct HuntsReport {
    pub machine: String,
    pub lake: String,
    pub events: u64,
    pub lake_bytes: u64,
    pub parquet_files: usize,
    pub now: String,
    pub threads: usize,
    pub partitions: usize,
    /// DataFusion settings given with `--set`.
    pub settings: Vec<String>,
    pub repeat: usize,
    pub warmup: usize,
    pub duckdb_version: Option<String>,
    pub queries: Vec<QueryReport>,
}

/// Resets this process's peak RSS (Linux `clear_refs` 5); false if not possible.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The lake to use (generated and ingested if missing) and the manifest beside it, if any.
async fn prepare_lake(opts: &HuntsOptions) -> Result<(PathBuf, Option<PathBuf>)> {
    if let Some(lake) = &opts.lake {
        let manifest = opts.manifest.clone().or_else(|| {
            let name = lake.file_name()?.to_str()?;
            let n = name.strip_prefix("lake-")?;
            let p = lake
                .parent()?
                .join(format!("gen-{n}"))
                .join("_planted.json");
            p.exists().then_some(p)
        });
        return Ok((lake.clone(), manifest));
    }
    let n = opts.events;
    let gen_dir = super::generate(&opts.dir, n)?;
    let lake = opts.dir.join(format!("lake-{n}"));
    if !lake
        .join(CLOUD_AUDIT_EVENTS)
        .join("_delta_log")
        .join("00000000000000000001.json")
        .exists()
    {
        let _ = std::fs::remove_dir_all(&lake);
        eprintln!("ingesting {n} events into {} ...", lake.display());
        crate::ingest::run(crate::ingest::IngestOptions {
            inputs: vec![gen_dir.join("capture").display().to_string()],
            lake: lake.clone(),
            threads: opts.threads,
            progress: false,
            ..Default::default()
        })
        .await?;
    }
    let manifest = opts
        .manifest
        .clone()
        .unwrap_or_else(|| gen_dir.join("_planted.json"));
    Ok((lake, Some(manifest)))
}

/// Cells of a result as text, datetimes normalised to six fraction digits.
fn normalise(cell: &str, ty: ScalarType) -> String {
    if ty == ScalarType::DateTime
        && let Ok(t) = DateTime::parse_from_rfc3339(cell)
    {
        return t
            .with_timezone(&Utc)
            .format("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string();
    }
    cell.to_string()
}

fn kql_rows(result: &QueryResult) -> Vec<Vec<String>> {
    result
        .text_rows()
        .into_iter()
        .map(|row| {
            row.iter()
                .zip(&result.columns)
                .map(|(cell, c)| normalise(cell, c.ty))
                .collect()
        })
        .collect()
}

/// The comparable form of a result: sorted rows, or the sorted values of one column.
fn comparable(rows: &[Vec<String>], compare: Compare) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = match compare {
        Compare::Rows => rows.to_vec(),
        Compare::Column(i) => rows
            .iter()
            .map(|r| vec![r.get(i).cloned().unwrap_or_default()])
            .collect(),
    };
    out.sort();
    out
}

/// The DuckDB driver process.
struct Duck {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Duck {
    fn start(python: &Path, script: &Path) -> Result<Self> {
        let mut child = Command::new(python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", python.display()))?;
        let stdin = child.stdin.take().context("driver stdin")?;
        let stdout = BufReader::new(child.stdout.take().context("driver stdout")?);
        Ok(Self {
            child,
            stdin,
            stdout,
        })
    }

    fn call(&mut self, request: Value) -> Result<Value> {
        writeln!(self.stdin, "{request}")?;
        self.stdin.flush()?;
        let mut line = String::new();
        self.stdout.read_line(&mut line)?;
        anyhow::ensure!(!line.is_empty(), "the DuckDB driver exited");
        let answer: Value = serde_json::from_str(&line).context("the DuckDB driver's answer")?;
        if let Some(e) = answer.get("error") {
            anyhow::bail!("DuckDB: {e}");
        }
        Ok(answer)
    }

    /// Runs `sql`: seconds and rows (as text).
    fn run(&mut self, sql: &str) -> Result<(f64, Vec<Vec<String>>)> {
        let a = self.call(json!({"op": "run", "sql": sql, "rows": true}))?;
        let seconds = a["seconds"].as_f64().context("seconds")?;
        let rows = serde_json::from_value(a["rows"].clone())?;
        Ok((seconds, rows))
    }

    fn reset_peak(&mut self) -> Result<bool> {
        Ok(self.call(json!({"op": "reset_peak"}))?["ok"] == true)
    }

    fn peak(&mut self) -> Result<Option<u64>> {
        Ok(self.call(json!({"op": "peak"}))?["peak_rss_bytes"].as_u64())
    }
}

impl Drop for Duck {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The venv's Python with DuckDB `DUCKDB_VERSION` installed (created with `python3 -m venv` and
/// pip on first use).
fn duckdb_python(venv: &Path) -> Result<PathBuf> {
    let python = venv.join("bin").join("python");
    let installed = || {
        Command::new(&python)
            .args(["-c", "import duckdb, pytz; print(duckdb.__version__)"])
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    debug_assert!(REQUIREMENTS.contains(&format!("duckdb=={DUCKDB_VERSION}")));
    if installed().as_deref() == Some(DUCKDB_VERSION) {
        return Ok(python);
    }
    if !python.exists() {
        eprintln!("creating the venv {} ...", venv.display());
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(venv)
            .status()
            .context("running python3 -m venv")?;
        anyhow::ensure!(
            status.success(),
            "python3 -m venv {} failed",
            venv.display()
        );
    }
    eprintln!("installing bench/requirements.txt (duckdb=={DUCKDB_VERSION}) from PyPI ...");
    let requirements = venv.join("requirements.txt");
    std::fs::write(&requirements, REQUIREMENTS)?;
    let status = Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", "-r"])
        .arg(&requirements)
        .status()
        .context("running pip")?;
    anyhow::ensure!(
        status.success(),
        "pip install -r bench/requirements.txt failed"
    );
    anyhow::ensure!(
        installed().as_deref() == Some(DUCKDB_VERSION),
        "duckdb {DUCKDB_VERSION} is not importable from {}",
        python.display()
    );
    Ok(python)
}

/// The live Parquet files of the events table (from the Delta log, adds minus removes).
fn live_files(lake: &Lake) -> Result<Vec<String>> {
    lake.events
        .get_file_uris()?
        .map(|uri| match url::Url::parse(&uri) {
            Ok(url) if url.scheme() == "file" => url
                .to_file_path()
                .map(|p| p.display().to_string())
                .map_err(|_| anyhow::anyhow!("bad file URI {uri}")),
            _ => Ok(uri),
        })
        .collect()
}

async fn run_kql(ctx: &SessionContext, text: &str, options: &QueryOptions) -> Result<QueryResult> {
    engine::run_query(ctx, text, options)
        .await
        .map_err(|d| anyhow::anyhow!("{}", d.render(text)))
}

/// Mean parse + plan time and mean optimise + physical planning time, in µs.
async fn plan_times(
    ctx: &SessionContext,
    text: &str,
    options: &QueryOptions,
    iterations: usize,
) -> Result<(f64, f64)> {
    let iterations = iterations.max(1);
    let physical_iterations = iterations.div_ceil(10);
    // A few plans are kept for the physical planning below (not all: the resident set would grow).
    let mut plans = Vec::with_capacity(physical_iterations);
    let started = Instant::now();
    for _ in 0..iterations {
        let (_, planned) = engine::plan(ctx, text, options)
            .await
            .map_err(|d| anyhow::anyhow!("{}", d.render(text)))?;
        if plans.len() < physical_iterations {
            plans.push(planned.plan);
        }
    }
    let plan_us = started.elapsed().as_secs_f64() * 1e6 / iterations as f64;
    let state = ctx.state();
    let started = Instant::now();
    for plan in plans.iter().take(physical_iterations) {
        state.create_physical_plan(plan).await?;
    }
    let physical_us = started.elapsed().as_secs_f64() * 1e6 / physical_iterations as f64;
    Ok((plan_us, physical_us))
}

/// The lines of the physical plan that read Parquet, with their predicates.
async fn scan_lines(
    ctx: &SessionContext,
    text: &str,
    options: &QueryOptions,
) -> Result<Vec<String>> {
    let explanation = engine::explain(ctx, text, options)
        .await
        .map_err(|d| anyhow::anyhow!("{}", d.render(text)))?;
    Ok(explanation
        .physical
        .lines()
        .filter(|l| l.contains("DataSourceExec"))
        .map(|l| {
            // The file groups are long and say nothing about the plan.
            let l = l.trim();
            match (l.find("file_groups={"), l.find("projection=")) {
                (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b..]),
                _ => l.to_string(),
            }
        })
        .collect())
}

/// Runs the benchmark.
pub async fn hunts(opts: &HuntsOptions) -> Result<HuntsReport> {
    let (lake_dir, manifest) = prepare_lake(opts).await?;
    let planted = match &manifest {
        Some(p) => Some(Planted::load(p)?),
        None => None,
    };
    let lake = Lake::open(&lake_dir).await?;
    let ctx = lake.session().await?;
    {
        let state = ctx.state_ref();
        let mut state = state.write();
        let options = state.config_mut().options_mut();
        options.execution.target_partitions = opts.partitions.unwrap_or(opts.threads).max(1);
        for (key, value) in &opts.settings {
            options
                .set(key, value)
                .with_context(|| format!("setting {key} = {value}"))?;
        }
    }

    let now = match (&planted, opts.now) {
        (_, Some(now)) => now,
        (Some(p), None) => DateTime::parse_from_rfc3339(&p.end)
            .context("the manifest's end time")?
            .with_timezone(&Utc),
        (None, None) => {
            let r = run_kql(
                &ctx,
                "CloudAuditEvents | summarize max(Timestamp)",
                &QueryOptions::default(),
            )
            .await?;
            let cell = r.text_rows().first().and_then(|r| r.first().cloned());
            let cell = cell
                .filter(|c| !c.is_empty())
                .context("the lake is empty")?;
            DateTime::parse_from_rfc3339(&cell)?.with_timezone(&Utc)
        }
    };
    let options = QueryOptions {
        now: Some(now),
        max_rows: None,
    };
    let now_sql = now.format("%Y-%m-%d %H:%M:%S%.6f+00").to_string();
    let events = run_kql(&ctx, "CloudAuditEvents | count", &options)
        .await?
        .text_rows()
        .first()
        .and_then(|r| r.first())
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let files = live_files(&lake)?;

    let mut duck = None;
    let mut duckdb_version = None;
    if opts.duckdb {
        let python = duckdb_python(&opts.venv)?;
        let script = opts.venv.join("duckdb_driver.py");
        std::fs::write(&script, DRIVER)?;
        let mut d = Duck::start(&python, &script)?;
        let a = d.call(json!({"op": "open", "files": files, "threads": opts.threads}))?;
        duckdb_version = a["duckdb"].as_str().map(str::to_string);
        duck = Some(d);
    }

    let mut queries = Vec::new();
    for case in &CASES {
        eprintln!("{} ...", case.name);
        let sql = case.sql.replace("{now}", &now_sql);
        // Warm-up, and the check that both engines return the same rows.
        let mut result = run_kql(&ctx, case.kql, &options).await?;
        for _ in 1..opts.warmup.max(1) {
            result = run_kql(&ctx, case.kql, &options).await?;
        }
        let rows = result.row_count();
        let expected_rows = match (&planted, case.expected) {
            (Some(p), Some(f)) => Some(f(&p.expected.capture)),
            _ => None,
        };
        if let Some(want) = expected_rows {
            anyhow::ensure!(
                rows == want,
                "{}: kqlhunt returned {rows} rows, the manifest plants {want}",
                case.name
            );
        }
        if let Some(d) = duck.as_mut() {
            let mut theirs = Vec::new();
            for _ in 0..opts.warmup.max(1) {
                theirs = d.run(&sql)?.1;
            }
            let ours = comparable(&kql_rows(&result), case.compare);
            let theirs = comparable(&theirs, case.compare);
            if ours != theirs {
                let first = ours
                    .iter()
                    .zip(&theirs)
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("\n  kqlhunt: {a:?}\n  DuckDB:  {b:?}"))
                    .unwrap_or_default();
                anyhow::bail!(
                    "{}: kqlhunt and DuckDB disagree: {} vs {} rows{first}",
                    case.name,
                    ours.len(),
                    theirs.len()
                );
            }
        }

        // Timed runs, alternating which engine goes first.
        let ours_reset = reset_peak_rss();
        let theirs_reset = match duck.as_mut() {
            Some(d) => d.reset_peak()?,
            None => false,
        };
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for i in 0..opts.repeat {
            for engine in [i % 2, 1 - i % 2] {
                if engine == 0 {
                    let started = Instant::now();
                    let r = run_kql(&ctx, case.kql, &options).await?;
                    ours.push(started.elapsed().as_secs_f64());
                    anyhow::ensure!(r.row_count() == rows, "{}: row count changed", case.name);
                } else if let Some(d) = duck.as_mut() {
                    theirs.push(d.run(&sql)?.0);
                }
            }
        }
        let ours_peak = ours_reset.then(crate::util::peak_rss_bytes).flatten();
        let duckdb = match duck.as_mut() {
            Some(d) => {
                let peak = if theirs_reset { d.peak()? } else { None };
                Some(Timing::new(theirs, peak))
            }
            None => None,
        };
        let (parse_plan_us, physical_plan_us) =
            plan_times(&ctx, case.kql, &options, opts.plan_iterations).await?;
        queries.push(QueryReport {
            name: case.name.to_string(),
            kql: case.kql_path.to_string(),
            rows,
            expected_rows,
            kqlhunt: Timing::new(ours, ours_peak),
            duckdb,
            parse_plan_us,
            physical_plan_us,
            scan: scan_lines(&ctx, case.kql, &options).await?,
        });
    }
    Ok(HuntsReport {
        machine: super::machine(),
        lake: lake_dir.display().to_string(),
        events,
        lake_bytes: super::dir_bytes(&lake_dir.join(CLOUD_AUDIT_EVENTS)),
        parquet_files: files.len(),
        now: now.to_rfc3339(),
        threads: opts.threads,
        partitions: opts.partitions.unwrap_or(opts.threads).max(1),
        settings: opts
            .settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect(),
        repeat: opts.repeat,
        warmup: opts.warmup,
        duckdb_version,
        queries,
    })
}

fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

fn rss(v: Option<u64>) -> String {
    v.map(crate::util::human_bytes)
        .unwrap_or_else(|| "?".into())
}

impl std::fmt::Display for HuntsReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "machine: {}", self.machine)?;
        writeln!(
            f,
            "lake: {} ({} events, {} in {} Parquet files); now() = {}",
            self.lake,
            self.events,
            crate::util::human_bytes(self.lake_bytes),
            self.parquet_files,
            self.now
        )?;
        writeln!(
            f,
            "{} threads per engine; {} warm-up + {} timed runs each, alternating; DuckDB {}\n",
            self.threads,
            self.warmup.max(1),
            self.repeat,
            self.duckdb_version.as_deref().unwrap_or("not run")
        )?;
        writeln!(
            f,
            "| query | rows | kqlhunt median | kqlhunt min | DuckDB median | DuckDB min | kqlhunt / DuckDB | parse+plan | kqlhunt peak RSS | DuckDB peak RSS |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")?;
        for q in &self.queries {
            let (dm, dmin, ratio, drss) = match &q.duckdb {
                Some(d) => (
                    ms(d.median_ms),
                    ms(d.min_ms),
                    format!("{:.2}", q.kqlhunt.median_ms / d.median_ms),
                    rss(d.peak_rss_bytes),
                ),
                None => ("-".into(), "-".into(), "-".into(), "-".into()),
            };
            writeln!(
                f,
                "| {} | {} | {} | {} | {dm} | {dmin} | {ratio} | {:.0} µs | {} | {drss} |",
                q.name,
                q.rows,
                ms(q.kqlhunt.median_ms),
                ms(q.kqlhunt.min_ms),
                q.parse_plan_us,
                rss(q.kqlhunt.peak_rss_bytes),
            )?;
        }
        writeln!(
            f,
            "\nparse+plan: KQL text to DataFusion logical plan, mean; optimiser + physical planning adds:"
        )?;
        for q in &self.queries {
            writeln!(f, "  {}: {:.0} µs", q.name, q.physical_plan_us)?;
        }
        writeln!(f, "\nParquet scans:")?;
        for q in &self.queries {
            writeln!(f, "  {}:", q.name)?;
            for line in &q.scan {
                writeln!(f, "    {line}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_min_of_runs() {
        let t = Timing::new(vec![0.003, 0.001, 0.002], None);
        assert_eq!((t.median_ms, t.min_ms), (2.0, 1.0));
        assert_eq!(t.runs_ms, vec![3.0, 1.0, 2.0], "runs in the order they ran");
        let t = Timing::new(vec![0.004, 0.001, 0.002, 0.003], None);
        assert_eq!(t.median_ms, 2.5);
    }

    #[test]
    fn top_results_compare_on_the_ranked_column_only() {
        let ours = vec![
            vec!["10.0.0.1".to_string(), "3".to_string()],
            vec!["10.0.0.2".to_string(), "1".to_string()],
        ];
        let tied = vec![
            vec!["10.0.0.1".to_string(), "3".to_string()],
            vec!["10.0.0.9".to_string(), "1".to_string()],
        ];
        assert_eq!(
            comparable(&ours, Compare::Column(1)),
            comparable(&tied, Compare::Column(1))
        );
        assert_ne!(
            comparable(&ours, Compare::Rows),
            comparable(&tied, Compare::Rows)
        );
        let reordered = vec![ours[1].clone(), ours[0].clone()];
        assert_eq!(
            comparable(&ours, Compare::Rows),
            comparable(&reordered, Compare::Rows)
        );
    }

    #[test]
    fn datetimes_compare_with_six_fraction_digits() {
        assert_eq!(
            normalise("2026-11-21T04:00:00Z", ScalarType::DateTime),
            "2026-11-21T04:00:00.000000Z"
        );
        assert_eq!(normalise("2026-11-21", ScalarType::String), "2026-11-21");
        assert_eq!(normalise("", ScalarType::DateTime), "");
    }

    #[test]
    fn the_sql_uses_the_same_now_placeholder() {
        for case in &CASES {
            let uses_ago = case.kql.contains("ago(");
            assert_eq!(
                uses_ago,
                case.sql.contains("TIMESTAMPTZ '{now}'"),
                "{}",
                case.name
            );
        }
    }
}
