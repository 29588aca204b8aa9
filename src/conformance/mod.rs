//! The KQL conformance harness: runs the documented examples of the public KQL reference
//! (`../shared/kql-conformance/`, see its README) through the engine and compares the results
//! with the documented outputs, value by value, under the corpus's comparison rules.
//!
//! `kqlhunt conformance` prints the pass rate and the top failure causes; the integration test
//! `conformance` fails when the strict, non-geospatial pass count falls below the ratchet in
//! `tests/conformance-ratchet.json`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::Code;
use crate::engine::{self, QueryOptions, QueryResult};
use crate::syntax::{self, OperatorKind, ScalarType, StatementKind};

mod defects;
pub use defects::{DOCUMENTATION_DEFECTS, Defect, defect};

/// Flags that put a case outside the strict subset.
const NON_STRICT_FLAGS: &[&str] = &[
    "approximate_aggregate",
    "arbitrary_value",
    "bare_expression",
    "innerunique_join",
    "render",
    "table_follows_chart",
    "take_without_sort",
];

/// How long one case may run.
const CASE_TIMEOUT: Duration = Duration::from_secs(20);

/// The fixed `now()` used for every case (cases that depend on the clock are skipped by the
/// corpus itself).
const NOW: &str = "2026-01-01T00:00:00Z";

/// One documented example.
#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    pub id: String,
    pub query: String,
    #[serde(default, deserialize_with = "null_default")]
    pub expected_columns: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub expected_rows: Vec<Vec<String>>,
    #[serde(default)]
    pub expected_rows_plain: Option<Vec<Vec<String>>>,
    #[serde(default)]
    pub skip_reason: Option<String>,
    #[serde(default)]
    pub pairing_confidence: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub output_notes: Vec<String>,
    #[serde(default)]
    pub run_link_matches: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    pub flags: Vec<String>,
    /// `expression_table` for the synthetic expression cases.
    #[serde(default)]
    pub kind: Option<String>,
    /// The tabular operators the query uses (the corpus's rough list, for reporting).
    #[serde(default, deserialize_with = "null_default")]
    pub operators: Vec<String>,
    /// The functions the query calls (the corpus's rough list, for reporting).
    #[serde(default, deserialize_with = "null_default")]
    pub functions: Vec<String>,
}

/// A missing or `null` field as its default.
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl Case {
    /// In the corpus's strict subset (see its README). The expression cases all count.
    pub fn is_expression(&self) -> bool {
        self.kind.as_deref() == Some("expression_table")
    }

    pub fn is_strict(&self) -> bool {
        if self.is_expression() {
            return true;
        }
        self.skip_reason.is_none()
            && self.pairing_confidence.as_deref() == Some("high")
            && self.output_notes.is_empty()
            && self.run_link_matches != Some(false)
            && !self
                .flags
                .iter()
                .any(|f| NON_STRICT_FLAGS.contains(&f.as_str()))
    }

    /// From one of the geospatial pages (`geo-*`, `geo_*`), a later family.
    pub fn is_geo(&self) -> bool {
        let page = self.id.rsplit('/').next().unwrap_or(&self.id);
        page.starts_with("geo")
    }

    /// The documented rows, without Markdown decoration.
    pub fn expected(&self) -> &[Vec<String>] {
        self.expected_rows_plain
            .as_deref()
            .unwrap_or(&self.expected_rows)
    }

    fn order_unspecified(&self) -> bool {
        self.flags.iter().any(|f| f == "row_order_unspecified")
    }
}

/// Reads `cases.jsonl` and `expression_cases.jsonl` from the corpus folder.
pub fn load(dir: &Path) -> Result<Vec<Case>> {
    let mut cases = Vec::new();
    for name in ["cases.jsonl", "expression_cases.jsonl"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let case: Case = serde_json::from_str(line)
                .with_context(|| format!("{}: line {}", path.display(), i + 1))?;
            cases.push(case);
        }
    }
    Ok(cases)
}

