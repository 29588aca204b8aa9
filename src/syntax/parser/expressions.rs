//! Scalar expressions: precedence climbing over binary operators, then unary, postfix and
//! primary expressions.

use nom::Parser as _;
use nom::combinator::map;
use nom::sequence::preceded;

use super::literals::{dynamic_literal, raw_token, signed_number, string_literal, typed_literal};
use super::tabular::expr_or_tabular;
use super::{
    PResult, Tokens, any_token, bracketed_name, deepen, depth, eat, expect, fail, identifier,
    is_reserved, mismatch, nested, operand, restore_depth, token,
};
use crate::diagnostic::{Code, Span};
use crate::syntax::ast::{
    BinaryOp, Expr, ExprKind, FunctionCall, Ident, JoinSide, ListOp, Literal, PREC_COMPARE,
    PREC_OR, UnaryOp,
};
use crate::syntax::lexer::TokenKind;

/// An operator between two operands.
#[derive(Clone, Copy)]
enum Infix {
    Binary(BinaryOp),
    List(ListOp),
    Between { negated: bool },
}

impl Infix {
    fn precedence(self) -> u8 {
        match self {
            Infix::Binary(op) => op.precedence(),
            Infix::List(_) | Infix::Between { .. } => PREC_COMPARE,
        }
    }
}

/// expression = binary_expression ;
pub(crate) fn expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    binary_expression(i, PREC_OR)
}

/// binary_operator = "or" | "and" | "==" | "!=" | ... ;
///
/// The operator at the current token, consumed (it may take two tokens: `matches regex`).
fn binary_operator(i: Tokens<'_>) -> PResult<'_, Infix> {
    let binary = |op| Ok((i.advance(1), Infix::Binary(op)));
    match i.peek().kind {
        TokenKind::EqEq => binary(BinaryOp::Eq),
        TokenKind::NotEq => binary(BinaryOp::NotEq),
        TokenKind::Lt => binary(BinaryOp::Lt),
        TokenKind::Le => binary(BinaryOp::Le),
        TokenKind::Gt => binary(BinaryOp::Gt),
        TokenKind::Ge => binary(BinaryOp::Ge),
        TokenKind::EqTilde => binary(BinaryOp::EqCi),
        TokenKind::BangTilde => binary(BinaryOp::NotEqCi),
        TokenKind::Plus => binary(BinaryOp::Add),
        TokenKind::Minus => binary(BinaryOp::Sub),
        TokenKind::Star => binary(BinaryOp::Mul),
        TokenKind::Slash => binary(BinaryOp::Div),
        TokenKind::Percent => binary(BinaryOp::Mod),
        TokenKind::Word => {
            let word = i.nth_word(0).unwrap_or("");
            if let Some(op) = ListOp::ALL.iter().find(|op| op.as_str() == word) {
                return Ok((i.advance(1), Infix::List(*op)));
            }
            match word {
                "between" => Ok((i.advance(1), Infix::Between { negated: false })),
                "!between" => Ok((i.advance(1), Infix::Between { negated: true })),
                "matches" if i.nth_word(1) == Some("regex") => {
                    Ok((i.advance(2), Infix::Binary(BinaryOp::MatchesRegex)))
                }
                _ => match BinaryOp::from_word(word) {
                    Some(op) => binary(op),
                    None => Err(mismatch(i)),
                },
            }
        }
        _ => Err(mismatch(i)),
    }
}

/// binary_expression = unary_expression { binary_operator unary_expression
///                   | list_operator expression_list | ( "between" | "!between" ) between_range } ;
///
/// Precedence climbing: operators below `min_precedence` are left to the caller.
fn binary_expression(i: Tokens<'_>, min_precedence: u8) -> PResult<'_, Expr> {
    let (i, left) = tri!(unary_expression(i));
    if binary_operator(i).is_err() {
        return Ok((i, left));
    }
    binary_operations(i, left, min_precedence)
}

/// The operators and right operands after `left`, by precedence climbing.
fn binary_operations(mut i: Tokens<'_>, mut left: Expr, min_precedence: u8) -> PResult<'_, Expr> {
    let depth = depth(i);
    while let Ok((rest, infix)) = binary_operator(i) {
        if infix.precedence() < min_precedence {
            break;
        }
        let op_text = rest.text(Span::new(i.peek().span.start, rest.prev_end()));
        tri!(deepen(rest));
        (i, left) = tri!(binary_rhs(rest, left, infix, op_text));
    }
    restore_depth(i, depth);
    Ok((i, left))
}

/// The right operand of `infix`, combined with `left`. Kept out of `binary_expression` so that
/// the recursion's stack frames stay small.
fn binary_rhs<'a>(i: Tokens<'a>, left: Expr, infix: Infix, op_text: &'a str) -> PResult<'a, Expr> {
    match infix {
        Infix::Binary(op) => binary_operand(i, left, op, op_text),
        Infix::List(op) => list_operand(i, left, op, op_text),
        Infix::Between { negated } => nested(i, |i| between_range(i, left, negated)),
    }
}

/// The right operand of a binary operator.
fn binary_operand<'a>(i: Tokens<'a>, left: Expr, op: BinaryOp, op_text: &str) -> PResult<'a, Expr> {
    let (i, ()) = tri!(operand(op_text)(i));
    let (i, right) = tri!(binary_expression(i, op.precedence() + 1));
    let span = left.span.to(right.span);
    let kind = ExprKind::Binary {
        op,
        left: Box::new(left),
        right: Box::new(right),
    };
    Ok((i, Expr::new(kind, span)))
}

/// The list after `in`, `has_any`, ...
fn list_operand<'a>(i: Tokens<'a>, left: Expr, op: ListOp, op_text: &str) -> PResult<'a, Expr> {
    let (i, list) = tri!(nested(i, |i| expression_list(i, op_text)));
    let span = Span::new(left.span.start, i.prev_end());
    let kind = ExprKind::List {
        op,
        expr: Box::new(left),
        list,
    };
    Ok((i, Expr::new(kind, span)))
}

