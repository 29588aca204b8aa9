//! Statements: `let` (values, tabular values, functions, views) and query statements.

use super::{PResult, Parser, Value};
use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{
    Body, ColumnDef, FunctionBody, FunctionDef, LetStatement, LetValue, Param, ParamType, Query,
    ScalarType, Statement, StatementKind, TabularSchema,
};
use crate::syntax::lexer::TokenKind;

impl Parser<'_> {
    /// query = [ statement { ";" statement } ] [ ";" ] ;
    pub(crate) fn query(&mut self) -> PResult<Query> {
        let mut statements = Vec::new();
        loop {
            while self.eat(&TokenKind::Semicolon, "`;`") {}
            if self.at(&TokenKind::Eof) {
                break;
            }
            statements.push(self.statement()?);
            if self.eat(&TokenKind::Semicolon, "`;`") {
                continue;
            }
            if !self.at(&TokenKind::Eof) {
                return Err(self.error_expected("end of input"));
            }
        }
        if statements.is_empty() {
            return Err(Diagnostic::error(Code::SyntaxError, "the query is empty")
                .with_span(Span::at(self.src.len()))
                .with_help("write a table name, for example `CloudAuditEvents | take 10`")
                .into());
        }
        Ok(Query {
            statements,
            span: Span::new(0, self.src.len()),
        })
    }

    /// statement = let_statement | tabular_expression ;
    fn statement(&mut self) -> PResult<Statement> {
        let start = self.peek().span.start;
        let kind = if self.at_word("let") {
            StatementKind::Let(self.let_statement()?)
        } else {
            self.reject_unsupported_statement()?;
            StatementKind::Query(self.tabular_expression()?)
        };
        Ok(Statement {
            kind,
            span: Span::new(start, self.prev_end()),
        })
    }

    /// `set`, `declare`, `alias`, `restrict` and `pattern` statements are valid KQL that the
    /// engine does not run; a table with one of these names is still a table.
    fn reject_unsupported_statement(&self) -> PResult<()> {
        let Some(word) = self.nth_word(0) else {
            return Ok(());
        };
        if matches!(word, "set" | "declare" | "alias" | "restrict" | "pattern")
            && matches!(self.nth_kind(1), TokenKind::Word)
        {
            return Err(self.not_supported(&format!("the `{word}` statement"), self.peek().span));
        }
        Ok(())
    }

    /// let_statement = "let" name "=" ( function_definition | value ) ;
    pub(crate) fn let_statement(&mut self) -> PResult<LetStatement> {
        self.bump();
        let name = self.identifier("a name after `let`")?;
        self.expect(&TokenKind::Assign, "`=`")?;
        let value = if self.at_function_definition() {
            LetValue::Function(self.function_definition()?)
        } else {
            self.expect_operand("=")?;
            match self.expr_or_tabular()? {
                Value::Scalar(expr) => LetValue::Scalar(expr),
                Value::Tabular(tabular) => LetValue::Tabular(tabular),
            }
        };
        Ok(LetStatement { name, value })
    }

    /// `view (`, `()` followed by `{`, `(name:`, `(name,`, or `(name)` followed by `{` (the last
    /// two are definitions missing a type, reported by `parameter`).
    fn at_function_definition(&self) -> bool {
        let (lparen, offset) = if self.at_word("view") {
            (self.nth_kind(1), 2)
        } else {
            (self.nth_kind(0), 1)
        };
        if *lparen != TokenKind::LParen {
            return false;
        }
        if offset == 2 {
            return true;
        }
        match self.nth_kind(1) {
            TokenKind::RParen => *self.nth_kind(2) == TokenKind::LBrace,
            _ => self
                .name_at(1)
                .is_some_and(|len| match self.nth_kind(1 + len) {
                    TokenKind::Colon | TokenKind::Comma => true,
                    TokenKind::RParen => *self.nth_kind(2 + len) == TokenKind::LBrace,
                    _ => false,
                }),
        }
    }

    /// function_definition = [ "view" ] "(" [ parameter { "," parameter } ] ")" function_body ;
    fn function_definition(&mut self) -> PResult<FunctionDef> {
        let view = self.at_word("view");
        if view {
            self.bump();
        }
        self.expect(&TokenKind::LParen, "`(`")?;
        let mut params = Vec::new();
        if !self.eat(&TokenKind::RParen, "`)`") {
            loop {
                params.push(self.parameter()?);
                if !self.eat(&TokenKind::Comma, "`,`") {
                    break;
                }
            }
            self.expect(&TokenKind::RParen, "`)`")?;
        }
        let body = self.nested(|p| p.function_body())?;
        Ok(FunctionDef { view, params, body })
    }

    /// parameter = name ":" ( scalar_type | tabular_schema ) [ "=" expression ] ;
    fn parameter(&mut self) -> PResult<Param> {
        let name = self.identifier("a parameter name")?;
        self.expect(&TokenKind::Colon, "`:` and a type")?;
        let ty = if self.at(&TokenKind::LParen) {
            ParamType::Tabular(self.tabular_schema()?)
        } else {
            ParamType::Scalar(self.scalar_type()?)
        };
        let default = if self.eat(&TokenKind::Assign, "`=`") {
            self.expect_operand("=")?;
            Some(self.expression()?)
        } else {
            None
        };
        Ok(Param { name, ty, default })
    }

    /// tabular_schema = "(" ( "*" | column_def ) { "," ( "*" | column_def ) } ")" ;
    pub(crate) fn tabular_schema(&mut self) -> PResult<TabularSchema> {
        self.bump();
        let mut columns: Vec<ColumnDef> = Vec::new();
        let mut open = false;
        loop {
            if self.eat(&TokenKind::Star, "`*`") {
                open = true;
            } else {
                columns.push(self.column_def()?);
            }
            if !self.eat(&TokenKind::Comma, "`,`") {
                break;
            }
        }
        self.expect(&TokenKind::RParen, "`)`")?;
        Ok(TabularSchema { columns, open })
    }

    /// function_body = "{" { let_statement ";" } value [ ";" ] "}" ;
    fn function_body(&mut self) -> PResult<FunctionBody> {
        self.expect(&TokenKind::LBrace, "`{`")?;
        let mut lets = Vec::new();
        loop {
            while self.eat(&TokenKind::Semicolon, "`;`") {}
            if !self.at_word("let") {
                break;
            }
            lets.push(self.let_statement()?);
            self.expect(&TokenKind::Semicolon, "`;`")?;
        }
        self.expect_operand("{")?;
        let result = match self.expr_or_tabular()? {
            Value::Scalar(expr) => Body::Scalar(expr),
            Value::Tabular(tabular) => Body::Tabular(tabular),
        };
        while self.eat(&TokenKind::Semicolon, "`;`") {}
        self.expect(&TokenKind::RBrace, "`}`")?;
        Ok(FunctionBody { lets, result })
    }

    /// scalar_type = "bool" | "int" | "long" | "real" | "decimal" | "string" | "datetime"
    ///             | "timespan" | "guid" | "dynamic" | alias ;
    pub(crate) fn scalar_type(&mut self) -> PResult<ScalarType> {
        let Some(word) = self.nth_word(0) else {
            return Err(self.error_expected("a type name"));
        };
        match ScalarType::from_name(word) {
            Some(ty) => {
                self.bump();
                Ok(ty)
            }
            None => {
                let mut diagnostic =
                    Diagnostic::error(Code::UnexpectedToken, format!("unknown type `{word}`"))
                        .with_span(self.peek().span);
                if let Some(suggestion) = did_you_mean(word, ScalarType::NAMES) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                }
                Err(diagnostic
                    .with_note(format!("the types are {}", ScalarType::NAMES.join(", ")))
                    .into())
            }
        }
    }
}
