//! Literals: numbers, strings, `datetime(...)` and friends, typed literals such as `long(null)`,
//! and `dynamic(...)`.

use nom::Parser as _;
use nom::branch::alt;
use nom::combinator::{cut, map, opt};
use nom::multi::many1;
use nom::sequence::{preceded, separated_pair};

use super::{PResult, Tokens, any_token, eat, expect, fail, keyword, mismatch, nested, token};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::ast::{Dynamic, Expr, ExprKind, Literal, ScalarType};
use crate::syntax::lexer::{RawKeyword, TokenKind, scale_ticks, timespan_unit};

/// A number or timespan token as a literal, negated when `negate`; `None` (nothing consumed)
/// when the current token is not a number.
pub(crate) fn signed_number(i: Tokens<'_>, negate: bool) -> PResult<'_, Option<Literal>> {
    let token = i.peek();
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
                    return Err(fail(Box::new(
                        Diagnostic::error(
                            Code::InvalidLiteral,
                            format!(
                                "integer literal `{}` is out of range for a long",
                                i.text(token.span)
                            ),
                        )
                        .with_span(token.span)
                        .with_help("use a real literal such as `1e20`"),
                    )));
                }
            }
        }
        TokenKind::Real(value) => Literal::Real(if negate { -value } else { value }),
        TokenKind::TimeSpan(ticks) => Literal::TimeSpan(if negate { -ticks } else { ticks }),
        _ => return Ok((i, None)),
    };
    Ok((i.advance(1), Some(literal)))
}