/// How a case went.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    /// The engine refused the query or failed running it.
    Error {
        cause: String,
        message: String,
    },
    /// The query ran, and the result differs from the documented one.
    Mismatch {
        cause: String,
        detail: String,
    },
}

impl Outcome {
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Pass)
    }

    /// A short, groupable reason (`unknown function gamma`, `values differ`).
    pub fn cause(&self) -> Option<&str> {
        match self {
            Outcome::Pass => None,
            Outcome::Error { cause, .. } | Outcome::Mismatch { cause, .. } => Some(cause),
        }
    }
}

/// The result of one case.
#[derive(Clone, Debug, Serialize)]
pub struct CaseResult {
    pub id: String,
    pub strict: bool,
    pub geo: bool,
    /// One of the synthetic `print result = <expr>` cases.
    pub expression: bool,
    /// Why the documented output is wrong, for cases on [`DOCUMENTATION_DEFECTS`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defect: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Counts of one group of cases.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, passed: bool) {
        self.total += 1;
        self.passed += usize::from(passed);
    }

    /// Percentage passed.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.passed as f64 / self.total as f64
        }
    }
}

/// The results of a run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub results: Vec<CaseResult>,
}

impl Report {
    /// Strict documentation cases outside the geospatial pages, as the corpus has them: the
    /// figure the ratchet holds.
    pub fn strict_non_geo(&self) -> Tally {
        self.tally(Self::is_strict_non_geo)
    }

    /// The strict, non-geo cases less the listed documentation defects: the scored figure
    /// (issue 5's 90 % bar).
    pub fn scored(&self) -> Tally {
        self.tally(Self::is_scored)
    }

    /// The synthetic `print result = <expr>` cases.
    pub fn expressions(&self) -> Tally {
        self.tally(|r| r.expression)
    }

    /// Every case of the documentation corpus (strict or not, geo or not).
    pub fn all_documented(&self) -> Tally {
        self.tally(|r| !r.expression)
    }

    pub fn tally(&self, keep: impl Fn(&CaseResult) -> bool) -> Tally {
        let mut t = Tally::default();
        for r in self.results.iter().filter(|r| keep(r)) {
            t.add(r.outcome.passed());
        }
        t
    }

    fn is_strict_non_geo(r: &CaseResult) -> bool {
        r.strict && !r.geo && !r.expression
    }

    fn is_scored(r: &CaseResult) -> bool {
        Self::is_strict_non_geo(r) && r.defect.is_none()
    }

    /// Listed documentation defects that pass after all: the list is wrong about them.
    pub fn passing_defects(&self) -> Vec<&str> {
        self.results
            .iter()
            .filter(|r| r.defect.is_some() && r.outcome.passed())
            .map(|r| r.id.as_str())
            .collect()
    }

    /// Scored cases by the tabular operators they use (a case counts for each of its operators).
    pub fn by_operator(&self) -> Vec<(String, Tally)> {
        self.grouped(|r| r.operators.clone())
    }

    /// Scored cases by the catalog family of the functions they call (`not in catalog` for
    /// functions kqlhunt does not know; a case counts once per family).
    pub fn by_function_family(&self) -> Vec<(String, Tally)> {
        self.grouped(|r| {
            let mut families: Vec<String> = r
                .functions
                .iter()
                .map(|f| {
                    crate::functions::family_of(f)
                        .unwrap_or("not in catalog")
                        .to_string()
                })
                .collect();
            families.sort();
            families.dedup();
            families
        })
    }

