//! Literals: numbers, strings, `datetime(...)` and friends, typed literals such as `long(null)`,
//! and `dynamic(...)`.

use super::{PResult, Parser};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::ast::{Dynamic, Expr, ExprKind, Literal, ScalarType};
use crate::syntax::lexer::{RawKeyword, TokenKind, scale_ticks, timespan_unit};

impl Parser<'_> {
    /// A number or timespan token as a literal, negated when `negate`; `None` (nothing
    /// consumed) when the current token is not a number.
    pub(crate) fn signed_number(&mut self, negate: bool) -> PResult<Option<Literal>> {
        let token = self.peek().clone();
        let literal = match token.kind {
            TokenKind::Long(magnitude) => {
                let value = if negate {
                    0i64.checked_sub_unsigned(magnitude)
                } else {
                    i64::try_from(magnitude).ok()
                };
                match value {
                    Some(value) => Literal::Long(value),
                    None => {
                        return Err(Diagnostic::error(
                            Code::InvalidLiteral,
                            format!(
                                "integer literal `{}` is out of range for a long",
                                self.text(token.span)
                            ),
                        )
                        .with_span(token.span)
                        .with_help("use a real literal such as `1e20`")
                        .into());
                    }
                }
            }
            TokenKind::Real(value) => Literal::Real(if negate { -value } else { value }),
            TokenKind::TimeSpan(ticks) => Literal::TimeSpan(if negate { -ticks } else { ticks }),
            _ => return Ok(None),
        };
        self.bump();
        Ok(Some(literal))
    }

    /// string_literal = string { string } ;  (* adjacent literals concatenate *)
    pub(crate) fn string_literal(&mut self) -> (String, Span) {
        let mut value = String::new();
        let mut span = self.peek().span;
        while let TokenKind::String(part) = &self.peek().kind {
            value.push_str(part);
            span = span.to(self.peek().span);
            self.bump();
        }
        (value, span)
    }

    /// The literal of a `datetime(...)`, `time(...)`, `guid(...)` or `decimal(...)` token.
    pub(crate) fn raw_literal(&self, keyword: RawKeyword, content: Span) -> PResult<Literal> {
        let text = self.text(content).trim();
        let ty = match keyword {
            RawKeyword::DateTime => ScalarType::DateTime,
            RawKeyword::TimeSpan => ScalarType::TimeSpan,
            RawKeyword::Guid => ScalarType::Guid,
            RawKeyword::Decimal => ScalarType::Decimal,
        };
        if text == "null" {
            return Ok(Literal::Null(ty));
        }
        let invalid = |what: &str, help: &str| {
            Box::new(
                Diagnostic::error(
                    Code::InvalidLiteral,
                    format!("invalid {what} literal `{text}`"),
                )
                .with_span(content)
                .with_help(help.to_string()),
            )
        };
        match keyword {
            _ if text.is_empty() => Err(invalid(ty.name(), "write a value or `null`")),
            RawKeyword::DateTime => Ok(Literal::DateTime(text.to_string())),
            RawKeyword::Guid => Ok(Literal::Guid(text.to_string())),
            RawKeyword::Decimal => Ok(Literal::Decimal(text.to_string())),
            RawKeyword::TimeSpan => timespan_text(text).map(Literal::TimeSpan).ok_or_else(|| {
                invalid(
                    "timespan",
                    "write a number with a unit (`2d`, `1.5h`, `30m`, `10s`, `100ms`), \
                     `[days.]hh:mm[:ss[.fffffff]]`, or a number of days",
                )
            }),
        }
    }

    /// typed_literal = ( "bool" | "int" | "long" | "real" ) "(" ( value | "null" ) ")" ;
    ///
    /// The current token is the type name.
    pub(crate) fn typed_literal(&mut self) -> PResult<Expr> {
        let name_token = self.bump();
        let name = self.text(name_token.span);
        let ty = ScalarType::from_name(name).unwrap_or(ScalarType::Long);
        self.expect(&TokenKind::LParen, "`(`")?;
        let what = match ty {
            ScalarType::Bool => "`true`, `false` or `null`",
            ScalarType::Real => "a number, `nan`, `+inf`, `-inf` or `null`",
            _ => "an integer or `null`",
        };
        let what = format!("{what} inside `{name}(...)`");
        let literal = if self.at_word("null") {
            self.bump();
            Literal::Null(ty)
        } else {
            match ty {
                ScalarType::Bool => {
                    let value = match self.nth_word(0) {
                        Some("true") => true,
                        Some("false") => false,
                        _ => {
                            return Err(self.error_expected_with(Code::InvalidLiteral, Some(&what)));
                        }
                    };
                    self.bump();
                    Literal::Bool(value)
                }
                ScalarType::Real => self.real_content(&what)?,
                _ => self.integer_content(ty, &what)?,
            }
        };
        let end = self.expect(&TokenKind::RParen, "`)`")?.end;
        Ok(Expr::new(
            ExprKind::Literal(literal),
            Span::new(name_token.span.start, end),
        ))
    }

    /// An optional sign and an integer.
    fn integer_content(&mut self, ty: ScalarType, what: &str) -> PResult<Literal> {
        let start = self.peek().span.start;
        let negate = self.eat_sign();
        let value = match self.signed_number(negate)? {
            Some(Literal::Long(value)) => value,
            _ => return Err(self.error_expected_with(Code::InvalidLiteral, Some(what))),
        };
        if ty == ScalarType::Int {
            return i32::try_from(value).map(Literal::Int).map_err(|_| {
                Diagnostic::error(Code::InvalidLiteral, "value is out of range for an int")
                    .with_span(Span::new(start, self.prev_end()))
                    .into()
            });
        }
        Ok(Literal::Long(value))
    }

    fn real_content(&mut self, what: &str) -> PResult<Literal> {
        let negate = self.eat_sign();
        let sign = if negate { -1.0 } else { 1.0 };
        let value = match self.peek().kind {
            TokenKind::Long(magnitude) => magnitude as f64,
            TokenKind::Real(value) => value,
            TokenKind::Word => match self.nth_word(0) {
                Some("nan" | "NaN") => f64::NAN,
                Some("inf" | "Infinity") => f64::INFINITY,
                _ => return Err(self.error_expected_with(Code::InvalidLiteral, Some(what))),
            },
            _ => return Err(self.error_expected_with(Code::InvalidLiteral, Some(what))),
        };
        self.bump();
        Ok(Literal::Real(sign * value))
    }

    /// Consumes `-` or `+`; true for `-`.
    fn eat_sign(&mut self) -> bool {
        match self.peek().kind {
            TokenKind::Minus => {
                self.bump();
                true
            }
            TokenKind::Plus => {
                self.bump();
                false
            }
            _ => false,
        }
    }

    /// dynamic_literal = "dynamic" "(" ( "null" | json_value ) ")" ;
    pub(crate) fn dynamic_literal(&mut self) -> PResult<Expr> {
        let start = self.bump().span.start;
        self.expect(&TokenKind::LParen, "`(`")?;
        let literal = if self.at_word("null") && *self.nth_kind(1) == TokenKind::RParen {
            self.bump();
            Literal::Null(ScalarType::Dynamic)
        } else {
            Literal::Dynamic(self.nested(|p| p.json_value())?)
        };
        let end = self.expect(&TokenKind::RParen, "`)`")?.end;
        Ok(Expr::new(ExprKind::Literal(literal), Span::new(start, end)))
    }

    /// json_value = object | array | string | number | "true" | "false" | "null"
    ///            | datetime | timespan | guid ;
    fn json_value(&mut self) -> PResult<Dynamic> {
        let token = self.peek().clone();
        let value = match token.kind {
            TokenKind::LBrace => return self.nested(|p| p.json_object()),
            TokenKind::LBracket => return self.nested(|p| p.json_array()),
            TokenKind::String(_) => return Ok(Dynamic::String(self.string_literal().0)),
            TokenKind::Minus | TokenKind::Plus => {
                let negate = self.eat_sign();
                match self.signed_number(negate)? {
                    Some(literal) => return Ok(dynamic_number(literal)),
                    None => return Err(self.error_expected("a number after the sign")),
                }
            }
            TokenKind::Long(_) | TokenKind::Real(_) | TokenKind::TimeSpan(_) => {
                match self.signed_number(false)? {
                    Some(literal) => return Ok(dynamic_number(literal)),
                    None => return Err(self.error_expected("a JSON value")),
                }
            }
            TokenKind::Raw { keyword, content } => match self.raw_literal(keyword, content)? {
                Literal::DateTime(text) => Dynamic::DateTime(text),
                Literal::TimeSpan(ticks) => Dynamic::TimeSpan(ticks),
                Literal::Guid(text) => Dynamic::Guid(text),
                Literal::Null(_) => Dynamic::Null,
                _ => return Err(self.error_expected("a JSON value")),
            },
            TokenKind::Word
                if self.at_word("dynamic") && *self.nth_kind(1) == TokenKind::LParen =>
            {
                return match self.dynamic_literal()?.kind {
                    ExprKind::Literal(Literal::Dynamic(value)) => Ok(value),
                    _ => Ok(Dynamic::Null),
                };
            }
            TokenKind::Word => match self.nth_word(0) {
                Some("true") => Dynamic::Bool(true),
                Some("false") => Dynamic::Bool(false),
                Some("null") => Dynamic::Null,
                _ => return Err(self.error_expected("a JSON value")),
            },
            _ => return Err(self.error_expected("a JSON value")),
        };
        self.bump();
        Ok(value)
    }

    /// object = "{" [ key ":" json_value { "," key ":" json_value } [ "," ] ] "}" ;
    fn json_object(&mut self) -> PResult<Dynamic> {
        self.bump();
        let mut members = Vec::new();
        while !self.eat(&TokenKind::RBrace, "`}`") {
            let key = match self.peek().kind {
                TokenKind::String(_) => self.string_literal().0,
                TokenKind::Word => {
                    let key = self.text(self.peek().span).to_string();
                    self.bump();
                    key
                }
                _ => return Err(self.error_expected("a string key")),
            };
            self.expect(&TokenKind::Colon, "`:`")?;
            members.push((key, self.json_value()?));
            if !self.eat(&TokenKind::Comma, "`,`") {
                self.expect(&TokenKind::RBrace, "`}`")?;
                break;
            }
        }
        Ok(Dynamic::Object(members))
    }

    /// array = "[" [ json_value { "," json_value } [ "," ] ] "]" ;
    fn json_array(&mut self) -> PResult<Dynamic> {
        self.bump();
        let mut items = Vec::new();
        while !self.eat(&TokenKind::RBracket, "`]`") {
            items.push(self.json_value()?);
            if !self.eat(&TokenKind::Comma, "`,`") {
                self.expect(&TokenKind::RBracket, "`]`")?;
                break;
            }
        }
        Ok(Dynamic::Array(items))
    }
}

