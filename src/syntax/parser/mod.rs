//! The parser: [nom] combinators over the token stream, split by topic: statements, tabular
//! sources, operators, expressions and literals. Each grammar rule of `grammar/kql.ebnf` is a
//! function of the same name.
//!
//! The input of every parser is [`Tokens`], a position in the tokens of the query, for which
//! nom's [`Input`] trait is implemented; spans come from the tokens. Errors are [`PError`]:
//! `nom::Err::Error` means "this rule does not start here" (an alternative may still match), and
//! `nom::Err::Failure` carries the [`Diagnostic`] of a rule that had committed, which ends the
//! parse, as `cut` does.
//!
//! Decisions use a few tokens of lookahead, so parsing is linear in the length of the query.
//! Binary operators use precedence climbing. Every error is reported at the token where parsing
//! stopped, listing what would have been accepted there: the small parsers that look for a
//! token (`eat`, `eat_word`) record what they looked for at their position, and the error built
//! at that position lists it.

/// `expr?` for the parsers on the recursion's path. Unoptimised builds give every temporary of
/// `?` (the `Try` conversions) its own stack slot; a plain `match` needs fewer, which keeps the
/// frames of recursive rules small enough for the nesting limit (as serde_json's `tri!` does).
macro_rules! tri {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return Err(error),
        }
    };
}

mod expressions;
mod graph;
mod literals;
mod operators;
mod statements;
mod tabular;

use std::cell::{Cell, RefCell};

use nom::combinator::cut;
use nom::error::{ErrorKind, FromExternalError, ParseError};
use nom::multi::separated_list1;
use nom::{Err, IResult, Input, Needed, Parser as _};

use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{Expr, ExprKind, Ident, Query, TabularExpr};
use crate::syntax::lexer::{Token, TokenKind, is_word_char, is_word_start, tokenize};

pub(crate) use expressions::expression;
pub(crate) use operators::{NOT_SUPPORTED_OPERATORS, SUPPORTED_OPERATORS};

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

/// Whether `word` is a keyword that cannot be a bare name in an expression.
pub(crate) fn is_reserved(word: &str) -> bool {
    RESERVED_IN_EXPRESSIONS.contains(&word)
}

// -- Entry points -----------------------------------------------------------------------------

/// Parses a whole query.
pub(crate) fn parse_query(text: &str) -> Result<Query, Diagnostic> {
    let context = Context::new(text);
    let input = context.start();
    statements::query(input)
        .map(|(_, query)| query)
        .map_err(|error| into_diagnostic(input, error))
}

/// Parses one scalar expression that must span the whole text.
pub(crate) fn parse_expression(text: &str) -> Result<Expr, Diagnostic> {
    let context = Context::new(text);
    let input = context.start();
    if !input.starts_expression() {
        return Err(*input.error_expected_with(Code::ExpectedExpression, Some("an expression")));
    }
    let (rest, expr) = expression(input).map_err(|error| into_diagnostic(input, error))?;
    if !rest.at(&TokenKind::Eof) {
        return Err(*rest.error_expected_with(Code::UnexpectedToken, Some("end of input")));
    }
    Ok(expr)
}

/// The diagnostic of a parse that failed: a committed error's own, or "expected ..." where a
/// recoverable error stopped.
fn into_diagnostic(input: Tokens<'_>, error: Err<PError>) -> Diagnostic {
    match error {
        Err::Error(error) | Err::Failure(error) => match error.diagnostic {
            Some(diagnostic) => *diagnostic,
            None => *Tokens {
                pos: error.pos.min(input.end),
                ..input
            }
            .error_expected_with(Code::UnexpectedToken, None),
        },
        Err::Incomplete(_) => Diagnostic::error(Code::SyntaxError, "incomplete input"),
    }
}

// -- The input: a position in the tokens ------------------------------------------------------

/// What one parse shares: the text, its tokens, the nesting counters and what was looked for at
/// the furthest position (for "expected ..." messages).
pub(crate) struct Context<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    nesting: Cell<usize>,
    depth: Cell<usize>,
    expected: RefCell<Expectations>,
}

