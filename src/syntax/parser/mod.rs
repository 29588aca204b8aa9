//! Recursive-descent parser over the token stream, split by topic: statements, tabular sources,
//! operators, expressions and literals. Each grammar rule of `grammar/kql.ebnf` has a method of
//! the same name.
//!
//! The parser never backtracks: decisions use a few tokens of lookahead, so parsing is linear in
//! the length of the query. Binary operators use precedence climbing. Every error is reported at
//! the token where parsing stopped, listing what would have been accepted there.

mod expressions;
mod literals;
mod operators;
mod statements;
mod tabular;

use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{Expr, ExprKind, Ident, TabularExpr};
use crate::syntax::lexer::{Token, TokenKind, is_word_char, is_word_start, tokenize};

pub(crate) use operators::{NOT_SUPPORTED_OPERATORS, SUPPORTED_OPERATORS};

/// Errors are boxed: results stay small, which keeps the recursive descent's stack frames small.
pub(crate) type PResult<T> = Result<T, Box<Diagnostic>>;

/// How deeply parentheses, calls, subqueries, unary operators and `dynamic` values may nest.
pub const MAX_NESTING: usize = 64;

/// How deep the syntax tree of one expression may grow, counting each link of a chain such as
/// `a + b + c` or `a.b.c` as a level, so that code walking the tree recursively cannot overflow
/// its stack.
pub const MAX_TREE_DEPTH: usize = 256;

/// Words that cannot be bare names in an expression (write `['and']` for a column named `and`).
const RESERVED_IN_EXPRESSIONS: &[&str] = &[
    "and",
    "or",
    "by",
    "on",
    "with",
    "let",
    "in",
    "in~",
    "has_any",
    "has_all",
    "between",
    "matches",
    "has",
    "has_cs",
    "hasprefix",
    "hasprefix_cs",
    "hassuffix",
    "hassuffix_cs",
    "contains",
    "contains_cs",
    "startswith",
    "startswith_cs",
    "endswith",
    "endswith_cs",
];

/// Words printed in brackets when they are names, because some position would read them as
/// keywords or literals.
const PRINTED_IN_BRACKETS: &[&str] = &[
    "true",
    "false",
    "True",
    "False",
    "TRUE",
    "FALSE",
    "print",
    "datatable",
    "range",
    "union",
    "set",
    "declare",
    "view",
];

/// Whether `name` can be printed without `['...']`.
pub(crate) fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_word_start)
        && chars.all(is_word_char)
        && !is_reserved(name)
        && !PRINTED_IN_BRACKETS.contains(&name)
}

/// A value that may be scalar or tabular: `let` values, function bodies and arguments,
/// parenthesised expressions.
pub(crate) enum Value {
    Scalar(Expr),
    Tabular(TabularExpr),
}

impl Value {
    /// The value as an expression, a tabular one wrapped in [`ExprKind::Tabular`].
    pub(crate) fn into_expr(self) -> Expr {
        match self {
            Value::Scalar(expr) => expr,
            Value::Tabular(tabular) => {
                let span = tabular.span;
                Expr::new(ExprKind::Tabular(Box::new(tabular)), span)
            }
        }
    }
}