fn dynamic_number(literal: Literal) -> Dynamic {
    match literal {
        Literal::Long(value) => Dynamic::Long(value),
        Literal::Real(value) => Dynamic::Real(value),
        Literal::TimeSpan(ticks) => Dynamic::TimeSpan(ticks),
        _ => Dynamic::Null,
    }
}

/// The ticks of the text inside `time(...)` / `timespan(...)`: a number with a unit (`2d`,
/// `1.5h`), a plain number of days (`2`), or `[-][d.]hh:mm[:ss[.fffffff]]`.
pub(crate) fn timespan_text(text: &str) -> Option<i64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(text).trim_start()),
    };
    let ticks: i128 = if body.contains(':') {
        clock_ticks(body)?
    } else {
        let number_end = body
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(body.len());
        let (number, unit) = body.split_at(number_end);
        let unit_ticks = if unit.trim().is_empty() {
            timespan_unit("d")?
        } else {
            timespan_unit(unit.trim())?
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        scale_ticks(whole, fraction, unit_ticks)?
    };
    i64::try_from(if negative { -ticks } else { ticks }).ok()
}

fn all_digits(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_digit())
}

/// `[d.]hh:mm[:ss[.fffffff]]` in ticks.
fn clock_ticks(text: &str) -> Option<i128> {
    let parts: Vec<&str> = text.split(':').collect();
    let (days, hours) = match parts[0].split_once('.') {
        Some((days, hours)) => (days, hours),
        None => ("0", parts[0]),
    };
    let (minutes, seconds) = match parts.as_slice() {
        [_, minutes] => (*minutes, "0"),
        [_, minutes, seconds] => (*minutes, *seconds),
        _ => return None,
    };
    let (seconds, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    let fields = [days, hours, minutes, seconds];
    if fields.iter().any(|f| f.is_empty() || !all_digits(f)) || !all_digits(fraction) {
        return None;
    }
    let number = |text: &str| text.parse::<i128>().ok();
    let (hours, minutes, seconds) = (number(hours)?, number(minutes)?, number(seconds)?);
    if hours > 23 || minutes > 59 || seconds > 59 || fraction.len() > 7 {
        return None;
    }
    let fraction_ticks = if fraction.is_empty() {
        0
    } else {
        number(fraction)? * 10i128.pow(7 - fraction.len() as u32)
    };
    let total_hours = number(days)?.checked_mul(24)?.checked_add(hours)?;
    let total_seconds = total_hours
        .checked_mul(3_600)?
        .checked_add(minutes * 60 + seconds)?;
    total_seconds
        .checked_mul(10_000_000)?
        .checked_add(fraction_ticks)
}

#[cfg(test)]
mod tests {
    use super::timespan_text;

    #[test]
    fn timespan_texts() {
        const SECOND: i64 = 10_000_000;
        assert_eq!(timespan_text("2d"), Some(2 * 86_400 * SECOND));
        assert_eq!(timespan_text("1.5h"), Some(5_400 * SECOND));
        assert_eq!(timespan_text("2"), Some(2 * 86_400 * SECOND));
        assert_eq!(timespan_text("0.5"), Some(43_200 * SECOND));
        assert_eq!(
            timespan_text("1.02:03:04"),
            Some((86_400 + 2 * 3_600 + 3 * 60 + 4) * SECOND)
        );
        assert_eq!(timespan_text("00:10:00"), Some(600 * SECOND));
        assert_eq!(
            timespan_text("12:34"),
            Some((12 * 3_600 + 34 * 60) * SECOND)
        );
        assert_eq!(timespan_text("0.00:00:01.5"), Some(15_000_000));
        assert_eq!(timespan_text("-1d"), Some(-86_400 * SECOND));
        assert_eq!(timespan_text("-9223372036854775808tick"), Some(i64::MIN));
        assert_eq!(timespan_text("9223372036854775808tick"), None);
        let huge = "99999999999999999999999999999999999999";
        assert_eq!(timespan_text(&format!("{huge}.00:00")), None);
        assert_eq!(timespan_text(&format!("{huge}{huge}d")), None);
        assert_eq!(timespan_text(&format!("{huge}.{huge}tick")), None);
        for bad in [
            "", "x", "1x", "1:2:3:4", "25:00", "1.2.3", "1..2", ".", "a:b",
        ] {
            assert_eq!(timespan_text(bad), None, "{bad}");
        }
    }
}