/// What the parsers looked for, and did not find, at token `pos`.
#[derive(Default)]
struct Expectations {
    pos: usize,
    tried: Vec<Expected>,
}

impl<'a> Context<'a> {
    fn new(src: &'a str) -> Self {
        Context {
            src,
            tokens: tokenize(src),
            nesting: Cell::new(0),
            depth: Cell::new(0),
            expected: RefCell::new(Expectations::default()),
        }
    }

    fn start(&self) -> Tokens<'_> {
        Tokens {
            ctx: self,
            pos: 0,
            end: self.tokens.len() - 1,
        }
    }
}

/// The parsers' input: the tokens from `pos` up to `end`, where `end` is the end-of-input token
/// except in prefixes made by nom's [`Input::take`]. Looking ahead past `end` (`nth`) sees the
/// following tokens, and past the last token, end of input.
#[derive(Clone, Copy)]
pub(crate) struct Tokens<'a> {
    ctx: &'a Context<'a>,
    pos: usize,
    end: usize,
}

impl<'a> Input for Tokens<'a> {
    type Item = &'a Token;
    type Iter = std::slice::Iter<'a, Token>;
    type IterIndices = std::iter::Enumerate<Self::Iter>;

    fn input_len(&self) -> usize {
        self.end - self.pos
    }

    fn take(&self, index: usize) -> Self {
        Tokens {
            end: self.pos + index.min(self.input_len()),
            ..*self
        }
    }

    fn take_from(&self, index: usize) -> Self {
        self.advance(index)
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.remaining().iter().position(predicate)
    }

    fn iter_elements(&self) -> Self::Iter {
        self.remaining().iter()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.remaining().iter().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if count <= self.input_len() {
            Ok(count)
        } else {
            Err(Needed::new(count - self.input_len()))
        }
    }
}

impl nom::Offset for Tokens<'_> {
    fn offset(&self, second: &Self) -> usize {
        second.pos - self.pos
    }
}

