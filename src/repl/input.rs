//! A light tokenizer for what the user is typing (which may be unfinished KQL), and the rules
//! for when a statement is complete: balanced brackets and quotes, no trailing `|` or `,`; an
//! empty line or a trailing `;` always runs what was typed.
//!
//! The REPL does not use the parser here: it must cope with half-typed text, and it only needs
//! token classes (for highlighting and completion) and bracket depth.

/// What a token is, for colouring and completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// A string literal; `closed` is false when the text ends inside it.
    Str {
        closed: bool,
    },
    Comment,
    Pipe,
    Semicolon,
    Comma,
    Open,
    Close,
    /// Any other punctuation (`==`, `>`, `=`, `.`, ...).
    Punct,
    Space,
}

/// A token: its kind and byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Splits `text` into tokens. Never fails: unknown characters are punctuation, an unterminated
/// string runs to the end. Operator names with dashes (`mv-expand`, `project-away`) and `!has`
/// style operators are one word.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| bytes.get(i).map(|(_, c)| *c);
    let offset = |i: usize| bytes.get(i).map_or(text.len(), |(o, _)| *o);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i].1;
        let start = i;
        let kind = if c.is_whitespace() {
            while at(i).is_some_and(char::is_whitespace) {
                i += 1;
            }
            Kind::Space
        } else if c == '/' && at(i + 1) == Some('/') {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
            Kind::Comment
        } else if c == '"'
            || c == '\''
            || ((c == '@' || c == 'h' || c == 'H') && matches!(at(i + 1), Some('"' | '\'')))
        {
            let verbatim = c == '@';
            if c != '"' && c != '\'' {
                i += 1;
            }
            let quote = at(i).unwrap_or('"');
            i += 1;
            let mut closed = false;
            while let Some(ch) = at(i) {
                i += 1;
                if ch == '\\' && !verbatim {
                    i += 1;
                } else if ch == quote {
                    closed = true;
                    break;
                } else if ch == '\n' {
                    break;
                }
            }
            i = i.min(bytes.len());
            Kind::Str { closed }
        } else if c.is_ascii_digit() {
            while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == '.') {
                // `1.5`, `10d`, `0x1F`, `1e5`; stop at `..` and at `.name`.
                if at(i) == Some('.') && !at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                    break;
                }
                i += 1;
            }
            Kind::Number
        } else if is_word_start(c) || (c == '!' && at(i + 1).is_some_and(is_word_start)) {
            i += 1;
            loop {
                match at(i) {
                    Some(ch) if is_word_char(ch) => i += 1,
                    Some('-')
                        if at(i + 1).is_some_and(is_word_start)
                            && is_dashed(text, offset(start), offset(i + 1)) =>
                    {
                        i += 1
                    }
                    Some('~') => {
                        i += 1;
                        break;
                    }
                    _ => break,
                }
            }
            Kind::Word
        } else {
            i += 1;
            match c {
                '|' => Kind::Pipe,
                ';' => Kind::Semicolon,
                ',' => Kind::Comma,
                '(' | '[' | '{' => Kind::Open,
                ')' | ']' | '}' => Kind::Close,
                _ => Kind::Punct,
            }
        };
        tokens.push(Token {
            kind,
            start: offset(start),
            end: offset(i),
        });
    }
    tokens
}

/// Words whose dash joins them (`mv-expand`, `project-away`, `has_any` needs no dash).
fn is_dashed(text: &str, start: usize, after_dash: usize) -> bool {
    let head = &text[start..after_dash.saturating_sub(1)];
    matches!(head, "mv" | "project" | "make" | "top" | "parse" | "sample")
}

/// Is `text` ready to run (Enter runs it) or does the user keep typing (Enter adds a line)?
pub fn is_complete(text: &str) -> bool {
    if text.trim().is_empty() {
        return true;
    }
    // An empty last line, or a trailing `;`, always runs.
    if text.ends_with('\n') && text.trim_end_matches([' ', '\t']).ends_with('\n') {
        return true;
    }
    let tokens = tokenize(text);
    let significant: Vec<&Token> = tokens
        .iter()
        .filter(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
        .collect();
    let Some(last) = significant.last() else {
        return true;
    };
    if last.kind == Kind::Semicolon {
        return true;
    }
    if text.trim_start().starts_with('.') && !text.contains('\n') {
        // A dot-command is one line.
        return true;
    }
    let mut depth: i64 = 0;
    for t in &tokens {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Str { closed: false } => return false,
            _ => {}
        }
    }
    if depth > 0 || matches!(last.kind, Kind::Pipe | Kind::Comma) {
        return false;
    }
    // Kusto's own style puts `|` at the start of lines: a bare table name on the first line, or
    // a last line that starts with `|`, may go on; an empty line runs it.
    if significant.len() == 1 && last.kind == Kind::Word && !text.contains('\n') {
        return false;
    }
    let last_line = text.rsplit('\n').next().unwrap_or("");
    !(text.contains('\n') && last_line.trim_start().starts_with('|'))
}

