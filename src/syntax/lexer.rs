//! Text to tokens. Lexing never fails: a malformed piece becomes an [`TokenKind::Error`] token,
//! reported only if the parser reaches it (so an unsupported operator earlier in the query is
//! reported first).

use crate::diagnostic::{Code, Diagnostic, Span};

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TokenKind {
    /// An identifier or keyword; the text is the token's source. Also `$left`, `!has`, `in~`.
    Word,
    /// An integer's magnitude (`-` is a separate token).
    Long(u64),
    Real(f64),
    /// A timespan such as `1d` or `1.5h`, in ticks.
    TimeSpan(i64),
    /// One string literal, unescaped.
    String(String),
    /// `datetime(...)`, `time(...)`, `guid(...)`, ...: literals whose content is raw text.
    Raw {
        keyword: RawKeyword,
        content: Span,
    },
    Pipe,
    Comma,
    Semicolon,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Dot,
    DotDot,
    Colon,
    /// `=`
    Assign,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `=~`
    EqTilde,
    /// `!~`
    BangTilde,
    Tilde,
    Bang,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    /// `=>`
    FatArrow,
    Error(Box<Diagnostic>),
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawKeyword {
    DateTime,
    TimeSpan,
    Guid,
    Decimal,
}

impl RawKeyword {
    fn from_word(word: &str) -> Option<RawKeyword> {
        Some(match word {
            "datetime" | "date" => RawKeyword::DateTime,
            "timespan" | "time" => RawKeyword::TimeSpan,
            "guid" => RawKeyword::Guid,
            "decimal" => RawKeyword::Decimal,
            _ => return None,
        })
    }
}

/// Ticks (100 ns) per unit, for timespan suffixes.
pub(crate) fn timespan_unit(unit: &str) -> Option<i64> {
    Some(match unit {
        "d" | "day" | "days" => 864_000_000_000,
        "h" | "hr" | "hrs" | "hour" | "hours" => 36_000_000_000,
        "m" | "min" | "minute" | "minutes" => 600_000_000,
        "s" | "sec" | "second" | "seconds" => 10_000_000,
        "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 10_000,
        "microsecond" | "microseconds" | "micro" | "micros" => 10,
        "tick" | "ticks" => 1,
        _ => return None,
    })
}

/// `whole.fraction` units in ticks, rounded toward zero; `None` when far out of range (the
/// caller checks the range of its type).
pub(crate) fn scale_ticks(whole: &str, fraction: &str, unit_ticks: i64) -> Option<i128> {
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut ticks = whole.checked_mul(i128::from(unit_ticks))?;
    // Digits past the 19th cannot change the result for any unit up to a day.
    let fraction = &fraction[..fraction.len().min(19)];
    if !fraction.is_empty() {
        let numerator: i128 = fraction.parse().ok()?;
        let denominator = 10i128.pow(u32::try_from(fraction.len()).ok()?);
        ticks = ticks.checked_add(numerator * i128::from(unit_ticks) / denominator)?;
    }
    Some(ticks)
}

pub(crate) fn is_word_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

pub(crate) fn tokenize(src: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        src,
        pos: 0,
        tokens: Vec::new(),
    };
    lexer.run();
    lexer.tokens
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, self.pos),
        });
    }

    fn error(&mut self, code: Code, message: String, start: usize) {
        self.error_with_help(code, message, None, start);
    }

    fn error_with_help(&mut self, code: Code, message: String, help: Option<String>, start: usize) {
        let span = Span::new(start, self.pos);
        let mut diagnostic = Diagnostic::error(code, message).with_span(span);
        diagnostic.help = help;
        self.tokens.push(Token {
            kind: TokenKind::Error(Box::new(diagnostic)),
            span,
        });
    }

    /// Advances past characters while `keep` holds; returns the text passed over.
    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &str {
        let start = self.pos;
        let len = self
            .rest()
            .char_indices()
            .find(|&(_, c)| !keep(c))
            .map_or(self.rest().len(), |(i, _)| i);
        self.pos += len;
        &self.src[start..self.pos]
    }

    fn skip_trivia(&mut self) {
        loop {
            self.take_while(char::is_whitespace);
            if self.rest().starts_with("//") {
                self.take_while(|c| c != '\n');
            } else {
                return;
            }
        }
    }

    fn run(&mut self) {
        loop {
            self.skip_trivia();
            let start = self.pos;
            let Some(c) = self.peek() else {
                self.push(TokenKind::Eof, start);
                return;
            };
            match c {
                '"' | '\'' => self.quoted_string(start),
                '@' if matches!(self.peek_at(1), Some('"' | '\'')) => {
                    self.pos += 1;
                    self.verbatim_string(start);
                }
                'h' | 'H' if self.starts_obfuscated_string() => {
                    self.pos += 1;
                    if self.peek() == Some('@') {
                        self.pos += 1;
                        self.verbatim_string(start);
                    } else {
                        self.quoted_string(start);
                    }
                }
                '`' if self.rest().starts_with("```") => self.multiline_string(start),
                '0'..='9' => self.number(start),
                '.' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit())
                    && !self.follows_operand(start) =>
                {
                    self.number(start)
                }
                '$' if self.peek_at(1).is_some_and(is_word_start) => {
                    self.pos += 1;
                    self.word(start);
                }
                '!' if self.peek_at(1).is_some_and(is_word_start) => {
                    self.pos += 1;
                    self.word(start);
                }
                c if is_word_start(c) => self.word(start),
                _ => self.punctuation(start, c),
            }
        }
    }

    fn starts_obfuscated_string(&self) -> bool {
        match self.peek_at(1) {
            Some('"' | '\'') => true,
            Some('@') => matches!(self.peek_at(2), Some('"' | '\'')),
            _ => false,
        }
    }

    /// Whether the previous token is an operand that ends right here, so that `.` is member
    /// access rather than the start of `.5`.
    fn follows_operand(&self, start: usize) -> bool {
        self.tokens.last().is_some_and(|t| {
            t.span.end == start
                && matches!(
                    t.kind,
                    TokenKind::Word | TokenKind::RParen | TokenKind::RBracket
                )
        })
    }

    fn punctuation(&mut self, start: usize, c: char) {
        let two = self.rest().get(..2).unwrap_or("");
        let (kind, len) = match two {
            "==" => (TokenKind::EqEq, 2),
            "!=" => (TokenKind::NotEq, 2),
            "=~" => (TokenKind::EqTilde, 2),
            "!~" => (TokenKind::BangTilde, 2),
            "<=" => (TokenKind::Le, 2),
            ">=" => (TokenKind::Ge, 2),
            "=>" => (TokenKind::FatArrow, 2),
            ".." => (TokenKind::DotDot, 2),
            _ => {
                let kind = match c {
                    '|' => TokenKind::Pipe,
                    ',' => TokenKind::Comma,
                    ';' => TokenKind::Semicolon,
                    '(' => TokenKind::LParen,
                    ')' => TokenKind::RParen,
                    '[' => TokenKind::LBracket,
                    ']' => TokenKind::RBracket,
                    '{' => TokenKind::LBrace,
                    '}' => TokenKind::RBrace,
                    '.' => TokenKind::Dot,
                    ':' => TokenKind::Colon,
                    '=' => TokenKind::Assign,
                    '~' => TokenKind::Tilde,
                    '!' => TokenKind::Bang,
                    '<' => TokenKind::Lt,
                    '>' => TokenKind::Gt,
                    '+' => TokenKind::Plus,
                    '-' => TokenKind::Minus,
                    '*' => TokenKind::Star,
                    '/' => TokenKind::Slash,
                    '%' => TokenKind::Percent,
                    _ => {
                        self.pos += c.len_utf8();
                        let message = if c.is_control() {
                            format!("unexpected character U+{:04X}", c as u32)
                        } else {
                            format!("unexpected character `{c}`")
                        };
                        self.error(Code::InvalidCharacter, message, start);
                        return;
                    }
                };
                (kind, 1)
            }
        };
        self.pos += len;
        self.push(kind, start);
    }

    fn word(&mut self, start: usize) {
        self.take_while(is_word_char);
        let word = &self.src[start..self.pos];
        if matches!(word, "in" | "!in") && self.peek() == Some('~') {
            self.pos += 1;
        }
        if let Some(keyword) = RawKeyword::from_word(word) {
            let after_word = self.pos;
            // Whitespace and comments may separate the keyword from `(`, as between any tokens.
            self.skip_trivia();
            if self.peek() == Some('(') {
                self.raw_literal(start, keyword);
                return;
            }
            self.pos = after_word;
        }
        self.push(TokenKind::Word, start);
    }

    /// The content of `keyword(...)`, up to the closing parenthesis on the same line.
    fn raw_literal(&mut self, start: usize, keyword: RawKeyword) {
        self.pos += 1; // `(`
        let content_start = self.pos;
        self.take_while(|c| !matches!(c, ')' | '(' | '\n'));
        let content = Span::new(content_start, self.pos);
        if self.peek() == Some(')') {
            self.pos += 1;
            self.push(TokenKind::Raw { keyword, content }, start);
        } else {
            let name = &self.src[start..content_start];
            let message = format!("`{}` literal is not closed with `)`", name.trim_end());
            self.error(Code::InvalidLiteral, message, start);
        }
    }

    fn number(&mut self, start: usize) {
        let rest = self.rest();
        if (rest.starts_with("0x") || rest.starts_with("0X"))
            && rest[2..].starts_with(|c: char| c.is_ascii_hexdigit())
        {
            self.pos += 2;
            let digits = self.take_while(|c| c.is_ascii_hexdigit());
            match u64::from_str_radix(digits, 16) {
                Ok(value) => self.push(TokenKind::Long(value), start),
                Err(_) => self.error(
                    Code::InvalidLiteral,
                    "hexadecimal literal is too large".into(),
                    start,
                ),
            }
            return;
        }
        let whole = self.take_while(|c| c.is_ascii_digit()).to_string();
        let mut fraction = None;
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            fraction = Some(self.take_while(|c| c.is_ascii_digit()).to_string());
        }
        let mut exponent = false;
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = usize::from(matches!(self.peek_at(1), Some('+' | '-')));
            if self.peek_at(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1 + sign;
                self.take_while(|c| c.is_ascii_digit());
                exponent = true;
            }
        }
        let number_end = self.pos;
        let suffix = self.take_while(is_word_char).to_string();
        let text = &self.src[start..number_end];
        if !suffix.is_empty() {
            let ticks = timespan_unit(&suffix)
                .filter(|_| !exponent)
                .and_then(|unit| scale_ticks(&whole, fraction.as_deref().unwrap_or(""), unit))
                .and_then(|ticks| i64::try_from(ticks).ok());
            match ticks {
                Some(ticks) => self.push(TokenKind::TimeSpan(ticks), start),
                None if timespan_unit(&suffix).is_some() => self.error(
                    Code::InvalidLiteral,
                    format!("timespan literal `{text}{suffix}` is out of range"),
                    start,
                ),
                None => self.error_with_help(
                    Code::InvalidLiteral,
                    format!("invalid number `{text}{suffix}`"),
                    Some(
                        "a number can only be followed by a timespan unit such as `d`, `h`, `m`, \
                         `s`, `ms`, `microsecond` or `tick`"
                            .into(),
                    ),
                    start,
                ),
            }
        } else if fraction.is_some() || exponent {
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() => self.push(TokenKind::Real(value), start),
                _ => self.error(
                    Code::InvalidLiteral,
                    format!("real literal `{text}` is out of range"),
                    start,
                ),
            }
        } else {
            match text.parse::<u64>() {
                Ok(value) => self.push(TokenKind::Long(value), start),
                Err(_) => self.error(
                    Code::InvalidLiteral,
                    format!("integer literal `{text}` is too large for a long"),
                    start,
                ),
            }
        }
    }

    /// `"..."` or `'...'` with backslash escapes, on one line. `self.pos` is at the quote.
    fn quoted_string(&mut self, start: usize) {
        let Some(quote) = self.peek() else { return };
        self.pos += 1;
        let mut value = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.unterminated(start);
            };
            match c {
                '\n' => return self.unterminated(start),
                '\\' => {
                    let escape_start = self.pos;
                    self.pos += 1;
                    match self.escape() {
                        Ok(decoded) => value.push_str(&decoded),
                        Err(message) => {
                            self.error(Code::InvalidLiteral, message, escape_start);
                            self.take_while(|c| c != quote && c != '\n');
                            if self.peek() == Some(quote) {
                                self.pos += 1;
                            }
                            return;
                        }
                    }
                }
                c if c == quote => {
                    self.pos += 1;
                    self.push(TokenKind::String(value), start);
                    return;
                }
                c => {
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// One escape sequence after `\`. Unknown escapes keep the backslash.
    fn escape(&mut self) -> Result<String, String> {
        let Some(c) = self.peek() else {
            return Ok("\\".into());
        };
        if c == '\n' {
            return Ok("\\".into());
        }
        self.pos += c.len_utf8();
        Ok(match c {
            'n' => "\n".into(),
            't' => "\t".into(),
            'r' => "\r".into(),
            '0' => "\0".into(),
            '\\' | '"' | '\'' => c.to_string(),
            'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) && self.rest().starts_with("\\u") {
                    self.pos += 2;
                    let low = self.hex4()?;
                    0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    high
                };
                char::from_u32(code)
                    .ok_or_else(|| format!("`\\u{code:04X}` is not a valid character"))?
                    .to_string()
            }
            other => format!("\\{other}"),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.rest().get(..4).unwrap_or("");
        if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_hexdigit()) {
            let value = u32::from_str_radix(digits, 16).map_err(|e| e.to_string());
            self.pos += 4;
            value
        } else {
            Err("`\\u` must be followed by four hexadecimal digits".into())
        }
    }

    /// `@"..."` or `@'...'`: no escapes, the quote doubled stands for itself. `self.pos` is at
    /// the quote.
    fn verbatim_string(&mut self, start: usize) {
        let Some(quote) = self.peek() else { return };
        self.pos += 1;
        let mut value = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.unterminated(start);
            };
            self.pos += c.len_utf8();
            match c {
                '\n' => {
                    self.pos -= 1;
                    return self.unterminated(start);
                }
                c if c == quote && self.peek() == Some(quote) => {
                    self.pos += 1;
                    value.push(quote);
                }
                c if c == quote => {
                    self.push(TokenKind::String(value), start);
                    return;
                }
                c => value.push(c),
            }
        }
    }

    /// ```` ```...``` ````: raw text over several lines.
    fn multiline_string(&mut self, start: usize) {
        self.pos += 3;
        match self.rest().find("```") {
            Some(len) => {
                let value = self.rest()[..len].to_string();
                self.pos += len + 3;
                self.push(TokenKind::String(value), start);
            }
            None => {
                self.pos = self.src.len();
                self.error(
                    Code::UnterminatedString,
                    "unterminated multi-line string literal: expected a closing ```".into(),
                    start,
                );
            }
        }
    }

    fn unterminated(&mut self, start: usize) {
        let quote = self.src[start..].chars().find(|c| matches!(c, '"' | '\''));
        let help = quote.map(|quote| {
            format!(
                "close the string with `{quote}` before the end of the line; use ``` for text \
                 over several lines"
            )
        });
        let message = "unterminated string literal".to_string();
        self.error_with_help(Code::UnterminatedString, message, help, start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        tokenize(src).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn words_and_operators() {
        use TokenKind::*;
        assert_eq!(
            kinds("a !has b in~ c !in~ d $left.x == y"),
            vec![
                Word, Word, Word, Word, Word, Word, Word, Word, Dot, Word, EqEq, Word, Eof
            ]
        );
        let tokens = tokenize("x !in~ (1)");
        assert_eq!(tokens[1].span, Span::new(2, 6));
    }

    #[test]
    fn numbers_and_timespans() {
        use TokenKind::*;
        assert_eq!(
            kinds("1 1.5 1e3 .5 0x1F 1d 1.5h 100ms 5microsecond 10tick 1..3"),
            vec![
                Long(1),
                Real(1.5),
                Real(1000.0),
                Real(0.5),
                Long(31),
                TimeSpan(864_000_000_000),
                TimeSpan(54_000_000_000),
                TimeSpan(1_000_000),
                TimeSpan(50),
                TimeSpan(10),
                Long(1),
                DotDot,
                Long(3),
                Eof
            ]
        );
        assert!(matches!(kinds("12abc")[0], Error(_)));
        assert!(matches!(kinds("99999999999999999999")[0], Error(_)));
        assert_eq!(kinds("a.b")[1], Dot);
    }

    #[test]
    fn strings() {
        let strings = |src: &str| -> Vec<String> {
            tokenize(src)
                .into_iter()
                .filter_map(|t| match t.kind {
                    TokenKind::String(s) => Some(s),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            strings(
                r#""a\"b" 'c\'d' "\\\n\t\u00e9" @"x""y" @'p\q' h"s" h@'v' ```m
l```"#
            ),
            vec!["a\"b", "c'd", "\\\n\té", "x\"y", "p\\q", "s", "v", "m\nl"]
        );
        assert!(matches!(kinds("\"abc")[0], TokenKind::Error(_)));
        assert!(matches!(kinds("'abc\n'")[0], TokenKind::Error(_)));
        assert!(matches!(kinds("```abc")[0], TokenKind::Error(_)));
        assert_eq!(strings(r#""\d""#), vec!["\\d"]);
        assert_eq!(strings(r#""\ud83d\ude00""#), vec!["😀"]);
    }

    #[test]
    fn raw_literals() {
        let tokens = tokenize("datetime(2015-12-31 23:59:59.9) time (1.02:03:04) datetime");
        let TokenKind::Raw { keyword, content } = &tokens[0].kind else {
            panic!("{tokens:?}")
        };
        assert_eq!(*keyword, RawKeyword::DateTime);
        assert_eq!(*content, Span::new(9, 30));
        assert!(matches!(
            tokens[1].kind,
            TokenKind::Raw {
                keyword: RawKeyword::TimeSpan,
                ..
            }
        ));
        assert_eq!(tokens[2].kind, TokenKind::Word);
        assert!(matches!(kinds("datetime(2015")[0], TokenKind::Error(_)));
    }

    #[test]
    fn comments_are_skipped() {
        use TokenKind::*;
        assert_eq!(kinds("a // b \"c\n| d"), vec![Word, Pipe, Word, Eof]);
    }

    #[test]
    fn ticks() {
        assert_eq!(scale_ticks("1", "5", 36_000_000_000), Some(54_000_000_000));
        assert_eq!(scale_ticks("", "5", 10_000_000), Some(5_000_000));
        assert_eq!(
            scale_ticks("9999999999999999999999999999999999999999", "", 1),
            None
        );
    }
}