/// Something the parser looked for at the current token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    /// A description, such as "`,`" or "an expression".
    Label(&'static str),
    /// A keyword, shown in backticks and offered as a "did you mean" suggestion.
    Word(&'static str),
}

impl Expected {
    fn text(self) -> String {
        match self {
            Expected::Label(label) => label.to_string(),
            Expected::Word(word) => format!("`{word}`"),
        }
    }
}

pub(crate) struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    nesting: usize,
    depth: usize,
    /// What was tried and not found at `pos`, for the "expected ..." message.
    expected: Vec<Expected>,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Parser {
            src,
            tokens: tokenize(src),
            pos: 0,
            nesting: 0,
            depth: 0,
            expected: Vec::new(),
        }
    }

    // -- Looking at tokens --------------------------------------------------------------------

    pub(crate) fn peek(&self) -> &Token {
        self.nth(0)
    }

    /// The token `n` places ahead; the end-of-input token past the end.
    pub(crate) fn nth(&self, n: usize) -> &Token {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.pos + n).min(last)]
    }

    pub(crate) fn nth_kind(&self, n: usize) -> &TokenKind {
        &self.nth(n).kind
    }

    pub(crate) fn text(&self, span: Span) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    /// The text of the token `n` places ahead when it is a word.
    pub(crate) fn nth_word(&self, n: usize) -> Option<&'a str> {
        let token = self.nth(n);
        match token.kind {
            TokenKind::Word => Some(self.text(token.span)),
            _ => None,
        }
    }

    pub(crate) fn at(&self, kind: &TokenKind) -> bool {
        self.peek().kind == *kind
    }

    pub(crate) fn at_word(&self, word: &str) -> bool {
        self.nth_word(0) == Some(word)
    }

    /// Whether tokens `n` and `n + 1` touch, with no space between them.
    pub(crate) fn adjacent(&self, n: usize) -> bool {
        self.nth(n).span.end == self.nth(n + 1).span.start
    }

    /// Where the last consumed token ends.
    pub(crate) fn prev_end(&self) -> usize {
        match self.pos {
            0 => 0,
            pos => self.tokens[pos - 1].span.end,
        }
    }

    /// Whether the current operator is complete: the next token cannot continue it.
    pub(crate) fn at_operator_end(&self) -> bool {
        matches!(
            self.peek().kind,
            TokenKind::Pipe | TokenKind::Semicolon | TokenKind::RParen | TokenKind::Eof
        )
    }

    // -- Consuming tokens ---------------------------------------------------------------------

    pub(crate) fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
            self.expected.clear();
        }
        token
    }

    /// Consumes the token if it is `kind`; otherwise records `label` as expected here.
    pub(crate) fn eat(&mut self, kind: &TokenKind, label: &'static str) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            self.expect_here(Expected::Label(label));
            false
        }
    }

    pub(crate) fn eat_word(&mut self, word: &'static str) -> bool {
        if self.at_word(word) {
            self.bump();
            true
        } else {
            self.expect_here(Expected::Word(word));
            false
        }
    }

    pub(crate) fn expect(&mut self, kind: &TokenKind, label: &'static str) -> PResult<Span> {
        if self.at(kind) {
            Ok(self.bump().span)
        } else {
            Err(self.error_expected(label))
        }
    }

    pub(crate) fn expect_word(&mut self, word: &'static str) -> PResult<Span> {
        if self.at_word(word) {
            Ok(self.bump().span)
        } else {
            self.expect_here(Expected::Word(word));
            Err(self.error_expected_with(Code::UnexpectedToken, None))
        }
    }

    fn expect_here(&mut self, expected: Expected) {
        if !self.expected.contains(&expected) {
            self.expected.push(expected);
        }
    }

    /// A name: a word that is not reserved, or `['any text']` / `["any text"]`.
    pub(crate) fn identifier(&mut self, what: &str) -> PResult<Ident> {
        let token = self.peek().clone();
        match token.kind {
            TokenKind::Word => {
                let word = self.text(token.span);
                if word.starts_with(['!', '$']) || is_reserved(word) {
                    return Err(self.error_expected(what));
                }
                self.bump();
                Ok(Ident::new(word, token.span))
            }
            TokenKind::LBracket => self.bracketed_name(what),
            _ => Err(self.error_expected(what)),
        }
    }

    /// `['name']`: the current token is `[`.
    pub(crate) fn bracketed_name(&mut self, what: &str) -> PResult<Ident> {
        let name = match self.nth_kind(1) {
            TokenKind::String(name) => name.clone(),
            TokenKind::Error(diagnostic) => return Err(diagnostic.clone()),
            _ => return Err(self.error_expected(what)),
        };
        let start = self.bump().span.start;
        self.bump();
        let end = self.expect(&TokenKind::RBracket, "`]`")?.end;
        Ok(Ident::new(name, Span::new(start, end)))
    }

    /// Whether a name (`word` or `['name']`) starts at token `n`.
    pub(crate) fn name_at(&self, n: usize) -> Option<usize> {
        match self.nth_kind(n) {
            TokenKind::Word => {
                let word = self.nth_word(n).unwrap_or("");
                (!word.starts_with(['!', '$'])).then_some(1)
            }
            TokenKind::LBracket
                if matches!(self.nth_kind(n + 1), TokenKind::String(_))
                    && *self.nth_kind(n + 2) == TokenKind::RBracket =>
            {
                Some(3)
            }
            _ => None,
        }
    }

    /// A word made of parts joined by `-` with no spaces (`mv-expand`, `granny-asc`).
    pub(crate) fn hyphenated_word(&mut self) -> (String, Span) {
        let first = self.bump();
        let mut name = self.text(first.span).to_string();
        let mut span = first.span;
        while *self.nth_kind(0) == TokenKind::Minus
            && self.nth(0).span.start == span.end
            && *self.nth_kind(1) == TokenKind::Word
            && self.adjacent(0)
        {
            self.bump();
            let part = self.bump();
            name.push('-');
            name.push_str(self.text(part.span));
            span = span.to(part.span);
        }
        (name, span)
    }

    // -- Limits -------------------------------------------------------------------------------

    /// Runs `parse` one nesting level deeper, failing cleanly past [`MAX_NESTING`].
    pub(crate) fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.nesting >= MAX_NESTING {
            return Err(self.depth_error(format!(
                "the query nests more than {MAX_NESTING} levels of parentheses, calls or \
                 subqueries"
            )));
        }
        self.nesting += 1;
        self.deepen()?;
        let result = parse(self);
        self.nesting -= 1;
        self.depth -= 1;
        result
    }

    /// Adds one level to the tree depth; the caller restores `self.depth` when done.
    pub(crate) fn deepen(&mut self) -> PResult<()> {
        if self.depth >= MAX_TREE_DEPTH {
            return Err(self.depth_error(format!(
                "the expression is more than {MAX_TREE_DEPTH} levels deep"
            )));
        }
        self.depth += 1;
        Ok(())
    }

    #[cold]
    fn depth_error(&self, message: String) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::error(Code::DepthLimit, message)
                .with_span(self.peek().span)
                .with_help("split the query with `let` statements"),
        )
    }

    // -- Errors -------------------------------------------------------------------------------

    /// Where an error about the current token points: the token, or just past the last token
    /// at the end of input.
    pub(crate) fn error_span(&self) -> Span {
        match self.peek().kind {
            TokenKind::Eof => Span::at(self.prev_end()),
            _ => self.peek().span,
        }
    }

    /// How the current token is named in messages.
    pub(crate) fn describe_current(&self) -> String {
        let token = self.peek();
        match &token.kind {
            TokenKind::Eof => "end of input".to_string(),
            TokenKind::String(_) => "a string literal".to_string(),
            _ => {
                let text = self.text(token.span);
                let short: String = text.chars().take(30).collect();
                if short.len() < text.len() {
                    format!("`{short}...`")
                } else {
                    format!("`{short}`")
                }
            }
        }
    }

    /// "expected A, B or C, found X" at the current token, listing `what` and everything tried
    /// at this position. A lexical error at the current token takes precedence.
    #[cold]
    pub(crate) fn error_expected(&mut self, what: &str) -> Box<Diagnostic> {
        self.error_expected_with(Code::UnexpectedToken, Some(what))
    }

    #[cold]
    pub(crate) fn error_expected_with(
        &mut self,
        code: Code,
        what: Option<&str>,
    ) -> Box<Diagnostic> {
        if let TokenKind::Error(diagnostic) = &self.peek().kind {
            return diagnostic.clone();
        }
        let tried = std::mem::take(&mut self.expected);
        let mut expected: Vec<String> = tried.iter().map(|e| e.text()).collect();
        if let Some(what) = what.filter(|what| !expected.iter().any(|e| e == what)) {
            expected.push(what.to_string());
        }
        let mut diagnostic = Diagnostic::error(
            code,
            format!(
                "expected {}, found {}",
                join_or(&expected),
                self.describe_current()
            ),
        )
        .with_span(self.error_span());
        let after_operand = tried
            .iter()
            .any(|e| matches!(e, Expected::Label("`|`" | "`)`")));
        if self.at(&TokenKind::Assign) && after_operand {
            diagnostic = diagnostic.with_help("to compare, write `==`");
        }
        if self.at(&TokenKind::Bang) {
            diagnostic = diagnostic.with_help(
                "negated operators take no space after `!` (`!has`, `!in`); to negate a value, \
                 write `not(expr)`",
            );
        }
        if let Some(found) = self.nth_word(0) {
            let keywords = tried.iter().filter_map(|e| match e {
                Expected::Word(word) => Some(*word),
                Expected::Label(_) => None,
            });
            if let Some(suggestion) = did_you_mean(found, keywords) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
        }
        Box::new(diagnostic)
    }

    /// Fails unless the current token can start an expression: "expected an expression after
    /// `after`".
    pub(crate) fn expect_operand(&mut self, after: &str) -> PResult<()> {
        if self.starts_expression() {
            return Ok(());
        }
        if self.at(&TokenKind::Star) && self.nth_word(1).is_some() {
            let span = self.peek().span;
            return Err(self.not_supported("`*` as an operand (a search of every column)", span));
        }
        let mut diagnostic = self.error_expected_with(
            Code::ExpectedExpression,
            Some(&format!("an expression after `{after}`")),
        );
        if self.at_word("not") {
            diagnostic.help = Some("negation is the function `not(expr)` in KQL".into());
        }
        Err(diagnostic)
    }

    pub(crate) fn starts_expression(&self) -> bool {
        match self.peek().kind {
            TokenKind::Word => {
                let word = self.nth_word(0).unwrap_or("");
                let special = word.starts_with('!')
                    || word.starts_with('$') && !matches!(word, "$left" | "$right");
                !special && !is_reserved(word)
            }
            TokenKind::Long(_)
            | TokenKind::Real(_)
            | TokenKind::TimeSpan(_)
            | TokenKind::String(_)
            | TokenKind::Raw { .. }
            | TokenKind::LParen
            | TokenKind::LBracket
            | TokenKind::Minus
            | TokenKind::Plus => true,
            _ => false,
        }
    }

    #[cold]
    pub(crate) fn not_supported(&self, what: &str, span: Span) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::error(Code::NotSupported, format!("{what} is not supported yet"))
                .with_span(span)
                .with_label("not supported yet")
                .with_note("docs/syntax.md lists what kqlhunt supports"),
        )
    }
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn join_or(items: &[String]) -> String {
    match items {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Whether `word` is a keyword that cannot be a bare name in an expression.
pub(crate) fn is_reserved(word: &str) -> bool {
    RESERVED_IN_EXPRESSIONS.contains(&word)
}
