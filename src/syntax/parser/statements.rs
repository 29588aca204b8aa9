//! Statements: `let` (values, tabular values, functions, views) and query statements.

use nom::Parser as _;
use nom::branch::alt;
use nom::combinator::{cut, map, opt, value};
use nom::multi::{many0, separated_list1};
use nom::sequence::{delimited, preceded, terminated};

use super::expressions::expression;
use super::tabular::{column_def, expr_or_tabular, tabular_expression};
use super::{
    PResult, Tokens, Value, any_token, eat, expect, fail, identifier, keyword, mismatch, nested,
    operand,
};
use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{
    Body, FunctionBody, FunctionDef, Ident, LetStatement, LetValue, Param, ParamType, Query,
    ScalarType, Statement, StatementKind, TabularSchema,
};
use crate::syntax::lexer::TokenKind;

/// `;` repeated, possibly zero times.
fn semicolons(i: Tokens<'_>) -> PResult<'_, ()> {
    map(many0(eat(TokenKind::Semicolon, "`;`")), |_| ()).parse(i)
}

/// query = [ statement { ";" statement } ] [ ";" ] ;
pub(crate) fn query(i: Tokens<'_>) -> PResult<'_, Query> {
    let mut statements = Vec::new();
    let (mut i, ()) = semicolons(i)?;
    while !i.at(&TokenKind::Eof) {
        let (rest, statement) = statement(i)?;
        statements.push(statement);
        match eat(TokenKind::Semicolon, "`;`")(rest) {
            Ok((rest, _)) => (i, ()) = semicolons(rest)?,
            Err(_) if rest.at(&TokenKind::Eof) => i = rest,
            Err(_) => return rest.fail_expected("end of input"),
        }
    }
    let len = i.source().len();
    if statements.is_empty() {
        return Err(fail(Box::new(
            Diagnostic::error(Code::SyntaxError, "the query is empty")
                .with_span(Span::at(len))
                .with_help("write a table name, for example `CloudAuditEvents | take 10`"),
        )));
    }
    Ok((
        i,
        Query {
            statements,
            span: Span::new(0, len),
        },
    ))
}

/// statement = let_statement | tabular_expression ;
fn statement(i: Tokens<'_>) -> PResult<'_, Statement> {
    let start = i.peek().span.start;
    let (i, kind) = if i.at_word("let") {
        map(let_statement, StatementKind::Let).parse(i)?
    } else if i.at_word("set") && matches!(i.nth_kind(1), TokenKind::Word) {
        map(set_statement, StatementKind::Set).parse(i)?
    } else {
        reject_unsupported_statement(i)?;
        map(tabular_expression, StatementKind::Query).parse(i)?
    };
    let span = i.span_from(start);
    Ok((i, Statement { kind, span }))
}

/// `set`, `declare`, `alias`, `restrict` and `pattern` statements are valid KQL that the engine
/// does not run; a table with one of these names is still a table.
fn reject_unsupported_statement(i: Tokens<'_>) -> Result<(), nom::Err<super::PError>> {
    let Some(word) = i.nth_word(0) else {
        return Ok(());
    };
    if matches!(word, "declare" | "alias" | "restrict" | "pattern")
        && matches!(i.nth_kind(1), TokenKind::Word)
    {
        return Err(i.not_supported(&format!("the `{word}` statement"), i.peek().span));
    }
    Ok(())
}

/// set_statement = "set" identifier [ "=" expression ] ;
fn set_statement(i: Tokens<'_>) -> PResult<'_, crate::syntax::SetStatement> {
    let (i, name) = preceded(
        keyword("set"),
        cut(identifier("an option name after `set`")),
    )
    .parse(i)?;
    let (i, value) = opt(preceded(
        eat(TokenKind::Assign, "`=`"),
        cut(|i| preceded(operand("="), expression).parse(i)),
    ))
    .parse(i)?;
    Ok((i, crate::syntax::SetStatement { name, value }))
}

/// let_statement = "let" name "=" ( function_definition | value ) ;
pub(crate) fn let_statement(i: Tokens<'_>) -> PResult<'_, LetStatement> {
    let (i, name) = tri!(let_name(i));
    let (i, value) = if at_function_definition(i) {
        let (i, function) = tri!(function_definition(i));
        (i, LetValue::Function(function))
    } else {
        let (i, ()) = tri!(operand("=")(i));
        match tri!(expr_or_tabular(i)) {
            (i, Value::Scalar(expr)) => (i, LetValue::Scalar(expr)),
            (i, Value::Tabular(tabular)) => (i, LetValue::Tabular(tabular)),
        }
    };
    Ok((i, LetStatement { name, value }))
}

/// `let name =`
fn let_name(i: Tokens<'_>) -> PResult<'_, Ident> {
    delimited(
        keyword("let"),
        cut(identifier("a name after `let`")),
        expect(TokenKind::Assign, "`=`"),
    )
    .parse(i)
}

/// `view (`, `()` followed by `{`, `(name:`, `(name,`, or `(name)` followed by `{` (the last two
/// are definitions missing a type, reported by `parameter`).
fn at_function_definition(i: Tokens<'_>) -> bool {
    if i.at_word("view") {
        return *i.nth_kind(1) == TokenKind::LParen;
    }
    if !i.at(&TokenKind::LParen) {
        return false;
    }
    match i.nth_kind(1) {
        TokenKind::RParen => *i.nth_kind(2) == TokenKind::LBrace,
        _ => i.name_at(1).is_some_and(|len| match i.nth_kind(1 + len) {
            TokenKind::Colon | TokenKind::Comma => true,
            TokenKind::RParen => *i.nth_kind(2 + len) == TokenKind::LBrace,
            _ => false,
        }),
    }
}

/// function_definition = [ "view" ] "(" [ parameter { "," parameter } ] ")" function_body ;
fn function_definition(i: Tokens<'_>) -> PResult<'_, FunctionDef> {
    let (i, (view, params)) = tri!(function_parameters(i));
    let (i, body) = tri!(nested(i, function_body));
    Ok((i, FunctionDef { view, params, body }))
}

/// `[ "view" ] "(" [ parameter { "," parameter } ] ")"`
fn function_parameters(i: Tokens<'_>) -> PResult<'_, (bool, Vec<Param>)> {
    let (i, view) = map(opt(keyword("view")), |view| view.is_some()).parse(i)?;
    let (i, _) = expect(TokenKind::LParen, "`(`")(i)?;
    let (i, params) = match eat(TokenKind::RParen, "`)`")(i) {
        Ok((i, _)) => (i, Vec::new()),
        Err(_) => terminated(
            separated_list1(eat(TokenKind::Comma, "`,`"), cut(parameter)),
            expect(TokenKind::RParen, "`)`"),
        )
        .parse(i)?,
    };
    Ok((i, (view, params)))
}

/// parameter = name ":" ( scalar_type | tabular_schema ) [ "=" expression ] ;
fn parameter(i: Tokens<'_>) -> PResult<'_, Param> {
    let default = opt(preceded(
        eat(TokenKind::Assign, "`=`"),
        cut(preceded(operand("="), expression)),
    ));
    let (i, (name, _, ty, default)) = (
        identifier("a parameter name"),
        expect(TokenKind::Colon, "`:` and a type"),
        parameter_type,
        default,
    )
        .parse(i)?;
    Ok((i, Param { name, ty, default }))
}

/// parameter_type = scalar_type | tabular_schema ;
fn parameter_type(i: Tokens<'_>) -> PResult<'_, ParamType> {
    if i.at(&TokenKind::LParen) {
        map(tabular_schema, ParamType::Tabular).parse(i)
    } else {
        map(scalar_type, ParamType::Scalar).parse(i)
    }
}

/// tabular_schema = "(" ( "*" | column_def ) { "," ( "*" | column_def ) } ")" ;
pub(crate) fn tabular_schema(i: Tokens<'_>) -> PResult<'_, TabularSchema> {
    let column = alt((
        value(None, eat(TokenKind::Star, "`*`")),
        map(column_def, Some),
    ));
    let (i, items) = delimited(
        any_token,
        separated_list1(eat(TokenKind::Comma, "`,`"), cut(column)),
        expect(TokenKind::RParen, "`)`"),
    )
    .parse(i)?;
    let open = items.iter().any(Option::is_none);
    let columns = items.into_iter().flatten().collect();
    Ok((i, TabularSchema { columns, open }))
}

/// function_body = "{" { let_statement ";" } value [ ";" ] "}" ;
fn function_body(i: Tokens<'_>) -> PResult<'_, FunctionBody> {
    let (mut i, _) = tri!(expect(TokenKind::LBrace, "`{`")(i));
    let mut lets = Vec::new();
    loop {
        (i, ()) = tri!(semicolons(i));
        if !i.at_word("let") {
            break;
        }
        let (rest, statement) = tri!(local_let(i));
        lets.push(statement);
        i = rest;
    }
    let (i, ()) = tri!(operand("{")(i));
    let (i, result) = match expr_or_tabular(i)? {
        (i, Value::Scalar(expr)) => (i, Body::Scalar(expr)),
        (i, Value::Tabular(tabular)) => (i, Body::Tabular(tabular)),
    };
    let (i, _) = tri!(preceded(semicolons, expect(TokenKind::RBrace, "`}`")).parse(i));
    Ok((i, FunctionBody { lets, result }))
}

/// A `let` statement and its `;` inside a function body; a mismatch when no `let` is next.
fn local_let(i: Tokens<'_>) -> PResult<'_, LetStatement> {
    if !i.at_word("let") {
        return Err(mismatch(i));
    }
    let (i, statement) = tri!(let_statement(i));
    let (i, _) = tri!(expect(TokenKind::Semicolon, "`;`")(i));
    Ok((i, statement))
}

/// scalar_type = "bool" | "int" | "long" | "real" | "decimal" | "string" | "datetime"
///             | "timespan" | "guid" | "dynamic" | alias ;
pub(crate) fn scalar_type(i: Tokens<'_>) -> PResult<'_, ScalarType> {
    let Some(word) = i.nth_word(0) else {
        return i.fail_expected("a type name");
    };
    match ScalarType::from_name(word) {
        Some(ty) => Ok((i.advance(1), ty)),
        None => {
            let mut diagnostic =
                Diagnostic::error(Code::UnexpectedToken, format!("unknown type `{word}`"))
                    .with_span(i.peek().span);
            if let Some(suggestion) = did_you_mean(word, ScalarType::NAMES) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            Err(fail(Box::new(diagnostic.with_note(format!(
                "the types are {}",
                ScalarType::NAMES.join(", ")
            )))))
        }
    }
}