/// `( item, ... )` after `in`, `has_any`, ...; an item may be a tabular subquery.
///
/// On the recursion's path (an item may hold another list), so written with plain calls rather
/// than `separated_list1`, whose frames are large in unoptimised builds.
fn expression_list<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, Vec<Expr>> {
    let Ok((i, _)) = token(TokenKind::LParen)(i) else {
        return missing_paren(i, after);
    };
    if let Ok((i, _)) = eat(TokenKind::RParen, "`)`")(i) {
        return Ok((i, Vec::new()));
    }
    expression_items(i)
}

#[cold]
fn missing_paren<'a, T>(i: Tokens<'a>, after: &str) -> PResult<'a, T> {
    i.fail_expected(&format!("`(` after `{after}`"))
}

/// The items of a list, after `(`, up to and including `)`.
fn expression_items(i: Tokens<'_>) -> PResult<'_, Vec<Expr>> {
    let mut list = Vec::new();
    let mut i = i;
    loop {
        let (rest, ()) = tri!(operand(if list.is_empty() { "(" } else { "," })(i));
        let (rest, value) = tri!(expr_or_tabular(rest));
        list.push(value.into_expr());
        match eat(TokenKind::Comma, "`,`")(rest) {
            Ok((rest, _)) => i = rest,
            Err(_) => {
                let (rest, _) = tri!(expect(TokenKind::RParen, "`)`")(rest));
                return Ok((rest, list));
            }
        }
    }
}

/// `(low .. high)` after `between`.
fn between_range(i: Tokens<'_>, left: Expr, negated: bool) -> PResult<'_, Expr> {
    let keyword = if negated { "!between" } else { "between" };
    let Ok((i, _)) = token(TokenKind::LParen)(i) else {
        return i.fail_expected(&format!("`(` after `{keyword}`"));
    };
    let (i, (low, _, high, end)) = (
        preceded(operand("("), expression),
        expect(TokenKind::DotDot, "`..`"),
        preceded(operand(".."), expression),
        expect(TokenKind::RParen, "`)`"),
    )
        .parse(i)?;
    let span = Span::new(left.span.start, end.end);
    let kind = ExprKind::Between {
        negated,
        expr: Box::new(left),
        low: Box::new(low),
        high: Box::new(high),
    };
    Ok((i, Expr::new(kind, span)))
}

/// unary_expression = ( "-" | "+" ) unary_expression | postfix_expression ;
///
/// A sign directly before a number or timespan literal is folded into it (`-5` is the literal
/// -5), so that the most negative long can be written; not when the number is the base of a
/// postfix expression (`-1.m`).
fn unary_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    match i.peek().kind {
        TokenKind::Minus => signed_expression(i, UnaryOp::Neg),
        TokenKind::Plus => signed_expression(i, UnaryOp::Plus),
        _ => postfix_expression(i),
    }
}

/// `-` or `+` and its operand.
fn signed_expression(i: Tokens<'_>, op: UnaryOp) -> PResult<'_, Expr> {
    let (i, sign) = tri!(any_token(i));
    let sign = sign.span;
    let postfix = matches!(i.nth_kind(1), TokenKind::Dot | TokenKind::LBracket);
    if !postfix {
        // `-1.m` is `-(1.m)`: the sign applies to the whole postfix expression.
        if let (i, Some(literal)) = tri!(signed_number(i, op == UnaryOp::Neg)) {
            let span = sign.to(Span::at(i.prev_end()));
            return Ok((i, Expr::new(ExprKind::Literal(literal), span)));
        }
    }
    let symbol = if op == UnaryOp::Neg { "-" } else { "+" };
    let (i, ()) = tri!(operand(symbol)(i));
    let (i, operand) = tri!(nested(i, unary_expression));
    let span = sign.to(operand.span);
    let kind = ExprKind::Unary {
        op,
        operand: Box::new(operand),
    };
    Ok((i, Expr::new(kind, span)))
}

/// postfix_expression = primary_expression
///                    { "." member_name | "." "[" expression "]" | "[" expression "]" } ;
fn postfix_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    let (i, expr) = tri!(primary_expression(i));
    if matches!(i.peek().kind, TokenKind::Dot | TokenKind::LBracket) {
        return postfix_chain(i, expr);
    }
    Ok((i, expr))
}

/// The `.name` and `[index]` steps after `expr`.
fn postfix_chain(mut i: Tokens<'_>, mut expr: Expr) -> PResult<'_, Expr> {
    let depth = depth(i);
    loop {
        match i.peek().kind {
            TokenKind::Dot if *i.nth_kind(1) == TokenKind::LBracket && i.name_at(1).is_none() => {
                // `a.[expr]` is `a[expr]`.
                i = i.advance(1);
            }
            TokenKind::Dot => (i, expr) = tri!(member_access(i, expr)),
            TokenKind::LBracket => {
                tri!(deepen(i));
                (i, expr) = tri!(nested(i, |i| index(i, expr)));
            }
            _ => break,
        }
    }
    restore_depth(i, depth);
    Ok((i, expr))
}

/// `. member_name` after `base`.
fn member_access(i: Tokens<'_>, base: Expr) -> PResult<'_, Expr> {
    let (i, name) = tri!(preceded(any_token, member_name).parse(i));
    tri!(deepen(i));
    let span = base.span.to(name.span);
    let kind = ExprKind::Member {
        base: Box::new(base),
        name,
    };
    Ok((i, Expr::new(kind, span)))
}

/// `[ expression ]` after `base`.
fn index(i: Tokens<'_>, base: Expr) -> PResult<'_, Expr> {
    let (i, ()) = tri!(operand("[")(i.advance(1)));
    let (i, index) = tri!(expression(i));
    let (i, end) = tri!(expect(TokenKind::RBracket, "`]`")(i));
    let span = Span::new(base.span.start, end.end);
    let kind = ExprKind::Index {
        base: Box::new(base),
        index: Box::new(index),
    };
    Ok((i, Expr::new(kind, span)))
}

/// The name after `.`: any word (keywords included) or `['name']`.
fn member_name(i: Tokens<'_>) -> PResult<'_, Ident> {
    let token = i.peek();
    match token.kind {
        TokenKind::Word if !i.text(token.span).starts_with(['!', '$']) => {
            Ok((i.advance(1), Ident::new(i.text(token.span), token.span)))
        }
        TokenKind::LBracket => bracketed_name("a property name after `.`")(i),
        _ => i.fail_expected("a property name after `.`"),
    }
}

/// primary_expression = number | string_literal | raw_literal | typed_literal | dynamic_literal
///                    | "true" | "false" | join_column | function_call | identifier
///                    | "(" expr_or_tabular ")" ;
pub(crate) fn primary_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    match i.peek().kind {
        TokenKind::Long(_) | TokenKind::Real(_) | TokenKind::TimeSpan(_) => number_expression(i),
        TokenKind::String(_) => string_expression(i),
        TokenKind::Raw { .. } => raw_expression(i),
        TokenKind::LParen => nested(i, parenthesized),
        TokenKind::LBracket => bracketed_expression(i),
        TokenKind::Word => word_expression(i),
        _ => i.fail_expected_with(Code::ExpectedExpression, Some("an expression")),
    }
}

/// A number or timespan literal.
fn number_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    let span = i.peek().span;
    match signed_number(i, false)? {
        (i, Some(value)) => Ok((i, Expr::new(ExprKind::Literal(value), span))),
        (i, None) => i.fail_expected("an expression"),
    }
}

fn string_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    map(string_literal, |(value, span)| {
        Expr::new(ExprKind::Literal(Literal::String(value)), span)
    })
    .parse(i)
}

fn raw_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    let span = i.peek().span;
    map(raw_token, |literal| {
        Expr::new(ExprKind::Literal(literal), span)
    })
    .parse(i)
}

/// `['name']` as an expression.
fn bracketed_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    map(bracketed_name("a name in `['...']`"), |ident| {
        let span = ident.span;
        Expr::new(ExprKind::Ident(ident), span)
    })
    .parse(i)
}