/// Splits a script (standard input that is not a terminal) into the pieces the REPL runs one by
/// one: a dot-command line, or KQL up to a `;` that ends a line or up to a blank line.
pub fn split_script(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        // A dot-command line, after a complete query or at the start.
        if trimmed.starts_with('.')
            && trimmed[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            && (current.trim().is_empty() || is_complete(current.trim_end()))
        {
            if !current.trim().is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            pieces.push(trimmed.to_string());
            current.clear();
            continue;
        }
        if trimmed.is_empty() {
            if !current.trim().is_empty() && balanced(&current) {
                pieces.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.trim().is_empty()
            && starts_new_statement(line)
            && is_complete(current.trim_end())
        {
            pieces.push(std::mem::take(&mut current));
        }
        current.push_str(line);
        current.push('\n');
        if ends_statement(&current) {
            pieces.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        pieces.push(current);
    }
    pieces
}

/// A line that starts a new query in a script when the text before it is complete: it begins
/// in the first column with a name that is not a keyword continuing an expression (`and`, `or`,
/// `by`, ...). Indented lines and lines starting with `|` continue.
fn starts_new_statement(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !(first.is_alphabetic() || first == '_') {
        return false;
    }
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    !super::highlighter::KEYWORDS.contains(&word.as_str())
        || word == "let"
        || word == "print"
        || word == "range"
        || word == "datatable"
}

/// Brackets and quotes are balanced.
fn balanced(text: &str) -> bool {
    let mut depth: i64 = 0;
    for t in tokenize(text) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Str { closed: false } => return false,
            _ => {}
        }
    }
    depth <= 0
}

/// The text ends with `;` outside brackets, strings and comments.
fn ends_statement(text: &str) -> bool {
    let tokens = tokenize(text);
    let last = tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, Kind::Space | Kind::Comment));
    last.is_some_and(|t| t.kind == Kind::Semicolon) && balanced(text)
}

/// The byte offset where the statement holding `pos` starts: after the last top-level `;`
/// before `pos`.
pub fn statement_start(text: &str, pos: usize) -> usize {
    let mut depth: i64 = 0;
    let mut start = 0;
    for t in tokenize(text) {
        if t.start >= pos {
            break;
        }
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Semicolon if depth <= 0 => start = t.end,
            _ => {}
        }
    }
    start
}

/// The byte offset of the last top-level `|` before `pos` in the statement starting at `from`.
pub fn last_pipe(text: &str, from: usize, pos: usize) -> Option<usize> {
    let mut depth: i64 = 0;
    let mut found = None;
    for t in tokenize(&text[from..pos]) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Pipe if depth <= 0 => found = Some(from + t.start),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness() {
        assert!(is_complete("CloudAuditEvents | take 5"));
        assert!(!is_complete("CloudAuditEvents |"));
        assert!(!is_complete("CloudAuditEvents\n| where x in ("));
        assert!(!is_complete("T | where x == 'abc"));
        assert!(is_complete("T |\n"), "an empty line runs");
        assert!(is_complete("let x = 1;"));
        assert!(is_complete(".tables"));
        assert!(!is_complete("T | project a,"));
        assert!(is_complete("T | where s == '(' "));
        // Leading pipes: the query goes on until an empty line.
        assert!(!is_complete("CloudAuditEvents"));
        assert!(!is_complete("CloudAuditEvents\n| where x == 1"));
        assert!(is_complete("CloudAuditEvents\n| where x == 1\n"));
        assert!(is_complete("CloudAuditEvents\n"));
        assert!(is_complete("print 1"));
    }

    #[test]
    fn tokens() {
        let text = "T | mv-expand x | where s !has \"a|b\" // c";
        let kinds: Vec<(Kind, &str)> = tokenize(text)
            .into_iter()
            .filter(|t| t.kind != Kind::Space)
            .map(|t| (t.kind, t.text(text)))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Word, "T"),
                (Kind::Pipe, "|"),
                (Kind::Word, "mv-expand"),
                (Kind::Word, "x"),
                (Kind::Pipe, "|"),
                (Kind::Word, "where"),
                (Kind::Word, "s"),
                (Kind::Word, "!has"),
                (Kind::Str { closed: true }, "\"a|b\""),
                (Kind::Comment, "// c"),
            ]
        );
        let n = "x > 1.5 and y < 10d";
        let nums: Vec<&str> = tokenize(n)
            .into_iter()
            .filter(|t| t.kind == Kind::Number)
            .map(|t| t.text(n))
            .collect();
        assert_eq!(nums, vec!["1.5", "10d"]);
    }

    #[test]
    fn scripts_split_into_statements() {
        let script = ".format csv\nlet n = 3;\nT\n| take n\n\nT | count\nT | where a == 1\n  and b == 2\nprint 1\n.output\n";
        assert_eq!(
            split_script(script),
            vec![
                ".format csv",
                "let n = 3;\n",
                "T\n| take n\n",
                "T | count\n",
                "T | where a == 1\n  and b == 2\n",
                "print 1\n",
                ".output"
            ]
        );
    }

    #[test]
    fn statement_and_pipe_positions() {
        let text = "let a = 1; T | where x | project ";
        let start = statement_start(text, text.len());
        assert_eq!(&text[start..], " T | where x | project ");
        let pipe = last_pipe(text, start, text.len()).unwrap();
        assert_eq!(&text[pipe..], "| project ");
    }
}
