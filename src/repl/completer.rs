//! Tab completion in context, and the hints drawn from it.
//!
//! - at the start of a statement: table names, `let` names, `let`/`print`/`range`/`datatable`;
//! - at the start of the input: `.commands` (and table names after `.schema`);
//! - after `|`: tabular operators;
//! - elsewhere: the columns of the pipeline typed so far (everything up to the last `|`,
//!   planned, never run), function names, keywords; after `RawEventData.` the JSON paths that
//!   exist in the lake (sampled once per session).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use super::commands::COMMANDS;
use super::highlighter::{KEYWORDS, dim, highlight};
use super::input::{self, Kind, is_complete, tokenize};
use crate::plan::{Catalog, PlanOptions, SessionCatalog, plan_query};

/// What completion knows of the session; shared with the REPL, which updates it.
#[derive(Default)]
pub struct Schema {
    pub catalog: Option<Arc<SessionCatalog>>,
    /// `let` statements defined for the session, in order.
    pub lets: Vec<String>,
    /// The names they define.
    pub let_names: Vec<String>,
    /// `RawEventData.objectRef.resource` style paths sampled from the lake.
    pub dynamic_paths: Vec<String>,
    pub now: Option<DateTime<Utc>>,
    /// `dynamic_paths` has been sampled (completion of a path waits a little for it).
    pub paths_ready: bool,
    /// Output columns by pipeline text.
    pub(super) columns: HashMap<String, Vec<String>>,
}

impl Schema {
    /// Forget what depended on the lake or the `let`s.
    pub fn invalidate(&mut self) {
        self.columns.clear();
    }

    /// The session's `let` statements, one per line, ready to prefix a query.
    pub fn let_prefix(&self) -> String {
        let mut prefix = String::new();
        for statement in &self.lets {
            prefix.push_str(statement.trim_end());
            if !prefix.ends_with(';') {
                prefix.push(';');
            }
            prefix.push('\n');
        }
        prefix
    }

    fn table_names(&self) -> Vec<String> {
        self.catalog
            .as_ref()
            .map(|c| c.table_names())
            .unwrap_or_default()
    }

    /// The output columns of `pipeline` (planned with the session's `let`s), cached.
    pub fn columns_of(&mut self, pipeline: &str) -> Vec<String> {
        let text = format!("{}{}", self.let_prefix(), pipeline);
        if let Some(cols) = self.columns.get(&text) {
            return cols.clone();
        }
        let Some(catalog) = self.catalog.clone() else {
            return Vec::new();
        };
        let columns = match crate::syntax::parse(&text) {
            Ok(query) => {
                let options = PlanOptions {
                    now: self.now.unwrap_or_else(Utc::now),
                };
                match plan_query(catalog.as_ref(), &query, &options) {
                    Ok(planned) => planned.columns.into_iter().map(|c| c.name).collect(),
                    Err(_) => Vec::new(),
                }
            }
            Err(_) => Vec::new(),
        };
        if self.columns.len() > 256 {
            self.columns.clear();
        }
        self.columns.insert(text, columns.clone());
        columns
    }
}

/// The longest completion waits for the sampled JSON paths.
const PATH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

pub type SharedSchema = Arc<Mutex<Schema>>;

/// A completion: what the list shows and what replaces the word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub display: String,
    pub replacement: String,
}

impl Candidate {
    fn plain(text: &str) -> Self {
        Candidate {
            display: text.to_string(),
            replacement: text.to_string(),
        }
    }
}

impl rustyline::completion::Candidate for Candidate {
    fn display(&self) -> &str {
        &self.display
    }
    fn replacement(&self) -> &str {
        &self.replacement
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '.' | '-' | '!' | '~')
}

/// The start of the word that ends at `pos`.
fn word_start(line: &str, pos: usize) -> usize {
    line[..pos]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(pos, |(i, _)| i)
}

/// Keeps the candidates that start with `word` (ignoring case), exact-case matches first.
fn filter(word: &str, names: impl IntoIterator<Item = Candidate>) -> Vec<Candidate> {
    let lower = word.to_lowercase();
    let mut exact = Vec::new();
    let mut other = Vec::new();
    for c in names {
        if c.replacement.starts_with(word) {
            exact.push(c);
        } else if c.replacement.to_lowercase().starts_with(&lower) {
            other.push(c);
        }
    }
    exact.extend(other);
    let mut seen = std::collections::HashSet::new();
    exact.retain(|c| seen.insert(c.replacement.clone()));
    exact
}

