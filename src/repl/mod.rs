//! The interactive hunting REPL (`kqlhunt`, `kqlhunt repl --lake DIR`).
//!
//! A rustyline editor over one lake: multi-line KQL ([`input`]), colours ([`highlighter`]),
//! completion and hints in context ([`completer`]), dot-commands ([`commands`]) and results as a
//! table that fits the terminal ([`render`]). Queries run on the engine ([`crate::engine`]) as a
//! stream that Ctrl-C drops, with a spinner after half a second. When standard input is not a
//! terminal, the REPL runs each statement of the script and prints results without prompts or
//! colours. See `docs/repl.md`.

pub mod bench;
pub mod commands;
pub mod completer;
pub mod highlighter;
pub mod input;
pub mod render;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use datafusion::arrow::array::RecordBatch;
use datafusion::physical_plan::{ExecutionPlan, execute_stream};
use datafusion::prelude::SessionContext;
use futures::StreamExt;

use crate::diagnostic::{Diagnostic, Span};
use crate::engine::{self, Format, QueryOptions, QueryResult};
use crate::lake::Lake;
use crate::plan::{Catalog, SessionCatalog};
use commands::Command;
use completer::{Helper, Schema, SharedSchema};
use input::{Kind, tokenize};

/// Rows printed per result unless `--max-rows` or `.maxrows` says otherwise.
pub const DEFAULT_MAX_ROWS: usize = 50;
/// Rows counted past the printed ones, for the "N more rows" footer.
const MORE_ROWS_CAP: usize = 100_000;
/// How long a query runs before the spinner shows.
const SPINNER_AFTER: Duration = Duration::from_millis(500);
/// Rows of the lake read to learn the `RawEventData` paths for completion.
const PATH_SAMPLE_ROWS: usize = 2_000;

/// How the REPL starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The lake directory.
    pub lake: PathBuf,
    /// The lake is the demo lake (print a hint to make one's own).
    pub demo: bool,
    /// Print at most this many rows of a result.
    pub max_rows: Option<usize>,
    pub now: Option<DateTime<Utc>>,
    pub format: Format,
    /// The history file (default: `kqlhunt/history` in the user's data directory).
    pub history: Option<PathBuf>,
    /// Print the time to the first prompt on standard error and leave (the start-up benchmark).
    pub startup_probe: bool,
}

/// The history file: `$KQLHUNT_HISTORY`, else `<data dir>/kqlhunt/history`.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KQLHUNT_HISTORY") {
        return Some(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join("kqlhunt").join("history"))
}

/// Where the REPL keeps the demo lake when no lake is given.
pub fn demo_lake_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("kqlhunt")
        .join("demo-lake")
}

/// Where results go.
enum Output {
    Screen,
    File(PathBuf, std::fs::File),
}

/// One REPL session: the lake, the settings and the `let`s.
struct Session {
    lake_dir: PathBuf,
    ctx: SessionContext,
    schema: SharedSchema,
    format: Format,
    output: Output,
    timing: bool,
    max_rows: usize,
    now: Option<DateTime<Utc>>,
    last_query: Option<String>,
    interactive: bool,
    colour: bool,
    sampler: Option<tokio::task::JoinHandle<()>>,
    /// The runtime queries run on. It is not the one the REPL runs on: a query may keep every
    /// worker busy in long computations, and the REPL's runtime must stay free to drive the
    /// timers (the spinner) and the Ctrl-C signal.
    executor: tokio::runtime::Handle,
}

/// What running one piece of input did.
#[derive(PartialEq, Eq)]
enum Outcome {
    Ok,
    Failed,
    Quit,
}

/// Opens `dir` and returns its session and catalog.
async fn open_lake(dir: &Path) -> Result<(SessionContext, Arc<SessionCatalog>)> {
    let lake = Lake::open(dir).await?;
    let ctx = lake.session().await?;
    let catalog = SessionCatalog::new(&ctx)
        .await
        .context("reading the lake's tables")?;
    Ok((ctx, Arc::new(catalog)))
}

/// Every `a.b.c` key path of a JSON value below `prefix`, at most `depth` levels deep.
fn json_paths(
    value: &serde_json::Value,
    prefix: &str,
    depth: usize,
    out: &mut std::collections::BTreeSet<String>,
) {
    let serde_json::Value::Object(map) = value else {
        return;
    };
    for (key, child) in map {
        let simple = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !key.is_empty()
            && !key.starts_with(|c: char| c.is_ascii_digit());
        let path = if simple {
            format!("{prefix}.{key}")
        } else {
            format!("{prefix}['{}']", key.replace('\'', "\\'"))
        };
        if out.len() >= 5_000 {
            return;
        }
        out.insert(path.clone());
        if depth > 1 && simple {
            json_paths(child, &path, depth - 1, out);
        }
    }
}