/// `( value )`: a parenthesised expression or tabular expression.
fn parenthesized(i: Tokens<'_>) -> PResult<'_, Expr> {
    let start = i.peek().span.start;
    let (i, ()) = tri!(operand("(")(i.advance(1)));
    let (i, inner) = tri!(expr_or_tabular(i));
    let (i, end) = tri!(expect(TokenKind::RParen, "`)`")(i));
    let kind = ExprKind::Paren(Box::new(inner.into_expr()));
    Ok((i, Expr::new(kind, Span::new(start, end.end))))
}

/// A primary expression starting with a word: literal keywords, `$left`/`$right`, calls and
/// names.
fn word_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    let token = i.peek();
    let word = i.text(token.span);
    let followed_by_paren = *i.nth_kind(1) == TokenKind::LParen;
    match word {
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return bool_expression(i),
        "dynamic" if followed_by_paren => return dynamic_literal(i),
        "long" | "int" | "real" | "double" | "bool" | "boolean" if followed_by_paren => {
            return typed_literal(i);
        }
        "$left" | "$right" => return join_column(i),
        "not" if !followed_by_paren => return not_error(i),
        _ => {}
    }
    if word.starts_with(['!', '$']) || is_reserved(word) {
        return i.fail_expected_with(Code::ExpectedExpression, Some("an expression"));
    }
    let name = Ident::new(word, token.span);
    if followed_by_paren {
        let (i, call) = tri!(function_call(i.advance(1), name));
        let span = i.span_from(token.span.start);
        return Ok((i, Expr::new(ExprKind::Call(call), span)));
    }
    Ok((i.advance(1), Expr::new(ExprKind::Ident(name), token.span)))
}