impl<'a> Tokens<'a> {
    /// The tokens left, end of input excluded.
    fn remaining(&self) -> &'a [Token] {
        &self.ctx.tokens[self.pos..self.end]
    }

    /// The input `n` tokens further on, never past its end.
    pub(crate) fn advance(self, n: usize) -> Self {
        Tokens {
            pos: (self.pos + n).min(self.end),
            ..self
        }
    }

    pub(crate) fn peek(&self) -> &'a Token {
        self.nth(0)
    }

    /// The token `n` places ahead; the end-of-input token past the end.
    pub(crate) fn nth(&self, n: usize) -> &'a Token {
        let last = self.ctx.tokens.len() - 1;
        &self.ctx.tokens[(self.pos + n).min(last)]
    }

    pub(crate) fn nth_kind(&self, n: usize) -> &'a TokenKind {
        &self.nth(n).kind
    }

    pub(crate) fn text(&self, span: Span) -> &'a str {
        self.ctx.src.get(span.start..span.end).unwrap_or("")
    }

    /// The whole query text.
    pub(crate) fn source(&self) -> &'a str {
        self.ctx.src
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
            pos => self.ctx.tokens[pos - 1].span.end,
        }
    }

    /// The span from `start` to the end of the last consumed token.
    pub(crate) fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.prev_end())
    }

    /// Whether the current operator is complete: the next token cannot continue it.
    pub(crate) fn at_operator_end(&self) -> bool {
        matches!(
            self.peek().kind,
            TokenKind::Pipe | TokenKind::Semicolon | TokenKind::RParen | TokenKind::Eof
        )
    }

    /// Whether a name (`word` or `['name']`) starts at token `n`, and how many tokens it takes.
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

    /// Records that `expected` was looked for, and not found, here.
    fn expect_here(&self, expected: Expected) {
        let mut expectations = self.ctx.expected.borrow_mut();
        if expectations.pos != self.pos {
            expectations.pos = self.pos;
            expectations.tried.clear();
        }
        if !expectations.tried.contains(&expected) {
            expectations.tried.push(expected);
        }
    }

    /// What was looked for here (and is not looked for any more).
    fn take_expected(&self) -> Vec<Expected> {
        let mut expectations = self.ctx.expected.borrow_mut();
        if expectations.pos == self.pos {
            std::mem::take(&mut expectations.tried)
        } else {
            Vec::new()
        }
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
    fn describe_current(&self) -> String {
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
    pub(crate) fn error_expected(&self, what: &str) -> Box<Diagnostic> {
        self.error_expected_with(Code::UnexpectedToken, Some(what))
    }

    #[cold]
    pub(crate) fn error_expected_with(&self, code: Code, what: Option<&str>) -> Box<Diagnostic> {
        if let TokenKind::Error(diagnostic) = &self.peek().kind {
            return diagnostic.clone();
        }
        let tried = self.take_expected();
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

    /// A committed failure here: "expected `what`".
    #[cold]
    pub(crate) fn fail_expected<T>(&self, what: &str) -> PResult<'a, T> {
        Err(fail(self.error_expected(what)))
    }

    #[cold]
    pub(crate) fn fail_expected_with<T>(&self, code: Code, what: Option<&str>) -> PResult<'a, T> {
        Err(fail(self.error_expected_with(code, what)))
    }

    #[cold]
    pub(crate) fn not_supported(&self, what: &str, span: Span) -> Err<PError> {
        fail(Box::new(
            Diagnostic::error(Code::NotSupported, format!("{what} is not supported yet"))
                .with_span(span)
                .with_label("not supported yet")
                .with_note("docs/syntax.md lists what kqlhunt supports"),
        ))
    }

    #[cold]
    fn depth_error(&self, message: String) -> Err<PError> {
        fail(Box::new(
            Diagnostic::error(Code::DepthLimit, message)
                .with_span(self.peek().span)
                .with_help("split the query with `let` statements"),
        ))
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

// -- Errors -----------------------------------------------------------------------------------

/// The error of every parser. A committed error (`nom::Err::Failure`) carries the diagnostic
/// that ends the parse; a recoverable one (`nom::Err::Error`: "this rule does not start here")
/// only its position, and its diagnostic is built if it reaches the top. Diagnostics are boxed
/// so that results stay small, which keeps the recursion's stack frames small.
#[derive(Debug)]
pub(crate) struct PError {
    pos: usize,
    diagnostic: Option<Box<Diagnostic>>,
}

pub(crate) type PResult<'a, T> = IResult<Tokens<'a>, T, PError>;

/// A committed error: the parse ends with `diagnostic`.
pub(crate) fn fail(diagnostic: Box<Diagnostic>) -> Err<PError> {
    Err::Failure(PError {
        pos: 0,
        diagnostic: Some(diagnostic),
    })
}

/// A recoverable error at `input`: the rule does not start here.
pub(crate) fn mismatch(input: Tokens<'_>) -> Err<PError> {
    Err::Error(PError {
        pos: input.pos,
        diagnostic: None,
    })
}

impl<'a> ParseError<Tokens<'a>> for PError {
    fn from_error_kind(input: Tokens<'a>, _kind: ErrorKind) -> Self {
        PError {
            pos: input.pos,
            diagnostic: None,
        }
    }

    fn append(_input: Tokens<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

impl<'a> FromExternalError<Tokens<'a>, Box<Diagnostic>> for PError {
    fn from_external_error(
        input: Tokens<'a>,
        _kind: ErrorKind,
        diagnostic: Box<Diagnostic>,
    ) -> Self {
        PError {
            pos: input.pos,
            diagnostic: Some(diagnostic),
        }
    }
}

// -- Token parsers ----------------------------------------------------------------------------

/// One token of `kind`, looked at without recording it as expected (for lookahead decisions).
pub(crate) fn token<'a>(kind: TokenKind) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i: Tokens<'a>| {
        if i.at(&kind) {
            Ok((i.advance(1), i.peek().span))
        } else {
            Err(mismatch(i))
        }
    }
}

/// One token of `kind`; when it is not there, `label` is listed in the error at this position.
pub(crate) fn eat<'a>(
    kind: TokenKind,
    label: &'static str,
) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i: Tokens<'a>| {
        if i.at(&kind) {
            Ok((i.advance(1), i.peek().span))
        } else {
            i.expect_here(Expected::Label(label));
            Err(mismatch(i))
        }
    }
}