/// Completions for the word ending at `pos`: its start and the candidates.
pub fn complete(shared: &Mutex<Schema>, line: &str, pos: usize) -> (usize, Vec<Candidate>) {
    let start = word_start(line, pos);
    let word = &line[start..pos];
    let before = line[..start].trim_start();
    if before.is_empty() && word.starts_with('.') {
        return (
            start,
            filter(
                word,
                COMMANDS.iter().map(|(name, _)| Candidate::plain(name)),
            ),
        );
    }
    if let Some(rest) = before.strip_prefix(".schema")
        && rest.trim().is_empty()
    {
        let tables = shared.lock().map(|s| s.table_names()).unwrap_or_default();
        return (
            start,
            filter(word, tables.iter().map(|t| Candidate::plain(t))),
        );
    }
    if let Some(query) = line.trim_start().strip_prefix(".explain ") {
        let offset = line.len() - query.len();
        if pos >= offset {
            let (start, candidates) = complete_query(shared, query, pos - offset);
            return (start + offset, candidates);
        }
    }
    if before.starts_with('.') {
        return (start, Vec::new());
    }
    complete_query(shared, line, pos)
}

/// Completions inside KQL text.
fn complete_query(shared: &Mutex<Schema>, line: &str, pos: usize) -> (usize, Vec<Candidate>) {
    let start = word_start(line, pos);
    let word = &line[start..pos];
    if word.contains('.') {
        // The paths are sampled in the background when the session starts: the first Tab after
        // a `RawEventData.` waits for them (a moment) rather than offering nothing.
        let waited = std::time::Instant::now();
        while waited.elapsed() < PATH_WAIT && shared.lock().is_ok_and(|s| !s.paths_ready) {
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }
    let Ok(mut schema) = shared.lock() else {
        return (pos, Vec::new());
    };
    let stmt = input::statement_start(line, start);
    let previous = tokenize(&line[stmt..start])
        .into_iter()
        .rev()
        .find(|t| !matches!(t.kind, Kind::Space | Kind::Comment));
    let mut names: Vec<Candidate> = Vec::new();
    match previous.map(|t| t.kind) {
        None => {
            names.extend(schema.table_names().iter().map(|t| Candidate::plain(t)));
            names.extend(schema.let_names.iter().map(|t| Candidate::plain(t)));
            for kw in ["let", "print", "range", "datatable", "union"] {
                names.push(Candidate::plain(kw));
            }
        }
        Some(Kind::Pipe) => {
            names.extend(
                crate::syntax::supported_operators()
                    .iter()
                    .map(|op| Candidate::plain(op)),
            );
        }
        _ => {
            if word.contains('.') {
                names.extend(schema.dynamic_paths.iter().map(|p| Candidate::plain(p)));
            } else {
                if let Some(pipe) = input::last_pipe(line, stmt, start) {
                    let pipeline = format!("{}{}", &line[..stmt], &line[stmt..pipe]);
                    names.extend(
                        schema
                            .columns_of(&pipeline)
                            .iter()
                            .map(|c| Candidate::plain(c)),
                    );
                }
                names.extend(schema.let_names.iter().map(|t| Candidate::plain(t)));
                names.extend(crate::functions::names().map(|f| Candidate {
                    display: f.to_string(),
                    replacement: format!("{f}("),
                }));
                names.extend(KEYWORDS.iter().map(|k| Candidate::plain(k)));
            }
        }
    }
    (start, filter(word, names))
}

/// A hint: the rest of the only completion of the word being typed, or a function's signature
/// after `name(`.
pub struct Hint {
    display: String,
    completion: Option<String>,
}

impl rustyline::hint::Hint for Hint {
    fn display(&self) -> &str {
        &self.display
    }
    fn completion(&self) -> Option<&str> {
        self.completion.as_deref()
    }
}

/// The hint at `pos` (only at the end of the line).
pub fn hint(schema: &Mutex<Schema>, line: &str, pos: usize) -> Option<Hint> {
    if pos < line.len() || line.trim_start().starts_with('.') {
        return None;
    }
    // `name(` with nothing after it: the signature.
    if let Some(head) = line.strip_suffix('(') {
        let start = word_start(head, head.len());
        let name = &head[start..];
        if let Some(spec) = crate::functions::lookup(name) {
            let signature = spec.signature();
            let rest = signature
                .strip_prefix(name)
                .and_then(|s| s.strip_prefix('('))
                .unwrap_or(&signature);
            return Some(Hint {
                display: rest.to_string(),
                completion: None,
            });
        }
    }
    let start = word_start(line, pos);
    let word = &line[start..pos];
    if word.len() < 2 {
        return None;
    }
    let (_, candidates) = complete(schema, line, pos);
    let first = candidates.first()?;
    let unique = candidates.len() == 1
        || candidates[1..]
            .iter()
            .all(|c| c.replacement.starts_with(&first.replacement));
    if !unique || !first.replacement.starts_with(word) || first.replacement.len() == word.len() {
        return None;
    }
    let rest = first.replacement[word.len()..].to_string();
    Some(Hint {
        display: rest.clone(),
        completion: Some(rest),
    })
}

/// The rustyline helper: completion, hints, colours and the multi-line rule.
pub struct Helper {
    pub schema: SharedSchema,
    pub colour: bool,
}

impl rustyline::completion::Completer for Helper {
    type Candidate = Candidate;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Candidate>)> {
        Ok(complete(&self.schema, line, pos))
    }
}

