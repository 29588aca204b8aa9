//! Tabular expressions: sources (`T`, `datatable`, `print`, `range`, `union`, calls,
//! parenthesised queries) and the `| operator` pipeline after them.

use nom::Parser as _;
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded, separated_pair};

use super::expressions::{expression, primary_expression};
use super::operators::{named_expression_list, operator, union_body};
use super::statements::scalar_type;
use super::{
    PResult, Tokens, Value, any_token, eat, expect, expect_word, fail, identifier, is_reserved,
    nested, operand,
};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::ast::{
    ColumnDef, Datatable, Expr, ExprKind, NamedExpr, Range, Source, SourceKind, TabularExpr,
};
use crate::syntax::lexer::TokenKind;

/// expr_or_tabular = tabular_expression | expression ;
///
/// Decided without backtracking: a source keyword (`datatable`, `print`, `range`, `union`)
/// starts a tabular expression; otherwise an expression is parsed, and a following `|` (or a
/// call of `materialize`) turns it into the source of a tabular expression.
///
/// This rule and the ones it calls down to `primary_expression` are where the parser recurses
/// for nested queries, so they are written with plain calls and small frames (nom's combinators
/// would add several frames per level in unoptimised builds).
pub(crate) fn expr_or_tabular(i: Tokens<'_>) -> PResult<'_, Value> {
    if at_source_keyword(i)
        && let (i, Some(value)) = tri!(keyword_source_value(i))
    {
        return Ok((i, value));
    }
    let (i, expr) = tri!(expression(i));
    expression_value(i, expr)
}

/// Whether the current word may start a source that `tabular_source` parses.
fn at_source_keyword(i: Tokens<'_>) -> bool {
    matches!(
        i.nth_word(0),
        Some(
            "datatable"
                | "print"
                | "range"
                | "union"
                | "find"
                | "search"
                | "externaldata"
                | "evaluate"
                | "cluster"
                | "database"
        )
    )
}

/// A tabular expression whose source starts with a keyword; `None` when the keyword is a name.
fn keyword_source_value(i: Tokens<'_>) -> PResult<'_, Option<Value>> {
    match tri!(tabular_source(i)) {
        (i, Some(source)) => {
            let (i, tabular) = tri!(pipeline(i, source));
            Ok((i, Some(Value::Tabular(tabular))))
        }
        (i, None) => Ok((i, None)),
    }
}

/// An expression, or the source of a tabular expression when `|` follows it (or it calls
/// `materialize`).
fn expression_value(i: Tokens<'_>, expr: Expr) -> PResult<'_, Value> {
    let materialize = matches!(&expr.kind, ExprKind::Call(call) if call.name.name == "materialize");
    if i.at(&TokenKind::Pipe) || materialize {
        return expression_pipeline(i, expr);
    }
    Ok((i, Value::Scalar(expr)))
}

/// The tabular expression whose source is `expr`.
fn expression_pipeline(i: Tokens<'_>, expr: Expr) -> PResult<'_, Value> {
    let source = tri!(source_from_expr(expr));
    let (i, tabular) = tri!(pipeline(i, source));
    Ok((i, Value::Tabular(tabular)))
}

/// tabular_expression = tabular_source { "|" operator } ;
pub(crate) fn tabular_expression(i: Tokens<'_>) -> PResult<'_, TabularExpr> {
    match tri!(expr_or_tabular(i)) {
        (i, Value::Tabular(tabular)) => Ok((i, tabular)),
        (i, Value::Scalar(expr)) => Ok((i, bare(source_from_expr(expr)?))),
    }
}

/// A tabular expression without operators.
fn bare(source: Source) -> TabularExpr {
    TabularExpr {
        span: source.span,
        source,
        operators: Vec::new(),
    }
}

/// The `| operator` steps after `source`.
fn pipeline(i: Tokens<'_>, source: Source) -> PResult<'_, TabularExpr> {
    let mut operators = Vec::new();
    let mut i = i;
    while let Ok((rest, _)) = eat(TokenKind::Pipe, "`|`")(i) {
        let (rest, operator) = tri!(operator(rest));
        operators.push(operator);
        i = rest;
    }
    let end = operators.last().map_or(source.span.end, |op| op.span.end);
    Ok((
        i,
        TabularExpr {
            span: Span::new(source.span.start, end),
            source,
            operators,
        },
    ))
}

/// tabular_source = datatable_source | print_source | range_source | "union" union_body
///                | identifier | function_call | "(" tabular_expression ")" ;
///
/// Only the sources that start with a keyword are parsed here, when the current token is one;
/// names, calls and parenthesised queries are parsed as expressions and converted by
/// `source_from_expr`.
fn tabular_source(i: Tokens<'_>) -> PResult<'_, Option<Source>> {
    let Some(word) = i.nth_word(0) else {
        return Ok((i, None));
    };
    let start = i.peek().span.start;
    let (rest, kind) = match word {
        "datatable" if *i.nth_kind(1) == TokenKind::LParen => {
            let (rest, datatable) = datatable_source(i)?;
            (rest, SourceKind::Datatable(datatable))
        }
        "print" => {
            let (rest, print) = print_source(i)?;
            (rest, SourceKind::Print(print))
        }
        "range" if i.nth_word(1).is_some() || *i.nth_kind(1) == TokenKind::LBracket => {
            let (rest, range) = range_source(i)?;
            (rest, SourceKind::Range(Box::new(range)))
        }
        "union" if !source_ends_at(i, 1) => {
            let (rest, union) = preceded(any_token, union_body).parse(i)?;
            (rest, SourceKind::Union(union))
        }
        "find" | "search" | "externaldata" | "evaluate" if !source_ends_at(i, 1) => {
            return Err(i.not_supported(&format!("`{word}`"), i.peek().span));
        }
        "cluster" | "database" if *i.nth_kind(1) == TokenKind::LParen => {
            let what = format!("cross-database access (`{word}(...)`)");
            return Err(i.not_supported(&what, i.peek().span));
        }
        _ => return Ok((i, None)),
    };
    let span = rest.span_from(start);
    Ok((rest, Some(Source { kind, span })))
}

/// Whether token `n` cannot continue a source keyword (so the keyword is a table name).
fn source_ends_at(i: Tokens<'_>, n: usize) -> bool {
    matches!(
        i.nth_kind(n),
        TokenKind::Pipe
            | TokenKind::Semicolon
            | TokenKind::RParen
            | TokenKind::Comma
            | TokenKind::Eof
    )
}

/// The source of a tabular expression written as an expression: a name, a call, or a
/// parenthesised query.
pub(crate) fn source_from_expr(expr: Expr) -> Result<Source, nom::Err<super::PError>> {
    let span = expr.span;
    let kind = match expr.kind {
        ExprKind::Ident(name) => SourceKind::Table(name),
        ExprKind::Call(call) => SourceKind::Call(call),
        ExprKind::Paren(inner) => {
            let tabular = match inner.kind {
                ExprKind::Tabular(tabular) => *tabular,
                _ => bare(source_from_expr(*inner)?),
            };
            SourceKind::Paren(Box::new(tabular))
        }
        ExprKind::Tabular(tabular) => SourceKind::Paren(tabular),
        _ => {
            return Err(fail(Box::new(
                Diagnostic::error(
                    Code::UnexpectedToken,
                    "expected a tabular expression (a table name, a function call, or a query \
                     in parentheses)",
                )
                .with_span(span)
                .with_label("this is a scalar expression")
                .with_help("to return a scalar value as a table, write `print <expression>`"),
            )));
        }
    };
    Ok(Source { kind, span })
}

/// A table operand of `join`, `lookup` and `union`: a name, a call, or a query in parentheses
/// (the parentheses are dropped).
pub(crate) fn tabular_operand(i: Tokens<'_>) -> PResult<'_, TabularExpr> {
    if i.at(&TokenKind::LParen) {
        let (i, tabular) = tri!(nested(i.advance(1), tabular_expression));
        let (i, _) = tri!(expect(TokenKind::RParen, "`)`")(i));
        return Ok((i, tabular));
    }
    if i.name_at(0).is_none() || i.nth_word(0).is_some_and(is_reserved) {
        return i.fail_expected("a table name or a query in parentheses");
    }
    named_operand(i)
}

/// A table operand that is a name, a call or a keyword source.
fn named_operand(i: Tokens<'_>) -> PResult<'_, TabularExpr> {
    let (i, source) = match tabular_source(i)? {
        (i, Some(source)) => (i, source),
        (i, None) => {
            let (i, expr) = tri!(primary_expression(i));
            (i, source_from_expr(expr)?)
        }
    };
    Ok((i, bare(source)))
}

/// datatable_source = "datatable" "(" column_def { "," column_def } ")"
///                    "[" [ expression { "," expression } [ "," ] ] "]" ;
fn datatable_source(i: Tokens<'_>) -> PResult<'_, Datatable> {
    let (mut i, columns) = delimited(
        (any_token, expect(TokenKind::LParen, "`(`")),
        separated_list1(eat(TokenKind::Comma, "`,`"), column_def),
        (
            expect(TokenKind::RParen, "`)`"),
            expect(TokenKind::LBracket, "`[`"),
        ),
    )
    .parse(i)?;
    let mut values = Vec::new();
    loop {
        if let Ok((rest, _)) = eat(TokenKind::RBracket, "`]`")(i) {
            i = rest;
            break;
        }
        let after = if values.is_empty() { "[" } else { "," };
        let (rest, value) = preceded(operand(after), |i| nested(i, expression)).parse(i)?;
        values.push(value);
        match eat(TokenKind::Comma, "`,`")(rest) {
            Ok((rest, _)) => i = rest,
            Err(_) => {
                (i, _) = expect(TokenKind::RBracket, "`]`")(rest)?;
                break;
            }
        }
    }
    Ok((i, Datatable { columns, values }))
}

/// column_def = name ":" scalar_type ;
pub(crate) fn column_def(i: Tokens<'_>) -> PResult<'_, ColumnDef> {
    let (i, (name, ty)) = separated_pair(
        identifier("a column name"),
        expect(TokenKind::Colon, "`:` and a type"),
        scalar_type,
    )
    .parse(i)?;
    Ok((i, ColumnDef { name, ty }))
}

/// print_source = "print" named_expression { "," named_expression } ;
fn print_source(i: Tokens<'_>) -> PResult<'_, Vec<NamedExpr>> {
    preceded(any_token, |i| named_expression_list(i, "print")).parse(i)
}

/// range_source = "range" name "from" expression "to" expression "step" expression ;
fn range_source(i: Tokens<'_>) -> PResult<'_, Range> {
    let (i, (_, column, from, to, step)) = (
        any_token,
        identifier("a column name after `range`"),
        bound("from"),
        bound("to"),
        bound("step"),
    )
        .parse(i)?;
    Ok((
        i,
        Range {
            column,
            from,
            to,
            step,
        },
    ))
}

/// `word expression`, both required.
pub(crate) fn bound<'a>(word: &'static str) -> impl FnMut(Tokens<'a>) -> PResult<'a, Expr> {
    move |i| preceded((expect_word(word), operand(word)), expression).parse(i)
}