/// One string token.
fn string(i: Tokens<'_>) -> PResult<'_, (&str, Span)> {
    match &i.peek().kind {
        TokenKind::String(part) => Ok((i.advance(1), (part.as_str(), i.peek().span))),
        _ => Err(mismatch(i)),
    }
}

/// string_literal = string { string } ;  (* adjacent literals concatenate *)
pub(crate) fn string_literal(i: Tokens<'_>) -> PResult<'_, (String, Span)> {
    map(many1(string), |parts| {
        let span = parts[0].1.to(parts[parts.len() - 1].1);
        (parts.into_iter().map(|(part, _)| part).collect(), span)
    })
    .parse(i)
}

/// The literal of a `datetime(...)`, `time(...)`, `guid(...)` or `decimal(...)` token.
pub(crate) fn raw_literal(
    i: Tokens<'_>,
    keyword: RawKeyword,
    content: Span,
) -> Result<Literal, nom::Err<super::PError>> {
    let text = i.text(content).trim();
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
        fail(Box::new(
            Diagnostic::error(
                Code::InvalidLiteral,
                format!("invalid {what} literal `{text}`"),
            )
            .with_span(content)
            .with_help(help.to_string()),
        ))
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

/// A raw literal token (`datetime(...)`, `time(...)`, ...) as a literal.
pub(crate) fn raw_token(i: Tokens<'_>) -> PResult<'_, Literal> {
    match i.peek().kind {
        TokenKind::Raw { keyword, content } => {
            Ok((i.advance(1), raw_literal(i, keyword, content)?))
        }
        _ => Err(mismatch(i)),
    }
}

/// typed_literal = ( "bool" | "int" | "long" | "real" ) "(" ( value | "null" ) ")" ;
///
/// The current token is the type name.
pub(crate) fn typed_literal(i: Tokens<'_>) -> PResult<'_, Expr> {
    let name_token = i.peek();
    let name = i.text(name_token.span);
    let ty = ScalarType::from_name(name).unwrap_or(ScalarType::Long);
    let what = match ty {
        ScalarType::Bool => "`true`, `false` or `null`",
        ScalarType::Real => "a number, `nan`, `+inf`, `-inf` or `null`",
        _ => "an integer or `null`",
    };
    let what = format!("{what} inside `{name}(...)`");
    let value = |i| -> PResult<'_, Literal> {
        if let Ok((i, _)) = keyword("null")(i) {
            return Ok((i, Literal::Null(ty)));
        }
        match ty {
            ScalarType::Bool => match i.nth_word(0) {
                Some("true") => Ok((i.advance(1), Literal::Bool(true))),
                Some("false") => Ok((i.advance(1), Literal::Bool(false))),
                _ => i.fail_expected_with(Code::InvalidLiteral, Some(&what)),
            },
            ScalarType::Real => real_content(i, &what),
            _ => integer_content(i, ty, &what),
        }
    };
    let (i, (literal, end)) = preceded(
        (any_token, expect(TokenKind::LParen, "`(`")),
        (value, expect(TokenKind::RParen, "`)`")),
    )
    .parse(i)?;
    Ok((
        i,
        Expr::new(
            ExprKind::Literal(literal),
            Span::new(name_token.span.start, end.end),
        ),
    ))
}

/// An optional sign and an integer.
fn integer_content<'a>(i: Tokens<'a>, ty: ScalarType, what: &str) -> PResult<'a, Literal> {
    let start = i.peek().span.start;
    let (i, negate) = sign(i)?;
    let (i, value) = match signed_number(i, negate)? {
        (i, Some(Literal::Long(value))) => (i, value),
        _ => return i.fail_expected_with(Code::InvalidLiteral, Some(what)),
    };
    if ty == ScalarType::Int {
        return match i32::try_from(value) {
            Ok(value) => Ok((i, Literal::Int(value))),
            Err(_) => Err(fail(Box::new(
                Diagnostic::error(Code::InvalidLiteral, "value is out of range for an int")
                    .with_span(i.span_from(start)),
            ))),
        };
    }
    Ok((i, Literal::Long(value)))
}

fn real_content<'a>(i: Tokens<'a>, what: &str) -> PResult<'a, Literal> {
    let (i, negate) = sign(i)?;
    let sign = if negate { -1.0 } else { 1.0 };
    let value = match i.peek().kind {
        TokenKind::Long(magnitude) => magnitude as f64,
        TokenKind::Real(value) => value,
        TokenKind::Word => match i.nth_word(0) {
            Some("nan" | "NaN") => f64::NAN,
            Some("inf" | "Infinity") => f64::INFINITY,
            _ => return i.fail_expected_with(Code::InvalidLiteral, Some(what)),
        },
        _ => return i.fail_expected_with(Code::InvalidLiteral, Some(what)),
    };
    Ok((i.advance(1), Literal::Real(sign * value)))
}