/// Samples the JSON paths of the lake's dynamic columns for completion.
async fn sample_paths(ctx: SessionContext) -> Vec<String> {
    let mut paths = std::collections::BTreeSet::new();
    for column in ["RawEventData", "AdditionalFields"] {
        let text = format!("CloudAuditEvents | take {PATH_SAMPLE_ROWS} | project {column}");
        let Ok(result) = engine::run_query(&ctx, &text, &QueryOptions::default()).await else {
            continue;
        };
        for batch in &result.batches {
            let array = batch.column(0);
            for row in 0..batch.num_rows() {
                let value = engine::cell_json(array, row, result.columns[0].ty);
                json_paths(&value, column, 4, &mut paths);
            }
        }
    }
    paths.into_iter().collect()
}

/// The number of rows the plan's leaves (the scans) have produced so far.
fn rows_scanned(plan: &Arc<dyn ExecutionPlan>) -> usize {
    let children = plan.children();
    if children.is_empty() {
        return plan.metrics().and_then(|m| m.output_rows()).unwrap_or(0);
    }
    children.into_iter().map(rows_scanned).sum()
}

/// Is this input only `let` statements (which the session keeps)?
fn is_let_only(text: &str) -> bool {
    let tokens: Vec<_> = tokenize(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
        .collect();
    let Some(first) = tokens.first() else {
        return false;
    };
    if !matches!(first.text(text), "let" | "set")
        || tokens.last().map(|t| t.kind) != Some(Kind::Semicolon)
    {
        return false;
    }
    // Every top-level statement starts with `let`.
    let mut depth = 0i64;
    let mut at_start = true;
    for t in &tokens {
        if at_start && !matches!(t.text(text), "let" | "set") {
            return false;
        }
        at_start = false;
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Semicolon if depth <= 0 => at_start = true,
            _ => {}
        }
    }
    true
}

impl Session {
    fn println(&self, text: &str) {
        println!("{text}");
    }

    fn error(&self, text: &str) {
        if self.colour {
            eprintln!("\x1b[31m{text}\x1b[0m");
        } else {
            eprintln!("{text}");
        }
    }

    /// A diagnostic for `text` (which ran after the session's `let`s, `prefix`).
    fn diagnostic(&self, diagnostic: &Diagnostic, prefix: &str, text: &str) {
        let mut d = diagnostic.clone();
        let rendered = match d.span {
            Some(span) if span.start >= prefix.len() => {
                d.span = Some(Span::new(
                    span.start - prefix.len(),
                    span.end - prefix.len(),
                ));
                d.render(text)
            }
            Some(_) => d.render(&format!("{prefix}{text}")),
            None => d.render(text),
        };
        self.error(rendered.trim_end());
    }

    fn start_sampler(&mut self) {
        if let Some(old) = self.sampler.take() {
            old.abort();
        }
        let ctx = self.ctx.clone();
        let schema = self.schema.clone();
        self.sampler = Some(self.executor.spawn(async move {
            let paths = sample_paths(ctx).await;
            if let Ok(mut s) = schema.lock() {
                s.dynamic_paths = paths;
                s.paths_ready = true;
            }
        }));
    }

    fn options(&self) -> QueryOptions {
        QueryOptions {
            now: self.now,
            max_rows: Some(self.max_rows),
        }
    }

    fn let_prefix(&self) -> String {
        self.schema
            .lock()
            .map(|s| s.let_prefix())
            .unwrap_or_default()
    }

    /// Runs one piece of input: a dot-command, `let`s, or a query.
    async fn execute(&mut self, text: &str) -> Outcome {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed == ";" {
            return Outcome::Ok;
        }
        if trimmed.starts_with('.') {
            return match commands::parse(trimmed) {
                Ok(command) => self.command(command).await,
                Err(message) => {
                    self.error(&format!("error: {message}"));
                    Outcome::Failed
                }
            };
        }
        if is_let_only(trimmed) {
            return self.define(trimmed).await;
        }
        self.query(trimmed).await
    }