/// One token of `kind`, or a committed "expected `label`" error.
pub(crate) fn expect<'a>(
    kind: TokenKind,
    label: &'static str,
) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i: Tokens<'a>| {
        if i.at(&kind) {
            Ok((i.advance(1), i.peek().span))
        } else {
            i.fail_expected(label)
        }
    }
}

/// The keyword `word`, looked at without recording it as expected.
pub(crate) fn keyword<'a>(word: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i: Tokens<'a>| {
        if i.at_word(word) {
            Ok((i.advance(1), i.peek().span))
        } else {
            Err(mismatch(i))
        }
    }
}

/// The keyword `word`; when it is not there, it is listed (and suggested) in the error here.
pub(crate) fn eat_word<'a>(word: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i: Tokens<'a>| {
        if i.at_word(word) {
            Ok((i.advance(1), i.peek().span))
        } else {
            i.expect_here(Expected::Word(word));
            Err(mismatch(i))
        }
    }
}

/// The keyword `word`, or a committed "expected `word`" error.
pub(crate) fn expect_word<'a>(word: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i: Tokens<'a>| {
        if i.at_word(word) {
            Ok((i.advance(1), i.peek().span))
        } else {
            i.expect_here(Expected::Word(word));
            i.fail_expected_with(Code::UnexpectedToken, None)
        }
    }
}

/// item = ... ; list = item { "," item } ;
///
/// Each item is told what precedes it: `after` for the first (such as the operator's name),
/// `,` for the others, for "expected an expression after ..." messages. Items are committed:
/// an item that fails after a `,` ends the parse.
pub(crate) fn comma_list<'a, 'w, T>(
    after: &'w str,
    mut item: impl FnMut(Tokens<'a>, &'w str) -> PResult<'a, T>,
) -> impl FnMut(Tokens<'a>) -> PResult<'a, Vec<T>> {
    move |i: Tokens<'a>| {
        let mut first = true;
        let each = |i| {
            let after = if std::mem::take(&mut first) {
                after
            } else {
                ","
            };
            item(i, after)
        };
        separated_list1(eat(TokenKind::Comma, "`,`"), cut(each)).parse(i)
    }
}

/// Any one token.
pub(crate) fn any_token(i: Tokens<'_>) -> PResult<'_, &Token> {
    Ok((i.advance(1), i.peek()))
}

/// Consumes nothing, and fails unless the current token can start an expression: "expected an
/// expression after `after`".
pub(crate) fn operand<'a>(after: &str) -> impl Fn(Tokens<'a>) -> PResult<'a, ()> {
    move |i: Tokens<'a>| {
        if i.starts_expression() {
            return Ok((i, ()));
        }
        if i.at(&TokenKind::Star) && i.nth_word(1).is_some() {
            let span = i.peek().span;
            return Err(i.not_supported("`*` as an operand (a search of every column)", span));
        }
        let mut diagnostic = i.error_expected_with(
            Code::ExpectedExpression,
            Some(&format!("an expression after `{after}`")),
        );
        if i.at_word("not") {
            diagnostic.help = Some("negation is the function `not(expr)` in KQL".into());
        }
        Err(fail(diagnostic))
    }
}

/// A name: a word that is not reserved, or `['any text']` / `["any text"]`.
pub(crate) fn identifier<'a>(what: &str) -> impl Fn(Tokens<'a>) -> PResult<'a, Ident> {
    move |i: Tokens<'a>| {
        let token = i.peek();
        match token.kind {
            TokenKind::Word => {
                let word = i.text(token.span);
                if word.starts_with(['!', '$']) || is_reserved(word) {
                    return i.fail_expected(what);
                }
                Ok((i.advance(1), Ident::new(word, token.span)))
            }
            TokenKind::LBracket => bracketed_name(what)(i),
            _ => i.fail_expected(what),
        }
    }
}