    fn grouped(&self, keys: impl Fn(&CaseResult) -> Vec<String>) -> Vec<(String, Tally)> {
        let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
        for r in self.results.iter().filter(|r| Self::is_scored(r)) {
            let mut ks = keys(r);
            ks.sort();
            ks.dedup();
            for k in ks {
                groups.entry(k).or_default().add(r.outcome.passed());
            }
        }
        let mut v: Vec<_> = groups.into_iter().collect();
        v.sort_by(|a, b| b.1.total.cmp(&a.1.total).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Failure causes among the scored cases, most frequent first.
    pub fn top_causes(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in &self.results {
            if let Some(c) = r.outcome.cause()
                && Self::is_scored(r)
            {
                *counts.entry(c.to_string()).or_default() += 1;
            }
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// The summary `kqlhunt conformance` prints.
    pub fn summary(&self, top: usize) -> String {
        let s = self.strict_non_geo();
        let sc = self.scored();
        let e = self.expressions();
        let a = self.all_documented();
        let defects = s.total - sc.total;
        let mut out = format!(
            "strict, outside geo-*: {}/{} passed ({:.1}%)\n\
             scored (less {defects} documentation defects): {}/{} passed ({:.1}%)\n\
             expression cases:      {}/{} passed ({:.1}%)\n\
             all documented cases:  {}/{} passed ({:.1}%)\n",
            s.passed,
            s.total,
            s.rate(),
            sc.passed,
            sc.total,
            sc.rate(),
            e.passed,
            e.total,
            e.rate(),
            a.passed,
            a.total,
            a.rate()
        );
        let passing = self.passing_defects();
        if !passing.is_empty() {
            out.push_str(&format!(
                "listed as documentation defects but passing: {}\n",
                passing.join(", ")
            ));
        }
        for (title, groups) in [
            ("by operator", self.by_operator()),
            ("by function family", self.by_function_family()),
        ] {
            if groups.is_empty() {
                continue;
            }
            out.push_str(&format!("{title} (scored cases):\n"));
            let cells: Vec<String> = groups
                .iter()
                .map(|(k, t)| format!("{k} {}/{}", t.passed, t.total))
                .collect();
            for line in cells.chunks(6) {
                out.push_str(&format!("  {}\n", line.join(", ")));
            }
        }
        let causes = self.top_causes();
        if !causes.is_empty() {
            out.push_str("top failure causes (scored cases):\n");
            for (cause, n) in causes.iter().take(top) {
                out.push_str(&format!("  {n:4}  {cause}\n"));
            }
        }
        out
    }
}

/// Runs every case (those whose id contains `filter`, if given).
pub async fn run(cases: &[Case], filter: Option<&str>) -> Report {
    let mut results = Vec::new();
    for case in cases {
        if filter.is_some_and(|f| !case.id.contains(f)) {
            continue;
        }
        let outcome = run_case(case).await;
        results.push(CaseResult {
            id: case.id.clone(),
            strict: case.is_strict(),
            geo: case.is_geo(),
            expression: case.is_expression(),
            defect: defect(&case.id),
            operators: case.operators.clone(),
            functions: case.functions.clone(),
            outcome,
        });
    }
    Report { results }
}

/// Runs one case in its own session, with a time limit; a panic is a failure, not a crash.
pub async fn run_case(case: &Case) -> Outcome {
    let query = case.query.clone();
    let task = tokio::spawn(async move {
        let ctx = crate::lake::new_session();
        let options = QueryOptions {
            now: Some(NOW.parse().expect("a valid instant")),
            max_rows: Some(10_000),
        };
        engine::run_query(&ctx, &query, &options).await
    });
    let result = match tokio::time::timeout(CASE_TIMEOUT, task).await {
        Err(_) => {
            return Outcome::Error {
                cause: "timeout".into(),
                message: format!("no result within {} s", CASE_TIMEOUT.as_secs()),
            };
        }
        Ok(Err(join)) => {
            return Outcome::Error {
                cause: "panic".into(),
                message: join.to_string(),
            };
        }
        Ok(Ok(r)) => r,
    };
    match result {
        Err(d) => Outcome::Error {
            cause: cause_of(d.code, &d.message),
            message: d.message,
        },
        Ok(result) => compare(case, &result),
    }
}

/// A groupable cause for a diagnostic.
fn cause_of(code: Code, message: &str) -> String {
    let quoted = message
        .split('`')
        .nth(1)
        .map(str::to_string)
        .unwrap_or_default();
    match code {
        Code::UnknownFunction => format!("unknown function {quoted}"),
        Code::NotSupported => {
            let short: String = message.chars().take(70).collect();
            format!("not supported: {short}")
        }
        Code::ExecutionError => {
            let short: String = message.chars().take(60).collect();
            format!("execution: {short}")
        }
        other => format!("{other:?}"),
    }
}

/// Compares a result with the documented output.
pub fn compare(case: &Case, result: &QueryResult) -> Outcome {
    let names: Vec<&str> = result.columns.iter().map(|c| c.name.as_str()).collect();
    if names != case.expected_columns {
        return Outcome::Mismatch {
            cause: "columns differ".into(),
            detail: format!("expected {:?}, got {:?}", case.expected_columns, names),
        };
    }
    let types: Vec<ScalarType> = result.columns.iter().map(|c| c.ty).collect();
    let actual = actual_cells(result);
    let expected = case.expected();
    if actual.len() != expected.len() {
        return Outcome::Mismatch {
            cause: "row count differs".into(),
            detail: format!("expected {} rows, got {}", expected.len(), actual.len()),
        };
    }
    if expected.iter().any(|r| r.len() != names.len()) {
        return Outcome::Mismatch {
            cause: "documented row width differs".into(),
            detail: "a documented row has a different number of cells than columns".into(),
        };
    }
    let ordered = !case.order_unspecified() && ends_with_ordering(&case.query);
    let rows_equal = |e: &Vec<String>, a: &Vec<Actual>| {
        e.iter()
            .zip(a)
            .zip(&types)
            .all(|((e, a), ty)| cell_equal(e, a, *ty))
    };
    if ordered {
        for (i, (e, a)) in expected.iter().zip(&actual).enumerate() {
            if !rows_equal(e, a) {
                return Outcome::Mismatch {
                    cause: "values differ".into(),
                    detail: format!("row {i}: expected {e:?}, got {:?}", texts(a)),
                };
            }
        }
        return Outcome::Pass;
    }
    // As a multiset: match every expected row to a distinct actual row.
    let mut used = vec![false; actual.len()];
    for e in expected {
        let found = (0..actual.len()).find(|&j| !used[j] && rows_equal(e, &actual[j]));
        match found {
            Some(j) => used[j] = true,
            None => {
                return Outcome::Mismatch {
                    cause: "values differ".into(),
                    detail: format!(
                        "no result row matches expected {e:?}; got {:?}",
                        actual.iter().map(|a| texts(a)).take(5).collect::<Vec<_>>()
                    ),
                };
            }
        }
    }
    Outcome::Pass
}

/// A result cell: its printed text and its JSON value (null for null).
struct Actual {
    text: String,
    json: Value,
}

fn texts(row: &[Actual]) -> Vec<&str> {
    row.iter().map(|a| a.text.as_str()).collect()
}

fn actual_cells(result: &QueryResult) -> Vec<Vec<Actual>> {
    let mut rows = Vec::new();
    for batch in &result.batches {
        for row in 0..batch.num_rows() {
            rows.push(
                result
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let array = batch.column(i);
                        Actual {
                            text: engine::cell_text(array, row, c.ty),
                            json: engine::cell_json(array, row, c.ty),
                        }
                    })
                    .collect(),
            );
        }
    }
    rows
}

/// The query's last tabular operator orders its rows (sort, order, top, serialize).
fn ends_with_ordering(query: &str) -> bool {
    let Ok(parsed) = syntax::parse(query) else {
        return false;
    };
    let Some(last) = parsed.statements.iter().rev().find_map(|s| match &s.kind {
        StatementKind::Query(t) => Some(t),
        _ => None,
    }) else {
        return false;
    };
    matches!(
        last.operators.last().map(|o| &o.kind),
        Some(OperatorKind::Sort(_) | OperatorKind::Top(_) | OperatorKind::Serialize(_))
    )
}

/// One cell under the corpus's rules.
fn cell_equal(expected: &str, actual: &Actual, ty: ScalarType) -> bool {
    // Markdown artefacts: line breaks written as `<br>`, non-breaking spaces.
    let cleaned = expected
        .replace("<br />", "\n")
        .replace("<br/>", "\n")
        .replace("<br>", "\n")
        .replace('\u{a0}', " ");
    let mut e = cleaned.trim();
    // Markdown autolinks: `<https://bing.com>` is the text `https://bing.com`.
    if e.starts_with("<http") && e.ends_with('>') {
        e = &e[1..e.len() - 1];
    }
    if e.is_empty() {
        return actual.json.is_null() || actual.text.is_empty();
    }
    // The pages write a null cell as `null` (the text "null" also matches itself below).
    if e == "null" && actual.json.is_null() {
        return true;
    }
    // A Markdown cell cannot show whitespace at its edges (the expected text is trimmed above),
    // so the actual text is compared trimmed as well.
    if actual.text.replace('\u{a0}', " ").trim() == e {
        return true;
    }
    if actual.json.is_null() {
        return false;
    }
    match ty {
        ScalarType::Bool => {
            let want = match e.to_ascii_lowercase().as_str() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return false,
            };
            actual.json == Value::Bool(want)
                || actual
                    .text
                    .eq_ignore_ascii_case(if want { "true" } else { "false" })
        }
        ScalarType::DateTime => match (parse_instant(e), parse_instant(&actual.text)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        ScalarType::TimeSpan => match (parse_timespan(e), parse_timespan(&actual.text)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal => {
            numbers_equal(e, &actual.text)
        }
        ScalarType::Dynamic => match documented_json(e) {
            Ok(v @ (Value::Object(_) | Value::Array(_))) => json_equal(&v, &actual.json),
            Ok(Value::Number(_)) => numbers_equal(e, &actual.text),
            Ok(Value::Bool(b)) => actual.json == Value::Bool(b),
            _ => bool_word_equal(e, &actual.json),
        },
        _ => match documented_json(e) {
            Ok(v @ (Value::Object(_) | Value::Array(_))) => {
                serde_json::from_str::<Value>(&actual.text).is_ok_and(|a| json_equal(&v, &a))
            }
            // A string shown in double quotes (`"eAEB...="`) is the string.
            Ok(Value::String(inner)) if e.starts_with('"') => actual.text == inner,
            _ => false,
        },
    }
}

/// A documented cell as JSON. The pages also write dynamic values in KQL's literal notation,
/// with single-quoted strings (`['a', 1]`, `{'a': 1}`): those are read with the quotes swapped.
fn documented_json(e: &str) -> serde_json::Result<Value> {
    serde_json::from_str::<Value>(e).or_else(|err| {
        if (e.starts_with('[') || e.starts_with('{')) && e.contains('\'') && !e.contains('"') {
            serde_json::from_str::<Value>(&e.replace('\'', "\""))
        } else {
            Err(err)
        }
    })
}

fn bool_word_equal(e: &str, actual: &Value) -> bool {
    matches!(
        (e.to_ascii_lowercase().as_str(), actual),
        ("true", Value::Bool(true)) | ("false", Value::Bool(false))
    )
}

fn numbers_equal(e: &str, a: &str) -> bool {
    let parse = |s: &str| -> Option<f64> {
        let s = s.trim().replace(',', "");
        match s.as_str() {
            "NaN" | "nan" => Some(f64::NAN),
            "Infinity" | "inf" | "+inf" => Some(f64::INFINITY),
            "-Infinity" | "-inf" => Some(f64::NEG_INFINITY),
            _ => s.parse().ok(),
        }
    };
    match (parse(e), parse(a)) {
        (Some(x), Some(y)) => reals_equal(x, y),
        _ => false,
    }
}

fn reals_equal(x: f64, y: f64) -> bool {
    if x.is_nan() || y.is_nan() {
        return x.is_nan() && y.is_nan();
    }
    if x == y {
        return true;
    }
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs())
}

/// JSON values equal with numbers compared as reals.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => reals_equal(x, y),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// An instant in any of the forms the documentation shows, at microsecond precision.
fn parse_instant(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc).timestamp_micros());
    }
    let s = s.trim_end_matches('Z').trim_end_matches(" UTC");
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%m/%d/%Y %I:%M:%S%.f %p",
        "%m/%d/%Y %H:%M:%S%.f",
        "%m/%d/%Y %I:%M:%S %p",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc().timestamp_micros());
        }
    }
    for fmt in ["%Y-%m-%d", "%m/%d/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_micros());
        }
    }
    None
}