/// `true` or `false` in any of their spellings.
fn bool_expression(i: Tokens<'_>) -> PResult<'_, Expr> {
    let token = i.peek();
    let value = matches!(i.text(token.span), "true" | "True" | "TRUE");
    let expr = Expr::new(ExprKind::Literal(Literal::Bool(value)), token.span);
    Ok((i.advance(1), expr))
}

/// `not x`: negation is a function in KQL.
#[cold]
fn not_error(i: Tokens<'_>) -> PResult<'_, Expr> {
    let mut diagnostic = i.error_expected_with(Code::ExpectedExpression, Some("an expression"));
    diagnostic.help = Some("negation is the function `not(expr)` in KQL".into());
    Err(fail(diagnostic))
}

/// join_column = ( "$left" | "$right" ) "." member_name ;
fn join_column(i: Tokens<'_>) -> PResult<'_, Expr> {
    let (i, (token, _, column)) = (
        any_token,
        expect(TokenKind::Dot, "`.` after `$left` or `$right`"),
        member_name,
    )
        .parse(i)?;
    let side = if i.text(token.span) == "$left" {
        JoinSide::Left
    } else {
        JoinSide::Right
    };
    let span = token.span.to(column.span);
    Ok((i, Expr::new(ExprKind::JoinColumn { side, column }, span)))
}

/// function_call = word "(" [ argument { "," argument } ] ")" ;
///
/// The name has been consumed; the current token is `(`.
pub(crate) fn function_call(i: Tokens<'_>, name: Ident) -> PResult<'_, FunctionCall> {
    let (i, _) = tri!(expect(TokenKind::LParen, "`(`")(i));
    let (i, args) = tri!(nested(i, arguments));
    Ok((i, FunctionCall { name, args }))
}

/// The arguments of a call, after `(`, up to and including `)`. On the recursion's path, so
/// written with plain calls (see `expression_list`).
fn arguments(i: Tokens<'_>) -> PResult<'_, Vec<Expr>> {
    if let Ok((i, _)) = eat(TokenKind::RParen, "`)`")(i) {
        return Ok((i, Vec::new()));
    }
    let mut args = Vec::new();
    let mut i = i;
    loop {
        let (rest, arg) = tri!(argument(i, args.is_empty()));
        args.push(arg);
        match eat(TokenKind::Comma, "`,`")(rest) {
            Ok((rest, _)) => i = rest,
            Err(_) => {
                let (rest, _) = tri!(expect(TokenKind::RParen, "`)`")(rest));
                return Ok((rest, args));
            }
        }
    }
}

/// argument = "*" | identifier "=" expr_or_tabular | expr_or_tabular ;
fn argument(i: Tokens<'_>, first: bool) -> PResult<'_, Expr> {
    let next_ends = matches!(i.nth_kind(1), TokenKind::Comma | TokenKind::RParen);
    if i.at(&TokenKind::Star) && next_ends {
        return Ok((i.advance(1), Expr::new(ExprKind::Wildcard, i.peek().span)));
    }
    if i.name_at(0) == Some(1) && *i.nth_kind(1) == TokenKind::Assign {
        return named_argument(i);
    }
    positional_argument(i, first)
}

/// An argument without a name.
fn positional_argument(i: Tokens<'_>, first: bool) -> PResult<'_, Expr> {
    let (i, ()) = tri!(operand(if first { "(" } else { "," })(i));
    let (i, value) = tri!(expr_or_tabular(i));
    Ok((i, value.into_expr()))
}

/// `name = value` in an argument list.
fn named_argument(i: Tokens<'_>) -> PResult<'_, Expr> {
    let (i, name) = tri!(identifier("an argument name")(i));
    let (i, ()) = tri!(operand("=")(i.advance(1)));
    let (i, value) = tri!(expr_or_tabular(i));
    let value = value.into_expr();
    let span = name.span.to(value.span);
    let kind = ExprKind::NamedArgument {
        name,
        value: Box::new(value),
    };
    Ok((i, Expr::new(kind, span)))
}