/// An optional `-` or `+`; true for `-`.
fn sign(i: Tokens<'_>) -> PResult<'_, bool> {
    map(
        opt(alt((
            map(token(TokenKind::Minus), |_| true),
            map(token(TokenKind::Plus), |_| false),
        ))),
        |sign| sign.unwrap_or(false),
    )
    .parse(i)
}

/// dynamic_literal = "dynamic" "(" ( "null" | json_value ) ")" ;
pub(crate) fn dynamic_literal(i: Tokens<'_>) -> PResult<'_, Expr> {
    let start = i.peek().span.start;
    let (i, _) = tri!((any_token, expect(TokenKind::LParen, "`(`")).parse(i));
    let (i, literal) = if i.at_word("null") && *i.nth_kind(1) == TokenKind::RParen {
        (i.advance(1), Literal::Null(ScalarType::Dynamic))
    } else {
        let (i, value) = tri!(nested(i, json_value));
        (i, Literal::Dynamic(value))
    };
    let (i, end) = tri!(expect(TokenKind::RParen, "`)`")(i));
    Ok((
        i,
        Expr::new(ExprKind::Literal(literal), Span::new(start, end.end)),
    ))
}

/// json_value = object | array | string | number | "true" | "false" | "null"
///            | datetime | timespan | guid ;
fn json_value(i: Tokens<'_>) -> PResult<'_, Dynamic> {
    let value = match i.peek().kind {
        TokenKind::LBrace => return nested(i, json_object),
        TokenKind::LBracket => return nested(i, json_array),
        TokenKind::String(_) => return map(string_literal, |(s, _)| Dynamic::String(s)).parse(i),
        TokenKind::Minus | TokenKind::Plus => {
            let (i, negate) = tri!(sign(i));
            return match signed_number(i, negate)? {
                (i, Some(literal)) => Ok((i, dynamic_number(literal))),
                (i, None) => i.fail_expected("a number after the sign"),
            };
        }
        TokenKind::Long(_) | TokenKind::Real(_) | TokenKind::TimeSpan(_) => {
            return match signed_number(i, false)? {
                (i, Some(literal)) => Ok((i, dynamic_number(literal))),
                (i, None) => i.fail_expected("a JSON value"),
            };
        }
        TokenKind::Raw { keyword, content } => match raw_literal(i, keyword, content)? {
            Literal::DateTime(text) => Dynamic::DateTime(text),
            Literal::TimeSpan(ticks) => Dynamic::TimeSpan(ticks),
            Literal::Guid(text) => Dynamic::Guid(text),
            Literal::Null(_) => Dynamic::Null,
            _ => return i.fail_expected("a JSON value"),
        },
        TokenKind::Word if i.at_word("dynamic") && *i.nth_kind(1) == TokenKind::LParen => {
            return map(dynamic_literal, |expr| match expr.kind {
                ExprKind::Literal(Literal::Dynamic(value)) => value,
                _ => Dynamic::Null,
            })
            .parse(i);
        }
        TokenKind::Word => match i.nth_word(0) {
            Some("true") => Dynamic::Bool(true),
            Some("false") => Dynamic::Bool(false),
            Some("null") => Dynamic::Null,
            _ => return i.fail_expected("a JSON value"),
        },
        _ => return i.fail_expected("a JSON value"),
    };
    Ok((i.advance(1), value))
}

/// The key of an object member: a string or a bare word.
fn key(i: Tokens<'_>) -> PResult<'_, String> {
    match i.peek().kind {
        TokenKind::String(_) => map(string_literal, |(key, _)| key).parse(i),
        TokenKind::Word => Ok((i.advance(1), i.text(i.peek().span).to_string())),
        _ => i.fail_expected("a string key"),
    }
}

/// object = "{" [ key ":" json_value { "," key ":" json_value } [ "," ] ] "}" ;
fn json_object(i: Tokens<'_>) -> PResult<'_, Dynamic> {
    let member = separated_pair(key, expect(TokenKind::Colon, "`:`"), json_value);
    map(
        preceded(any_token, json_items(member, TokenKind::RBrace, "`}`")),
        Dynamic::Object,
    )
    .parse(i)
}

/// array = "[" [ json_value { "," json_value } [ "," ] ] "]" ;
fn json_array(i: Tokens<'_>) -> PResult<'_, Dynamic> {
    map(
        preceded(
            any_token,
            json_items(json_value, TokenKind::RBracket, "`]`"),
        ),
        Dynamic::Array,
    )
    .parse(i)
}

/// `item, item, ... close`, with an optional trailing comma: after an opening bracket.
fn json_items<'a, T>(
    mut item: impl nom::Parser<Tokens<'a>, Output = T, Error = super::PError>,
    close: TokenKind,
    label: &'static str,
) -> impl FnMut(Tokens<'a>) -> PResult<'a, Vec<T>> {
    move |mut i: Tokens<'a>| {
        let mut items = Vec::new();
        loop {
            if let Ok((rest, _)) = eat(close.clone(), label)(i) {
                return Ok((rest, items));
            }
            let (rest, value) = cut(|i| item.parse(i)).parse(i)?;
            items.push(value);
            match eat(TokenKind::Comma, "`,`")(rest) {
                Ok((rest, _)) => i = rest,
                Err(_) => {
                    let (rest, _) = expect(close.clone(), label)(rest)?;
                    return Ok((rest, items));
                }
            }
        }
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
