//! Diagnostics shared by every stage: stable error codes, source spans, rendering with carets,
//! and "did you mean" suggestions.
//!
//! A [`Diagnostic`] carries a [`Code`] from the registry below, a message, an optional [`Span`]
//! (byte offsets into the query text), and optional help and notes. [`Diagnostic::render`] prints
//! it against the query text:
//!
//! ```text
//! error[KQL0003]: expected an expression after `==`, found end of input
//!  --> line 2, column 15
//!   |
//! 2 | | where Verb ==
//!   |               ^ here
//! ```

use std::fmt;

/// A byte range `start..end` in the query text. `start == end` marks a position (for example the
/// end of input).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub const fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The smallest span that covers both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $number:literal, $summary:literal;)*) => {
        /// The registry of diagnostic codes. A code's number is printed as `KQLnnnn` and is never
        /// reused or renumbered: retire a code by leaving it in place, add new ones at the end of
        /// their group. `0001..=0099`: syntax; `0100..=0199`: names and types (planner);
        /// `0200..`: execution.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The stable number of this code.
            pub const fn number(self) -> u16 {
                match self { $(Code::$name => $number,)* }
            }

            /// One line saying what the code means, for the documentation table.
            pub const fn summary(self) -> &'static str {
                match self { $(Code::$name => $summary,)* }
            }
        }
    };
}

codes! {
    /// Text that does not fit the grammar and has no more specific code.
    SyntaxError = 1, "the query does not fit the KQL grammar";
    /// A token that cannot appear where it is.
    UnexpectedToken = 2, "a token appears where the grammar does not allow it";
    /// An operand is missing (for example after a binary operator or `where`).
    ExpectedExpression = 3, "an expression was expected";
    /// A string literal without its closing quote.
    UnterminatedString = 4, "a string literal is not terminated";
    /// A literal whose text is not a valid value (bad timespan, integer out of range, ...).
    InvalidLiteral = 5, "a literal is malformed or out of range";
    /// A character that is not part of KQL.
    InvalidCharacter = 6, "a character that KQL does not use";
    /// A name after `|` that is not a tabular operator.
    UnknownOperator = 7, "the name after `|` is not a tabular operator";
    /// Valid KQL that this engine does not handle yet.
    NotSupported = 8, "valid KQL that kqlhunt does not support yet";
    /// Nesting deeper than the parser allows.
    DepthLimit = 9, "the query is nested too deeply";
    /// An operator parameter (`kind=`, `hint.*`, ...) with a value it does not accept.
    InvalidParameter = 10, "an operator parameter has a value it does not accept";
    /// A table that is not in the catalog.
    UnknownTable = 100, "no table or tabular variable has this name";
    /// A column that is not in the input of the operator.
    UnknownColumn = 101, "no column has this name";
    /// A function that is neither built in nor defined with `let`.
    UnknownFunction = 102, "no function has this name";
    /// A `let` name or parameter that is not defined.
    UnknownVariable = 103, "no variable has this name";
    /// An operand of the wrong type.
    TypeMismatch = 104, "an operand has the wrong type";
    /// A call with too few or too many arguments.
    WrongArgumentCount = 105, "a function is called with the wrong number of arguments";
    /// An argument with an unacceptable value.
    InvalidArgument = 106, "an argument has a value the function does not accept";
    /// Two output columns with the same name.
    DuplicateColumn = 107, "two columns would have the same name";
    /// A name that matches more than one column (for example after a join).
    AmbiguousColumn = 108, "a name matches more than one column";
    /// A tabular expression where a scalar is required, or the reverse.
    WrongKindOfExpression = 109, "a scalar is used where a table is required, or the reverse";
    /// An aggregation function outside `summarize`, or a column outside an aggregation in it.
    AggregateOutsideSummarize = 110, "an aggregation is used outside `summarize` (or nested), or a column outside an aggregation in it";
    /// A failure while running a query.
    ExecutionError = 200, "the query failed while running";
}

impl Code {
    /// The printed form, `KQLnnnn`.
    pub fn as_string(self) -> String {
        format!("KQL{:04}", self.number())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KQL{:04}", self.number())
    }
}

