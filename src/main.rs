//! The `kqlhunt` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use chrono::{DateTime, Utc};
use kqlhunt::engine::{self, Format, QueryOptions};
use kqlhunt::ingest::{self, IngestOptions, SourceHint};
use kqlhunt::lake::{self, Lake};

#[derive(Parser)]
#[command(
    name = "kqlhunt",
    version,
    about = "Hunt threats in Kubernetes audit logs with KQL, on your own machine",
    long_about = "kqlhunt ingests Kubernetes control-plane audit logs (Azure Event Hubs Capture \
Avro files, kube-apiserver audit JSON lines, EKS CloudWatch exports, GKE Cloud Audit Logs) into a \
local Delta Lake shaped like Defender's CloudAuditEvents, and hunts them with KQL.",
    after_help = "Start with `kqlhunt demo`, which ingests the bundled sample and shows what it holds."
)]
struct Cli {
    /// Without a command: the interactive REPL (`kqlhunt repl`).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest capture files and audit logs into a lake.
    #[command(after_help = "Examples:
  kqlhunt ingest ./capture --lake ./lake
      every file below ./capture (Avro capture, JSON lines, .gz), recursively
  kqlhunt ingest 'archive/**/*.avro' --lake ./lake --summary-json run.json
      a glob; the end-of-run summary also goes to run.json
  kqlhunt ingest /var/log/kubernetes/audit.log --lake ./lake --source kubernetes --cluster onprem-1
      raw kube-apiserver audit log lines, tagged with their cluster

Re-running over the same files is a no-op: the lake records each file's SHA-256. The same event
delivered twice (same audit ID, stage and cluster) is stored once. Anything that cannot be ingested
goes to the lake's dead-letter table with its reason; see `kqlhunt lake dead-letters`.")]
    Ingest {
        /// Files, folders (read recursively) or globs.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// The lake directory (created if missing).
        #[arg(long, env = "KQLHUNT_LAKE")]
        lake: PathBuf,
        /// Worker threads (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// DataSource for raw audit lines, which do not say where they come from.
        #[arg(long, value_enum, default_value_t = SourceHint::Auto)]
        source: SourceHint,
        /// Cluster identity for raw audit lines (part of the dedup key).
        #[arg(long)]
        cluster: Option<String>,
        /// No progress bar and no summary on the terminal.
        #[arg(long, short)]
        quiet: bool,
        /// Also write the end-of-run summary as JSON to this file.
        #[arg(long)]
        summary_json: Option<PathBuf>,
    },
    /// Run a KQL query over a lake.
    #[command(after_help = "Examples:
  kqlhunt query 'CloudAuditEvents | where OperationName == \"create\" | count' --lake ./lake
  kqlhunt query -f queries/hunts/privileged-pod.kql --lake ./lake --now 2026-11-22T00:00:00Z
  kqlhunt query 'CloudAuditEvents | take 5' --lake ./lake --format json

Errors print the query with a caret under the problem and a KQLnnnn code (docs/syntax.md lists
them). `now()` and `ago()` use the current time unless --now sets it.")]
    Query {
        /// The KQL query (or -f FILE).
        #[arg(required_unless_present = "file")]
        query: Option<String>,
        /// Read the query from a file.
        #[arg(short = 'f', long = "file", conflicts_with = "query")]
        file: Option<PathBuf>,
        /// The lake directory. Without one, only queries that need no table run (`print`,
        /// `datatable`, `range`, ...).
        #[arg(long, env = "KQLHUNT_LAKE")]
        lake: Option<PathBuf>,
        /// Output format: table, csv, json, ndjson or parquet.
        #[arg(long, default_value = "table")]
        format: QueryFormat,
        /// Write the result to this file instead of standard output (needed for parquet on a
        /// terminal).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The query's `now()` (ISO 8601, UTC unless an offset is given).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<Utc>>,
        /// Print at most this many rows.
        #[arg(long)]
        max_rows: Option<usize>,
    },
    /// The interactive hunting REPL (also what `kqlhunt` alone starts).
    #[command(after_help = "Examples:
  kqlhunt repl --lake ./lake
      type KQL; Tab completes tables, operators, columns and RawEventData paths; .help lists
      the dot-commands
  kqlhunt repl --lake ./lake < hunts.kql
      runs each statement of the script and prints the results (no prompts, no colours)

Without --lake or KQLHUNT_LAKE the REPL opens the demo lake (built from the bundled sample on
first use). History is kept in the user's data directory (KQLHUNT_HISTORY overrides). See
docs/repl.md.")]
    Repl {
        /// The lake directory (default: KQLHUNT_LAKE, else the demo lake).
        #[arg(long, env = "KQLHUNT_LAKE")]
        lake: Option<PathBuf>,
        /// Print at most this many rows of a result (the rest are counted).
        #[arg(long)]
        max_rows: Option<usize>,
        /// The queries' `now()` (ISO 8601); `.now` changes it.
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<Utc>>,
        /// Output format: table, csv, json or ndjson.
        #[arg(long, default_value = "table")]
        format: Format,
        /// Print the time to the first prompt and leave (start-up benchmark).
        #[arg(long, hide = true)]
        startup_probe: bool,
    },
    /// Show how a KQL query is planned: canonical KQL, logical plan, optimized physical plan.
    Explain {
        /// The KQL query (or -f FILE).
        #[arg(required_unless_present = "file")]
        query: Option<String>,
        /// Read the query from a file.
        #[arg(short = 'f', long = "file", conflicts_with = "query")]
        file: Option<PathBuf>,
        /// The lake directory.
        #[arg(long, env = "KQLHUNT_LAKE")]
        lake: PathBuf,
        /// The query's `now()` (ISO 8601).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<Utc>>,
    },
    /// Run the KQL conformance corpus (documented examples) and print the pass rate.
    #[command(after_help = "Examples:
  kqlhunt conformance
      every case of ../shared/kql-conformance; pass rates and the top failure causes
  kqlhunt conformance --filter join --failures
      only cases whose id contains `join`, listing each failure

The strict subset and the comparison rules are the corpus README's; see docs/conformance.md.")]
    Conformance {
        /// The corpus folder (holding cases.jsonl and expression_cases.jsonl).
        #[arg(
            long,
            default_value = "../shared/kql-conformance",
            env = "KQLHUNT_CONFORMANCE"
        )]
        corpus: PathBuf,
        /// Only cases whose id contains this text.
        #[arg(long)]
        filter: Option<String>,
        /// List every failing strict case with its cause.
        #[arg(long)]
        failures: bool,
        /// How many failure causes to show.
        #[arg(long, default_value_t = 25)]
        top: usize,
        /// Print every case's result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the KQL functions of the catalog, or print their reference (docs/functions.md).
    #[command(after_help = "Examples:
  kqlhunt functions
      every function with its signature
  kqlhunt functions --markdown > docs/functions.md
      the reference, with summaries and examples")]
    Functions {
        /// Print the Markdown reference instead of the list.
        #[arg(long)]
        markdown: bool,
    },
    /// Inspect a lake.
    Lake {
        #[command(subcommand)]
        command: LakeCommand,
    },
    /// Generate deterministic synthetic AKS capture files (with planted suspicious activity).
    Gen {
        /// Number of audit events.
        #[arg(long, default_value_t = 10_000)]
        events: u64,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// capture, jsonl or both.
        #[arg(long, default_value = "capture")]
        format: String,
        /// Avro codec: null or deflate.
        #[arg(long, default_value = "null")]
        codec: String,
        /// Events per capture file.
        #[arg(long)]
        events_per_file: Option<usize>,
        /// Replace an earlier generator output in --out.
        #[arg(long)]
        force: bool,
    },
    /// Ingest the bundled sample into a temporary lake and show what is in it.
    Demo {
        /// Keep the demo lake here instead of a temporary directory.
        #[arg(long)]
        lake: Option<PathBuf>,
    },
    /// Benchmarks (results go to docs/performance.md).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
}