impl rustyline::hint::Hinter for Helper {
    type Hint = Hint;

    fn hint(&self, line: &str, pos: usize, _ctx: &rustyline::Context<'_>) -> Option<Hint> {
        hint(&self.schema, line, pos)
    }
}

impl rustyline::highlight::Highlighter for Helper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> std::borrow::Cow<'l, str> {
        if self.colour {
            highlight(line).into()
        } else {
            line.into()
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> std::borrow::Cow<'h, str> {
        if self.colour {
            dim(hint).into()
        } else {
            hint.into()
        }
    }

    fn highlight_char(
        &self,
        _line: &str,
        _pos: usize,
        _kind: rustyline::highlight::CmdKind,
    ) -> bool {
        self.colour
    }
}

impl rustyline::validate::Validator for Helper {
    fn validate(
        &self,
        ctx: &mut rustyline::validate::ValidationContext,
    ) -> rustyline::Result<rustyline::validate::ValidationResult> {
        Ok(if is_complete(ctx.input()) {
            rustyline::validate::ValidationResult::Valid(None)
        } else {
            rustyline::validate::ValidationResult::Incomplete
        })
    }
}

impl rustyline::Helper for Helper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(schema: &Mutex<Schema>, line: &str) -> Vec<String> {
        complete(schema, line, line.len())
            .1
            .into_iter()
            .map(|c| c.replacement)
            .collect()
    }

    #[test]
    fn commands_operators_functions_and_paths() {
        let schema = Mutex::new(Schema {
            dynamic_paths: vec![
                "RawEventData.objectRef.resource".into(),
                "RawEventData.objectRef.namespace".into(),
                "RawEventData.verb".into(),
            ],
            paths_ready: true,
            ..Default::default()
        });
        assert_eq!(words(&schema, ".ta"), vec![".tables"]);
        assert_eq!(
            words(&schema, ".explain T | where RawEventData.ve"),
            vec!["RawEventData.verb"]
        );
        assert!(words(&schema, "T | mv").contains(&"mv-expand".to_string()));
        assert!(words(&schema, "T | where x == tol").contains(&"tolower(".to_string()));
        assert_eq!(
            words(&schema, "T | where RawEventData.objectRef.r"),
            vec!["RawEventData.objectRef.resource"]
        );
        let h = hint(&schema, "T | where RawEventData.objectRef.r", 34).unwrap();
        assert_eq!(rustyline::hint::Hint::display(&h), "esource");
        let (start, _) = complete(&schema, "T | where RawEventData.ve", 25);
        assert_eq!(start, 10);
    }
}