/// A duration `[-][d.]hh:mm:ss[.fffffff]` (or `d.hh:mm`), in microseconds.
fn parse_timespan(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (days, clock) = match s.split_once(':') {
        None => return None,
        Some((head, tail)) => match head.split_once('.') {
            Some((d, h)) => (d.parse::<i64>().ok()?, format!("{h}:{tail}")),
            None => (0, s.to_string()),
        },
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, "0"),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
    let mut micros_frac: String = frac.chars().take(6).collect();
    while micros_frac.len() < 6 {
        micros_frac.push('0');
    }
    let total = ((days * 24 + h.parse::<i64>().ok()?) * 60 + m.parse::<i64>().ok()?) * 60
        + whole.parse::<i64>().ok()?;
    let micros = total * 1_000_000 + micros_frac.parse::<i64>().ok()?;
    Some(if negative { -micros } else { micros })
}

/// The ratchet file: the least number of strict, non-geo cases that must pass.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Ratchet {
    pub strict_non_geo_passed: usize,
    pub expressions_passed: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_in_documented_forms_compare_equal() {
        let a = parse_instant("2019-01-01 00:00:00.0000000").unwrap();
        assert_eq!(Some(a), parse_instant("2019-01-01T00:00:00Z"));
        assert_eq!(Some(a), parse_instant("2019-01-01"));
        assert_ne!(Some(a), parse_instant("2019-01-01T00:00:01Z"));
    }

    #[test]
    fn timespans_in_documented_forms() {
        assert_eq!(
            parse_timespan("1.02:03:04.5000000"),
            Some(((26 * 60 + 3) * 60 + 4) * 1_000_000 + 500_000)
        );
        assert_eq!(parse_timespan("00:00:01"), Some(1_000_000));
        assert_eq!(parse_timespan("-00:01:00"), Some(-60_000_000));
        assert_eq!(parse_timespan("abc"), None);
    }

    #[test]
    fn documented_kql_literal_notation_reads_as_json() {
        assert_eq!(
            documented_json("['a', 1]").unwrap(),
            serde_json::json!(["a", 1])
        );
        assert_eq!(
            documented_json("{'a': null}").unwrap(),
            serde_json::json!({"a": null})
        );
        assert!(documented_json("['it\"s']").is_err());
    }

    #[test]
    fn numbers_and_json_compare_by_value() {
        assert!(numbers_equal("3", "3.0"));
        assert!(!numbers_equal("3", "3.1"));
        let a: Value = serde_json::from_str(r#"{"a": [1, 2.0]}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":[1.0,2]}"#).unwrap();
        assert!(json_equal(&a, &b));
        assert!(!json_equal(&a, &serde_json::json!({"a": [1]})));
    }

    #[tokio::test]
    async fn a_case_passes_and_a_wrong_expectation_fails() {
        let mut case = Case {
            id: "x.md#1".into(),
            query: "range x from 1 to 3 step 1 | sort by x asc".into(),
            expected_columns: vec!["x".into()],
            expected_rows: vec![vec!["1".into()], vec!["2".into()], vec!["3".into()]],
            expected_rows_plain: None,
            skip_reason: None,
            pairing_confidence: Some("high".into()),
            output_notes: vec![],
            run_link_matches: None,
            flags: vec![],
            kind: None,
            operators: vec![],
            functions: vec![],
        };
        assert!(run_case(&case).await.passed());
        case.expected_rows.swap(0, 1);
        let outcome = run_case(&case).await;
        assert_eq!(outcome.cause(), Some("values differ"));
        case.query = "range x from 1 to 3 step 1 | where nosuchfunction(x)".into();
        assert_eq!(
            run_case(&case).await.cause(),
            Some("unknown function nosuchfunction")
        );
    }
}