#[derive(Subcommand)]
enum LakeCommand {
    /// Tables, rows, files, bytes, time range, sources and dead letters.
    Status {
        #[arg(long, env = "KQLHUNT_LAKE")]
        lake: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List dead-lettered items with their reasons.
    DeadLetters {
        #[arg(long, env = "KQLHUNT_LAKE")]
        lake: PathBuf,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Ingest generated capture files of each size; report events/s, peak RSS and lake size.
    Ingest {
        /// Event counts to run, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1000000,10000000")]
        events: Vec<u64>,
        /// Work directory (generated files are cached here between runs).
        #[arg(long, default_value = "target/bench")]
        dir: PathBuf,
        /// Worker threads for ingest (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// The published hunts and two reports, each beside DuckDB running equivalent SQL over the
    /// same Parquet files; also parse+plan time.
    #[command(after_help = "Examples:
  kqlhunt bench hunts --lake /tmp/bench/lake-10000000 --repeat 5
      an existing lake; now() is the end time of gen-10000000/_planted.json beside it
  kqlhunt bench hunts --events 1000000 --dir target/bench
      target/bench/lake-1000000, generated and ingested first if missing
  kqlhunt bench hunts --lake ./lake --no-duckdb --json

DuckDB (pinned, from PyPI) is installed into --venv with `python3 -m venv` and pip on first use.
The SQL is in bench/sql/, the DuckDB driver in bench/duckdb_driver.py. If the engines return
different rows, or a hunt does not return the generator's planted rows, the bench fails.")]
    Hunts {
        /// An existing lake (default: DIR/lake-EVENTS, generated and ingested if missing).
        #[arg(long)]
        lake: Option<PathBuf>,
        /// Events to generate when there is no lake.
        #[arg(long, default_value_t = 10_000_000)]
        events: u64,
        /// Work directory (generated files and lakes are cached here between runs).
        #[arg(long, default_value = "target/bench")]
        dir: PathBuf,
        /// The generator's manifest (`_planted.json`): now() is its end time, and the hunts must
        /// return its planted rows.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// now() of the queries without a manifest (default: the lake's last event time).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<Utc>>,
        /// Timed runs of each query and engine.
        #[arg(long, default_value_t = 5)]
        repeat: usize,
        /// Untimed runs before them (at least 1).
        #[arg(long, default_value_t = 1)]
        warmup: usize,
        /// Threads of each engine.
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// kqlhunt's DataFusion target partitions (default: --threads).
        #[arg(long)]
        partitions: Option<usize>,
        /// A DataFusion setting for kqlhunt, KEY=VALUE (repeatable), e.g.
        /// datafusion.execution.parquet.pushdown_filters=false.
        #[arg(long = "set", value_parser = parse_setting)]
        settings: Vec<(String, String)>,
        /// Iterations of the parse+plan timing.
        #[arg(long, default_value_t = 1000)]
        plan_iterations: usize,
        /// kqlhunt only (no Python, no network).
        #[arg(long)]
        no_duckdb: bool,
        /// The venv holding DuckDB.
        #[arg(long, default_value = "target/bench-venv")]
        venv: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Time from starting `kqlhunt repl` to its first prompt, over N runs, on a lake.
    ReplStartup {
        /// The lake (default: the sample ingested into a temporary lake).
        #[arg(long)]
        lake: Option<PathBuf>,
        /// Runs.
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
}

/// glibc keeps freed blocks of the large buffers ingest cycles through (Arrow batches, Parquet
/// pages) in per-thread arenas; serving blocks of 4 MiB and more with mmap returns them to the
/// system when freed, which keeps the resident set flat (measured: 600 → 300 MiB at 1M events).
/// Called before any other thread starts, for `ingest` only.
fn tune_allocator_for_ingest() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator parameters; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 20);
    }
}

/// Queries decompress Parquet pages of 1 to 5 MiB (`RawEventData`) into fresh buffers; with
/// glibc's defaults these come from new mappings or a trimmed heap each time, and the page faults
/// and zeroing took 40 % of the CPU of the privileged-pod hunt (1.3 s → 0.75 s at 1M events, same
/// peak RSS). Buffers up to 32 MiB (glibc's maximum) stay in the heap, which keeps 512 MiB of free
/// space before trimming.
fn tune_allocator_for_queries() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator parameters; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 << 20);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Some(Command::Ingest { .. })) {
        tune_allocator_for_ingest();
    } else {
        tune_allocator_for_queries();
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KQLHUNT_LOG").unwrap_or_else(|_| {
                "warn,buoyant_kernel=off,deltalake_core::writer::stats=error".into()
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    // `bench hunts` gives kqlhunt exactly the threads DuckDB gets.
    if let Some(Command::Bench {
        command: BenchCommand::Hunts { threads, .. },
    }) = &cli.command
    {
        builder.worker_threads((*threads).max(1));
    }
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    let command = cli.command.unwrap_or(Command::Repl {
        lake: std::env::var_os("KQLHUNT_LAKE")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from),
        max_rows: None,
        now: None,
        format: Format::Table,
        startup_probe: false,
    });
    match command {
        Command::Repl {
            lake,
            max_rows,
            now,
            format,
            startup_probe,
        } => {
            let (lake, demo) = match lake {
                Some(dir) => (dir, false),
                None => {
                    let dir = kqlhunt::repl::demo_lake_path();
                    if !dir.join(lake::CLOUD_AUDIT_EVENTS).is_dir() {
                        eprintln!(
                            "No lake given (--lake DIR or KQLHUNT_LAKE): building the demo lake from the bundled sample in {} ...",
                            dir.display()
                        );
                        kqlhunt::demo::build_sample_lake(&dir).await?;
                    }
                    (dir, true)
                }
            };
            let code = kqlhunt::repl::run(kqlhunt::repl::Options {
                lake,
                demo,
                max_rows,
                now,
                format,
                history: None,
                startup_probe,
            })
            .await?;
            Ok(ExitCode::from(code))
        }
        Command::Ingest {
            inputs,
            lake,
            threads,
            source,
            cluster,
            quiet,
            summary_json,
        } => {
            let opts = IngestOptions {
                inputs,
                lake,
                threads,
                source,
                cluster,
                progress: !quiet,
                ..Default::default()
            };
            let summary = ingest::run(opts).await?;
            if !quiet {
                print!("{summary}");
            }
            if let Some(path) = summary_json {
                std::fs::write(&path, serde_json::to_string_pretty(&summary)?)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Ok(if summary.files_failed > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Query {
            query,
            file,
            lake,
            format,
            output,
            now,
            max_rows,
        } => {
            let text = query_text(query, file)?;
            if format == QueryFormat::Parquet
                && output.is_none()
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
            {
                anyhow::bail!(
                    "parquet is binary: write it with `--output FILE` or redirect standard output"
                );
            }
            let ctx = match &lake {
                Some(lake) => Lake::open(lake).await?.session().await?,
                None => kqlhunt::lake::new_session(),
            };
            let options = QueryOptions { now, max_rows };
            match engine::run_query(&ctx, &text, &options).await {
                Ok(result) => {
                    write_result(&result, format, output.as_deref())?;
                    if result.truncated {
                        eprintln!(
                            "warning: more rows matched; showing the first {}",
                            result.row_count()
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(diagnostic) => {
                    eprint!("{}", diagnostic.render(&text));
                    if lake.is_none() && diagnostic.code == kqlhunt::diagnostic::Code::UnknownTable
                    {
                        eprintln!("note: no lake given: pass `--lake DIR` or set KQLHUNT_LAKE");
                    }
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Conformance {
            corpus,
            filter,
            failures,
            top,
            json,
        } => {
            let cases = kqlhunt::conformance::load(&corpus)?;
            let report = kqlhunt::conformance::run(&cases, filter.as_deref()).await;
            let mut text = String::new();
            if json {
                text = serde_json::to_string_pretty(&report)? + "\n";
            } else {
                if failures {
                    for r in report
                        .results
                        .iter()
                        .filter(|r| r.strict && !r.outcome.passed())
                    {
                        let line = match (&r.outcome, r.defect) {
                            (_, Some(reason)) => {
                                format!("DOC  {}  [documentation defect] {reason}", r.id)
                            }
                            (kqlhunt::conformance::Outcome::Error { cause, message }, None) => {
                                format!("FAIL {}  [{cause}] {message}", r.id)
                            }
                            (kqlhunt::conformance::Outcome::Mismatch { cause, detail }, None) => {
                                format!("FAIL {}  [{cause}] {detail}", r.id)
                            }
                            (kqlhunt::conformance::Outcome::Pass, None) => continue,
                        };
                        text.push_str(&line);
                        text.push('\n');
                    }
                    text.push('\n');
                }
                text.push_str(&report.summary(top));
            }
            write_stdout(&text)
        }
        Command::Functions { markdown } => {
            let text = if markdown {
                kqlhunt::functions::reference::markdown()
            } else {
                kqlhunt::functions::all()
                    .iter()
                    .map(|spec| format!("{:<28} {}\n", spec.name, spec.signature()))
                    .collect()
            };
            write_stdout(&text)
        }
        Command::Explain {
            query,
            file,
            lake,
            now,
        } => {
            let text = query_text(query, file)?;
            let ctx = Lake::open(&lake).await?.session().await?;
            let options = QueryOptions {
                now,
                max_rows: None,
            };
            match engine::explain(&ctx, &text, &options).await {
                Ok(explanation) => {
                    println!("{explanation}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(diagnostic) => {
                    eprint!("{}", diagnostic.render(&text));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Lake {
            command: LakeCommand::Status { lake, json },
        } => {
            let lake = Lake::open(&lake).await?;
            let status = lake::status::status(&lake).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&status)?);
            } else {
                print!("{status}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lake {
            command: LakeCommand::DeadLetters { lake, limit },
        } => {
            let lake = Lake::open(&lake).await?;
            let rows = lake::status::dead_letters(&lake, limit).await?;
            if rows.is_empty() {
                println!("no dead letters");
            }
            for r in rows {
                println!(
                    "{}  {}  [{}] {}",
                    r.source_file, r.position, r.stage, r.reason
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Gen {
            events,
            out,
            seed,
            format,
            codec,
            events_per_file,
            force,
        } => {
            let summary = kqlhunt::demo::generate(
                events,
                &out,
                seed,
                &format,
                &codec,
                events_per_file,
                force,
            )?;
            println!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { lake } => {
            kqlhunt::demo::run(lake).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            command:
                BenchCommand::Ingest {
                    events,
                    dir,
                    threads,
                },
        } => {
            kqlhunt::bench::ingest(&events, &dir, threads).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            command:
                BenchCommand::Hunts {
                    lake,
                    events,
                    dir,
                    manifest,
                    now,
                    repeat,
                    warmup,
                    threads,
                    partitions,
                    settings,
                    plan_iterations,
                    no_duckdb,
                    venv,
                    json,
                },
        } => {
            let report = kqlhunt::bench::hunts(&kqlhunt::bench::HuntsOptions {
                lake,
                events,
                dir,
                manifest,
                now,
                repeat,
                warmup,
                threads,
                partitions,
                settings,
                plan_iterations,
                duckdb: !no_duckdb,
                venv,
            })
            .await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{report}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            command: BenchCommand::ReplStartup { lake, runs },
        } => {
            kqlhunt::repl::bench::startup(lake, runs).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `--now`: a datetime in any form KQL's `datetime()` accepts.
fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    kqlhunt::value::parse_datetime(text)
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(|| format!("`{text}` is not a datetime (try 2026-11-22T00:00:00Z)"))
}

/// `--set KEY=VALUE`.
fn parse_setting(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .ok_or_else(|| format!("`{text}` is not KEY=VALUE"))
}

/// The query from the command line or from `-f FILE`.
/// `--format` of `kqlhunt query`: a text format, or Parquet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QueryFormat {
    Text(Format),
    Parquet,
}

impl std::str::FromStr for QueryFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "parquet" => Ok(QueryFormat::Parquet),
            other => other.parse().map(QueryFormat::Text).map_err(|_| {
                format!("unknown format `{other}` (expected table, csv, json, ndjson or parquet)")
            }),
        }
    }
}

/// Writes a query result to `output` (standard output when `None`).
fn write_result(
    result: &engine::QueryResult,
    format: QueryFormat,
    output: Option<&std::path::Path>,
) -> Result<()> {
    use std::io::Write;
    let mut sink: Box<dyn Write + Send> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout()),
    };
    match format {
        QueryFormat::Text(f) => sink.write_all(result.render(f).as_bytes())?,
        QueryFormat::Parquet => result.write_parquet(&mut sink)?,
    }
    sink.flush()?;
    Ok(())
}

fn query_text(query: Option<String>, file: Option<PathBuf>) -> Result<String> {
    match (query, file) {
        (Some(text), _) => Ok(text),
        (None, Some(path)) => std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display())),
        (None, None) => anyhow::bail!("give a query, or -f FILE"),
    }
}

/// Writes a command's whole output; a closed pipe (`| head`) ends it quietly.
fn write_stdout(text: &str) -> anyhow::Result<ExitCode> {
    match std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