    /// Keeps `let` statements for the rest of the session (after checking they plan).
    async fn define(&mut self, text: &str) -> Outcome {
        let prefix = self.let_prefix();
        let probe = format!("{prefix}{text}\nprint 0");
        if let Err(d) = engine::plan(&self.ctx, &probe, &self.options()).await {
            self.diagnostic(&d, &prefix, text);
            return Outcome::Failed;
        }
        let names: Vec<String> = match crate::syntax::parse(text.trim_end_matches(';')) {
            Ok(q) => q
                .statements
                .iter()
                .filter_map(|s| match &s.kind {
                    crate::syntax::StatementKind::Let(l) => Some(l.name.name.to_string()),
                    _ => None,
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        if let Ok(mut s) = self.schema.lock() {
            s.lets.push(text.to_string());
            for n in &names {
                if !s.let_names.contains(n) {
                    s.let_names.push(n.clone());
                }
            }
            s.invalidate();
        }
        if self.interactive {
            self.println(&format!("defined {}", names.join(", ")));
        }
        Outcome::Ok
    }

    /// Runs a query: plan, stream (Ctrl-C drops it), print.
    async fn query(&mut self, text: &str) -> Outcome {
        self.last_query = Some(text.to_string());
        let prefix = self.let_prefix();
        let full = format!("{prefix}{text}");
        let started = Instant::now();
        let options = self.options();
        let planned = match engine::plan(&self.ctx, &full, &options).await {
            Ok((_, planned)) => planned,
            Err(d) => {
                self.diagnostic(&d, &prefix, text);
                return Outcome::Failed;
            }
        };
        let physical = match self.ctx.state().create_physical_plan(&planned.plan).await {
            Ok(p) => p,
            Err(e) => {
                self.error(&format!("error: {}", e.strip_backtrace()));
                return Outcome::Failed;
            }
        };
        let mut stream = match execute_stream(physical.clone(), self.ctx.task_ctx()) {
            Ok(s) => s,
            Err(e) => {
                self.error(&format!("error: {}", e.strip_backtrace()));
                return Outcome::Failed;
            }
        };
        // The stream runs on a worker, so that this loop stays free to draw the spinner and to
        // hear Ctrl-C even while an operator computes for a long time without yielding.
        let (tx, mut rx) = tokio::sync::mpsc::channel(4);
        let worker = self.executor.spawn(async move {
            while let Some(item) = stream.next().await {
                if tx.send(item).await.is_err() {
                    break;
                }
            }
        });
        let max = self.max_rows;
        let mut kept: Vec<RecordBatch> = Vec::new();
        let mut kept_rows = 0usize;
        let mut more = 0usize;
        let spinner_allowed = self.interactive && std::io::stderr().is_terminal();
        let mut spinner: Option<indicatif::ProgressBar> = None;
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        let interrupt = tokio::signal::ctrl_c();
        tokio::pin!(interrupt);
        let failure = loop {
            tokio::select! {
                next = rx.recv() => match next {
                    None => break None,
                    Some(Err(e)) => break Some(e.strip_backtrace().to_string()),
                    Some(Ok(batch)) => {
                        let n = batch.num_rows();
                        if kept_rows < max {
                            let take = n.min(max - kept_rows);
                            kept.push(batch.slice(0, take));
                            kept_rows += take;
                            more += n - take;
                        } else {
                            more += n;
                        }
                        if more >= MORE_ROWS_CAP {
                            break None;
                        }
                    }
                },
                _ = &mut interrupt => {
                    worker.abort();
                    if let Some(s) = spinner.take() {
                        s.finish_and_clear();
                    }
                    self.error(&format!("query cancelled after {:.2}s", started.elapsed().as_secs_f64()));
                    return if self.interactive { Outcome::Failed } else { Outcome::Quit };
                }
                _ = tick.tick() => {
                    if spinner_allowed && started.elapsed() >= SPINNER_AFTER {
                        let s = spinner.get_or_insert_with(|| {
                            let bar = indicatif::ProgressBar::new_spinner();
                            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                            bar
                        });
                        let scanned = match rows_scanned(&physical) {
                            0 => String::new(),
                            n => format!(" · {n} rows scanned"),
                        };
                        s.set_message(format!(
                            "running {:.1}s{scanned} · Ctrl-C cancels",
                            started.elapsed().as_secs_f64(),
                        ));
                        s.tick();
                    }
                }
            }
        };
        worker.abort();
        if let Some(s) = spinner.take() {
            s.finish_and_clear();
        }
        if let Some(message) = failure {
            self.error(&format!("error[KQL0200]: {message}"));
            return Outcome::Failed;
        }
        let elapsed = started.elapsed();
        let result = QueryResult {
            columns: planned.columns,
            batches: kept,
            truncated: more > 0,
            render: planned.render,
        };
        self.print_result(&result, more, elapsed)
    }

    fn print_result(&mut self, result: &QueryResult, more: usize, elapsed: Duration) -> Outcome {
        let rows = result.row_count();
        let body = match self.format {
            Format::Table => {
                let header: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
                let width = match self.output {
                    Output::Screen if std::io::stdout().is_terminal() => render::terminal_width(),
                    _ => usize::MAX,
                };
                render::table(&header, &result.text_rows(), width)
            }
            other => result.render(other),
        };
        let more_text = match more {
            0 => String::new(),
            n if n >= MORE_ROWS_CAP => format!(", {n}+ more rows"),
            1 => ", 1 more row".to_string(),
            n => format!(", {n} more rows"),
        };
        let timing = if self.timing {
            format!(", {:.3}s", elapsed.as_secs_f64())
        } else {
            String::new()
        };
        let footer = format!("({}{more_text}{timing})", render::rows_text(rows));
        match &mut self.output {
            Output::Screen => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(body.as_bytes());
                if self.format == Format::Table || self.interactive {
                    let _ = writeln!(out, "{footer}");
                }
                let _ = out.flush();
            }
            Output::File(path, file) => {
                if let Err(e) = file.write_all(body.as_bytes()) {
                    let message = format!("error: cannot write {}: {e}", path.display());
                    self.error(&message);
                    return Outcome::Failed;
                }
                if self.interactive {
                    let footer = format!("{footer} → {}", path.display());
                    self.println(&footer);
                }
            }
        }
        Outcome::Ok
    }

    async fn command(&mut self, command: Command) -> Outcome {
        match command {
            Command::Help => print!("{}", commands::help()),
            Command::Quit => return Outcome::Quit,
            Command::Tables => {
                let catalog = self.schema.lock().ok().and_then(|s| s.catalog.clone());
                if let Some(catalog) = catalog {
                    for name in catalog.table_names() {
                        if name.eq_ignore_ascii_case("information_schema") {
                            continue;
                        }
                        let columns = catalog
                            .table(&name)
                            .map(|t| t.schema().fields().len())
                            .unwrap_or(0);
                        println!("{name}  ({columns} columns)");
                    }
                }
            }
            Command::Schema(table) => {
                let prefix = self.let_prefix();
                match engine::plan(&self.ctx, &format!("{prefix}{table}"), &self.options()).await {
                    Ok((_, planned)) => {
                        let rows: Vec<Vec<String>> = planned
                            .columns
                            .iter()
                            .map(|c| vec![c.name.clone(), c.ty.name().to_string()])
                            .collect();
                        print!(
                            "{}",
                            render::table(&["Column".into(), "Type".into()], &rows, usize::MAX)
                        );
                    }
                    Err(d) => {
                        self.diagnostic(&d, &prefix, &table);
                        return Outcome::Failed;
                    }
                }
            }
            Command::Explain(text) => {
                let Some(text) = text.or_else(|| self.last_query.clone()) else {
                    self.error("error: .explain needs a query (or run one first)");
                    return Outcome::Failed;
                };
                let prefix = self.let_prefix();
                match engine::explain(&self.ctx, &format!("{prefix}{text}"), &self.options()).await
                {
                    Ok(explanation) => println!("{explanation}"),
                    Err(d) => {
                        self.diagnostic(&d, &prefix, &text);
                        return Outcome::Failed;
                    }
                }
            }
            Command::Format(f) => self.format = f,
            Command::Output(None) => {
                self.output = Output::Screen;
                if self.interactive {
                    println!("results go to the screen");
                }
            }
            Command::Output(Some(path)) => match std::fs::File::create(&path) {
                Ok(file) => {
                    if self.interactive {
                        println!(
                            "results go to {} (.output alone: back to the screen)",
                            path.display()
                        );
                    }
                    self.output = Output::File(path, file);
                }
                Err(e) => {
                    self.error(&format!("error: cannot create {}: {e}", path.display()));
                    return Outcome::Failed;
                }
            },
            Command::Timing(on) => self.timing = on,
            Command::Now(now) => {
                self.now = now;
                if let Ok(mut s) = self.schema.lock() {
                    s.now = now;
                }
                if self.interactive {
                    match now {
                        Some(t) => println!(
                            "now() is {}",
                            t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                        ),
                        None => println!("now() is the clock"),
                    }
                }
            }
            Command::MaxRows(n) => self.max_rows = n.max(1),
            Command::Lets => {
                let lets = self
                    .schema
                    .lock()
                    .map(|s| s.lets.clone())
                    .unwrap_or_default();
                if lets.is_empty() {
                    println!("no let statements yet");
                }
                for l in lets {
                    println!("{l}");
                }
            }
            Command::Lake(dir) => match open_lake(&dir).await {
                Ok((ctx, catalog)) => {
                    self.ctx = ctx;
                    self.lake_dir = dir;
                    if let Ok(mut s) = self.schema.lock() {
                        s.catalog = Some(catalog);
                        s.dynamic_paths.clear();
                        s.paths_ready = false;
                        s.invalidate();
                    }
                    self.start_sampler();
                    println!("lake {}", self.lake_dir.display());
                }
                Err(e) => {
                    self.error(&format!("error: {e:#}"));
                    return Outcome::Failed;
                }
            },
        }
        Outcome::Ok
    }
}

/// Runs the REPL (interactive when standard input is a terminal, else over the script read from
/// it). Returns the process's exit code.
pub async fn run(options: Options) -> Result<u8> {
    let started = Instant::now();
    let interactive = std::io::stdin().is_terminal();
    let colour = interactive
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (ctx, catalog) = open_lake(&options.lake).await?;
    let executor = tokio::runtime::Builder::new_multi_thread()
        .thread_name("kqlhunt-query")
        .enable_all()
        .build()
        .context("starting the query runtime")?;
    let result = run_session(
        options,
        started,
        interactive,
        colour,
        ctx,
        catalog,
        executor.handle().clone(),
    )
    .await;
    executor.shutdown_background();
    result
}

async fn run_session(
    options: Options,
    started: Instant,
    interactive: bool,
    colour: bool,
    ctx: SessionContext,
    catalog: Arc<SessionCatalog>,
    executor: tokio::runtime::Handle,
) -> Result<u8> {
    let schema: SharedSchema = Arc::new(Mutex::new(Schema {
        catalog: Some(catalog),
        now: options.now,
        ..Default::default()
    }));
    let mut session = Session {
        lake_dir: options.lake.clone(),
        ctx,
        schema: schema.clone(),
        format: options.format,
        output: Output::Screen,
        timing: interactive,
        max_rows: options.max_rows.unwrap_or(DEFAULT_MAX_ROWS),
        now: options.now,
        last_query: None,
        interactive,
        colour,
        sampler: None,
        executor,
    };
    let config = rustyline::Config::builder()
        .max_history_size(10_000)?
        .auto_add_history(false)
        .completion_type(rustyline::CompletionType::List)
        .build();
    let mut editor: rustyline::Editor<Helper, rustyline::history::FileHistory> =
        rustyline::Editor::with_config(config)?;
    editor.set_helper(Some(Helper {
        schema: schema.clone(),
        colour,
    }));
    let history = options.history.clone().or_else(history_path);
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.load_history(path);
    }
    if options.startup_probe {
        eprintln!("startup {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
        return Ok(0);
    }
    if !interactive {
        let mut script = String::new();
        std::io::stdin()
            .read_to_string(&mut script)
            .context("reading standard input")?;
        let mut failed = false;
        for piece in input::split_script(&script) {
            match session.execute(&piece).await {
                Outcome::Ok => {}
                Outcome::Failed => failed = true,
                Outcome::Quit => break,
            }
        }
        return Ok(u8::from(failed));
    }
    println!(
        "kqlhunt {} on lake {}. .help for help, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION"),
        session.lake_dir.display()
    );
    if options.demo {
        println!(
            "This is the demo lake (the bundled sample). Hunt your own logs: `kqlhunt ingest <capture dir> --lake ./lake`, then `kqlhunt repl --lake ./lake`."
        );
    }
    // Take SIGINT from now on (a Ctrl-C that reaches the process between a line and its query
    // must not end the REPL); each query listens for it while it runs.
    #[cfg(unix)]
    let _sigint = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
        .context("listening for Ctrl-C")?;
    session.start_sampler();
    let prompt: (&str, &str) = if colour {
        ("kql> ", "\x1b[1;32mkql>\x1b[0m ")
    } else {
        ("kql> ", "kql> ")
    };
    let mut failed = false;
    loop {
        // Blocking here is fine: this is the thread that drives the runtime's `block_on`, and
        // the runtime's workers run the background tasks.
        let line = editor.readline(&prompt);
        match line {
            Ok(text) => {
                if text.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(text.trim_end());
                if let Some(path) = &history {
                    let _ = editor.append_history(path);
                }
                match session.execute(&text).await {
                    Outcome::Ok => {}
                    Outcome::Failed => failed = true,
                    Outcome::Quit => break,
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => continue,
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(sampler) = session.sampler.take() {
        sampler.abort();
    }
    let _ = failed;
    Ok(0)
}