/// One message about a query: what went wrong, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The primary location, in byte offsets into the query text.
    pub span: Option<Span>,
    /// The text under the carets; `here` when `None`. Static, so that a diagnostic stays small
    /// enough to be returned by value in a `Result`.
    pub label: Option<&'static str>,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    /// A warning with no location yet.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn with_label(mut self, label: &'static str) -> Self {
        self.label = Some(label);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders the diagnostic against the query text it refers to, with the offending line and
    /// carets under the span. Never panics, whatever the span.
    pub fn render(&self, source: &str) -> String {
        let mut out = format!("{}[{}]: {}\n", self.severity, self.code, self.message);
        if let Some(span) = self.span {
            render_snippet(&mut out, source, span, self.label.unwrap_or("here"));
        }
        let pad = " ".repeat(self.gutter_width(source) + 1);
        if let Some(help) = &self.help {
            out.push_str(&format!("{pad}= help: {help}\n"));
        }
        for note in &self.notes {
            out.push_str(&format!("{pad}= note: {note}\n"));
        }
        out
    }

    fn gutter_width(&self, source: &str) -> usize {
        match self.span {
            Some(span) => digits(locate(source, span.start).line),
            None => 1,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// A position in the text, for humans: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// The line and column of a byte offset (clamped to the text and to a character boundary).
pub fn line_column(source: &str, offset: usize) -> LineColumn {
    let at = locate(source, offset);
    LineColumn {
        line: at.line,
        column: source[at.line_start..at.offset].chars().count() + 1,
    }
}

struct Location {
    offset: usize,
    line: usize,
    line_start: usize,
    line_end: usize,
}

fn floor_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn locate(source: &str, offset: usize) -> Location {
    let offset = floor_boundary(source, offset);
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    Location {
        offset,
        line: source[..offset].matches('\n').count() + 1,
        line_start,
        line_end,
    }
}

fn digits(mut n: usize) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

const TAB_WIDTH: usize = 4;

/// Display width of one character in a terminal: 0 for combining marks and controls, 2 for wide
/// East Asian characters and most emoji, tabs expand to [`TAB_WIDTH`].
fn char_width(c: char) -> usize {
    let cp = c as u32;
    match c {
        '\t' => TAB_WIDTH,
        _ if c.is_control() => 0,
        _ if matches!(cp, 0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F) => 0,
        _ if matches!(
            cp,
            0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x1F300..=0x1F64F
                | 0x1F900..=0x1F9FF
                | 0x20000..=0x3FFFD
        ) =>
        {
            2
        }
        _ => 1,
    }
}

fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn render_snippet(out: &mut String, source: &str, span: Span, label: &str) {
    let at = locate(source, span.start);
    let column = source[at.line_start..at.offset].chars().count() + 1;
    let width = digits(at.line);
    let pad = " ".repeat(width);
    let line = source[at.line_start..at.line_end].trim_end_matches('\r');
    let shown: String = line
        .chars()
        .map(|c| {
            if c == '\t' {
                "    ".to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    // The carets cover the span's part on this line; at least one, placed just past the line's
    // end when the span starts there (end of input, a newline).
    let line_end = at.line_start + line.len();
    let caret_start = at.offset.min(line_end);
    let end = floor_boundary(source, span.end)
        .max(caret_start)
        .min(line_end);
    let before = text_width(&source[at.line_start..caret_start]);
    let carets = text_width(&source[caret_start..end]).max(1);
    out.push_str(&format!(
        "{pad}--> line {}, column {column}\n{pad} |\n{} | {}\n{pad} | {}{} {label}\n",
        at.line,
        at.line,
        shown.trim_end(),
        " ".repeat(before),
        "^".repeat(carets),
    ));
}

/// The candidate closest to `name`, if one is close enough to be a likely typo: compared
/// case-insensitively by optimal-string-alignment distance (Levenshtein plus transpositions), at
/// most one edit per three characters (at least one). A candidate equal to `name` is never
/// suggested; one that differs only in case always is. Ties go to the earliest candidate.
pub fn did_you_mean<I, S>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let wanted: Vec<char> = name.to_lowercase().chars().collect();
    let limit = (wanted.len() / 3).max(1);
    let mut best: Option<(usize, String)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        if candidate == name {
            continue;
        }
        let lower: Vec<char> = candidate.to_lowercase().chars().collect();
        if lower.len().abs_diff(wanted.len()) > limit {
            continue;
        }
        let distance = osa_distance(&wanted, &lower);
        if distance <= limit && best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, candidate.to_string()));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring).
fn osa_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = d;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_grouped() {
        let mut numbers: Vec<u16> = Code::ALL.iter().map(|c| c.number()).collect();
        let count = numbers.len();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), count, "a code number is used twice");
        assert_eq!(Code::ExpectedExpression.to_string(), "KQL0003");
        assert_eq!(Code::UnknownTable.as_string(), "KQL0100");
    }

    /// `docs/syntax.md` lists every code with its summary.
    #[test]
    fn the_documented_table_matches_the_registry() {
        let docs = include_str!("../docs/syntax.md");
        for code in Code::ALL {
            let row = format!("| {code} | {} |", code.summary().replace('|', "\\|"));
            assert!(docs.contains(&row), "docs/syntax.md lacks `{row}`");
        }
        let rows = docs.lines().filter(|l| l.starts_with("| KQL")).count();
        assert_eq!(
            rows,
            Code::ALL.len(),
            "docs/syntax.md lists a code that does not exist"
        );
    }

    #[test]
    fn a_diagnostic_is_small_enough_to_return_by_value() {
        assert!(std::mem::size_of::<Diagnostic>() < 128);
    }

    #[test]
    fn renders_the_line_and_carets() {
        let source = "Events\n| where Verb == ";
        let diagnostic = Diagnostic::error(
            Code::ExpectedExpression,
            "expected an expression after `==`",
        )
        .with_span(Span::new(20, 22))
        .with_help("compare with a value, for example `Verb == \"get\"`");
        let expected = "error[KQL0003]: expected an expression after `==`\n \
                        --> line 2, column 14\n  |\n2 | | where Verb ==\n  |              ^^ here\n  \
                        = help: compare with a value, for example `Verb == \"get\"`\n";
        assert_eq!(diagnostic.render(source), expected);
    }

    #[test]
    fn end_of_input_points_past_the_last_character() {
        let source = "T | where";
        let rendered = Diagnostic::error(Code::ExpectedExpression, "expected an expression")
            .with_span(Span::at(source.len()))
            .render(source);
        assert!(rendered.contains("column 10"), "{rendered}");
        assert!(rendered.contains("  |          ^ here"), "{rendered}");
    }

    #[test]
    fn tabs_and_wide_characters_shift_the_carets() {
        let source = "\tprint '日本' x";
        let start = source.find('x').unwrap_or_default();
        let rendered = Diagnostic::error(Code::UnexpectedToken, "unexpected `x`")
            .with_span(Span::new(start, start + 1))
            .render(source);
        // 4 (tab) + "print " (6) + "'日本' " (1 + 4 + 1 + 1) = 17 columns before the caret.
        assert!(
            rendered.contains(&format!("  | {}^ here", " ".repeat(17))),
            "{rendered}"
        );
        assert!(rendered.contains("column 13"), "{rendered}");
    }

    #[test]
    fn multi_line_spans_stop_at_the_end_of_the_first_line() {
        let source = "print x = 1\n| where y\n  and z";
        let rendered = Diagnostic::error(Code::SyntaxError, "bad")
            .with_span(Span::new(14, source.len()))
            .render(source);
        assert!(
            rendered.contains("2 | | where y\n  |   ^^^^^^^ here"),
            "{rendered}"
        );
    }

    #[test]
    fn rendering_never_panics_on_odd_spans() {
        let source = "é\r\nü";
        for start in 0..8 {
            for end in 0..8 {
                let _ = Diagnostic::error(Code::SyntaxError, "x")
                    .with_span(Span::new(start, end))
                    .render(source);
            }
        }
        let _ = Diagnostic::error(Code::SyntaxError, "x")
            .with_span(Span::at(3))
            .render("");
    }

    #[test]
    fn line_numbers_widen_the_gutter() {
        let source = format!("{}x", "\n".repeat(11));
        let rendered = Diagnostic::error(Code::SyntaxError, "bad")
            .with_span(Span::new(11, 12))
            .with_note("a note")
            .render(&source);
        assert!(
            rendered
                .contains("  --> line 12, column 1\n   |\n12 | x\n   | ^ here\n   = note: a note"),
            "{rendered}"
        );
    }

    #[test]
    fn suggestions() {
        let ops = ["where", "extend", "project", "summarize", "take"];
        assert_eq!(did_you_mean("wher", ops).as_deref(), Some("where"));
        assert_eq!(did_you_mean("Where", ops).as_deref(), Some("where"));
        assert_eq!(did_you_mean("porject", ops).as_deref(), Some("project"));
        assert_eq!(did_you_mean("sumarize", ops).as_deref(), Some("summarize"));
        assert_eq!(did_you_mean("xyz", ops), None);
        assert_eq!(did_you_mean("where", ops), None);
        assert_eq!(did_you_mean("tkae", ops).as_deref(), Some("take"));
        assert_eq!(
            did_you_mean("timestamp", ["TimeGenerated", "Timestamp"]).as_deref(),
            Some("Timestamp")
        );
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\néx", 5), LineColumn { line: 2, column: 2 });
        assert_eq!(line_column("ab", 99), LineColumn { line: 1, column: 3 });
    }
}