/// `['name']`: the current token is `[`.
pub(crate) fn bracketed_name<'a>(what: &str) -> impl Fn(Tokens<'a>) -> PResult<'a, Ident> {
    move |i: Tokens<'a>| {
        let name = match i.nth_kind(1) {
            TokenKind::String(name) => name.clone(),
            TokenKind::Error(diagnostic) => return Err(fail(diagnostic.clone())),
            _ => return i.fail_expected(what),
        };
        let start = i.peek().span.start;
        let (i, end) = expect(TokenKind::RBracket, "`]`")(i.advance(2))?;
        Ok((i, Ident::new(name, Span::new(start, end.end))))
    }
}

/// A word made of parts joined by `-` with no spaces (`mv-expand`, `granny-asc`); the current
/// token is a word.
pub(crate) fn hyphenated_word(i: Tokens<'_>) -> PResult<'_, (String, Span)> {
    let first = i.peek();
    let mut name = i.text(first.span).to_string();
    let mut span = first.span;
    let mut i = i.advance(1);
    while *i.nth_kind(0) == TokenKind::Minus
        && i.nth(0).span.start == span.end
        && *i.nth_kind(1) == TokenKind::Word
        && i.adjacent(0)
    {
        let part = i.nth(1);
        name.push('-');
        name.push_str(i.text(part.span));
        span = span.to(part.span);
        i = i.advance(2);
    }
    Ok((i, (name, span)))
}

// -- Limits -----------------------------------------------------------------------------------

/// Runs `parse` one nesting level deeper, failing cleanly past [`MAX_NESTING`].
pub(crate) fn nested<'a, T>(
    i: Tokens<'a>,
    parse: impl FnOnce(Tokens<'a>) -> PResult<'a, T>,
) -> PResult<'a, T> {
    let context = i.ctx;
    if context.nesting.get() >= MAX_NESTING {
        return Err(i.depth_error(format!(
            "the query nests more than {MAX_NESTING} levels of parentheses, calls or subqueries"
        )));
    }
    deepen(i)?;
    context.nesting.set(context.nesting.get() + 1);
    let result = parse(i);
    context.nesting.set(context.nesting.get() - 1);
    context.depth.set(context.depth.get() - 1);
    result
}

/// Adds one level to the tree depth; the caller restores it (with [`depth`] and
/// [`restore_depth`]) when done.
pub(crate) fn deepen(i: Tokens<'_>) -> Result<(), Err<PError>> {
    let depth = i.ctx.depth.get();
    if depth >= MAX_TREE_DEPTH {
        return Err(i.depth_error(format!(
            "the expression is more than {MAX_TREE_DEPTH} levels deep"
        )));
    }
    i.ctx.depth.set(depth + 1);
    Ok(())
}

pub(crate) fn depth(i: Tokens<'_>) -> usize {
    i.ctx.depth.get()
}

pub(crate) fn restore_depth(i: Tokens<'_>, depth: usize) {
    i.ctx.depth.set(depth);
}

// -- Values -----------------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;

    /// nom's own combinators work on `Tokens` through the `Input` trait.
    #[test]
    fn tokens_are_a_nom_input() {
        let context = Context::new("a | b");
        let input = context.start();
        assert_eq!(input.input_len(), 3);
        let take = |n: usize| nom::bytes::complete::take::<_, _, PError>(n).parse(input);
        let Ok((rest, taken)) = take(2) else {
            panic!("take(2) failed")
        };
        assert_eq!(taken.input_len(), 2);
        let starts: Vec<usize> = taken.iter_elements().map(|t| t.span.start).collect();
        assert_eq!(starts, vec![0, 2]);
        assert_eq!(rest.peek().span, Span::new(4, 5));
        assert_eq!(nom::Offset::offset(&input, &rest), 2);
        assert!(matches!(take(4), Err(Err::Error(error)) if error.pos == 0));
        let words = nom::multi::many0(keyword("a")).parse(input);
        assert!(matches!(words, Ok((rest, spans)) if rest.pos == 1 && spans.len() == 1));
    }
}
