//! Tabular expressions: sources (`T`, `datatable`, `print`, `range`, `union`, calls,
//! parenthesised queries) and the `| operator` pipeline after them.

use super::{PResult, Parser, Value, is_reserved};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::ast::{
    ColumnDef, Datatable, Expr, ExprKind, NamedExpr, Range, Source, SourceKind, TabularExpr,
};
use crate::syntax::lexer::TokenKind;

impl Parser<'_> {
    /// expr_or_tabular = tabular_expression | expression ;
    ///
    /// Decided without backtracking: a source keyword (`datatable`, `print`, `range`, `union`)
    /// starts a tabular expression; otherwise an expression is parsed, and a following `|`
    /// (or a call of `materialize`) turns it into the source of a tabular expression.
    pub(crate) fn expr_or_tabular(&mut self) -> PResult<Value> {
        if let Some(source) = self.tabular_source()? {
            return Ok(Value::Tabular(self.pipeline(source)?));
        }
        let expr = self.expression()?;
        self.expression_value(expr)
    }

    /// An expression, or the source of a tabular expression when `|` follows it (or it calls
    /// `materialize`).
    fn expression_value(&mut self, expr: Expr) -> PResult<Value> {
        let materialize =
            matches!(&expr.kind, ExprKind::Call(call) if call.name.name == "materialize");
        if self.at(&TokenKind::Pipe) || materialize {
            let source = self.source_from_expr(expr)?;
            return Ok(Value::Tabular(self.pipeline(source)?));
        }
        Ok(Value::Scalar(expr))
    }

    /// tabular_expression = tabular_source { "|" operator } ;
    pub(crate) fn tabular_expression(&mut self) -> PResult<TabularExpr> {
        match self.expr_or_tabular()? {
            Value::Tabular(tabular) => Ok(tabular),
            Value::Scalar(expr) => {
                let source = self.source_from_expr(expr)?;
                Ok(TabularExpr {
                    span: source.span,
                    source,
                    operators: Vec::new(),
                })
            }
        }
    }

    /// The `| operator` steps after `source`.
    fn pipeline(&mut self, source: Source) -> PResult<TabularExpr> {
        let mut operators = Vec::new();
        while self.eat(&TokenKind::Pipe, "`|`") {
            operators.push(self.operator()?);
        }
        let end = operators.last().map_or(source.span.end, |op| op.span.end);
        Ok(TabularExpr {
            span: Span::new(source.span.start, end),
            source,
            operators,
        })
    }

    /// tabular_source = datatable_source | print_source | range_source | "union" union_body
    ///                | identifier | function_call | "(" tabular_expression ")" ;
    ///
    /// Only the sources that start with a keyword are parsed here, when the current token is one;
    /// names, calls and parenthesised queries are parsed as expressions and converted by
    /// `source_from_expr`.
    fn tabular_source(&mut self) -> PResult<Option<Source>> {
        let Some(word) = self.nth_word(0) else {
            return Ok(None);
        };
        let start = self.peek().span.start;
        let kind = match word {
            "datatable" if *self.nth_kind(1) == TokenKind::LParen => {
                SourceKind::Datatable(self.datatable_source()?)
            }
            "print" => SourceKind::Print(self.print_source()?),
            "range" if self.nth_word(1).is_some() || *self.nth_kind(1) == TokenKind::LBracket => {
                SourceKind::Range(Box::new(self.range_source()?))
            }
            "union" if !self.source_ends_at(1) => {
                self.bump();
                SourceKind::Union(self.union_body()?)
            }
            "find" | "search" | "externaldata" | "evaluate" if !self.source_ends_at(1) => {
                let span = self.peek().span;
                return Err(self.not_supported(&format!("`{word}`"), span));
            }
            "cluster" | "database" if *self.nth_kind(1) == TokenKind::LParen => {
                let span = self.peek().span;
                return Err(
                    self.not_supported(&format!("cross-database access (`{word}(...)`)"), span)
                );
            }
            _ => return Ok(None),
        };
        Ok(Some(Source {
            kind,
            span: Span::new(start, self.prev_end()),
        }))
    }

    /// Whether token `n` cannot continue a source keyword (so the keyword is a table name).
    fn source_ends_at(&self, n: usize) -> bool {
        matches!(
            self.nth_kind(n),
            TokenKind::Pipe
                | TokenKind::Semicolon
                | TokenKind::RParen
                | TokenKind::Comma
                | TokenKind::Eof
        )
    }

    /// The source of a tabular expression written as an expression: a name, a call, or a
    /// parenthesised query.
    pub(crate) fn source_from_expr(&self, expr: Expr) -> PResult<Source> {
        let span = expr.span;
        let kind = match expr.kind {
            ExprKind::Ident(name) => SourceKind::Table(name),
            ExprKind::Call(call) => SourceKind::Call(call),
            ExprKind::Paren(inner) => {
                let tabular = match inner.kind {
                    ExprKind::Tabular(tabular) => *tabular,
                    _ => {
                        let source = self.source_from_expr(*inner)?;
                        TabularExpr {
                            span: source.span,
                            source,
                            operators: Vec::new(),
                        }
                    }
                };
                SourceKind::Paren(Box::new(tabular))
            }
            ExprKind::Tabular(tabular) => SourceKind::Paren(tabular),
            _ => {
                return Err(Diagnostic::error(
                    Code::UnexpectedToken,
                    "expected a tabular expression (a table name, a function call, or a query \
                     in parentheses)",
                )
                .with_span(span)
                .with_label("this is a scalar expression")
                .with_help("to return a scalar value as a table, write `print <expression>`")
                .into());
            }
        };
        Ok(Source { kind, span })
    }

    /// A table operand of `join`, `lookup` and `union`: a name, a call, or a query in
    /// parentheses (the parentheses are dropped).
    pub(crate) fn tabular_operand(&mut self) -> PResult<TabularExpr> {
        if self.at(&TokenKind::LParen) {
            self.bump();
            let tabular = self.nested(|p| p.tabular_expression())?;
            self.expect(&TokenKind::RParen, "`)`")?;
            return Ok(tabular);
        }
        if self.name_at(0).is_none() || self.nth_word(0).is_some_and(is_reserved) {
            return Err(self.error_expected("a table name or a query in parentheses"));
        }
        let source = match self.tabular_source()? {
            Some(source) => source,
            None => {
                let expr = self.primary_expression()?;
                self.source_from_expr(expr)?
            }
        };
        Ok(TabularExpr {
            span: source.span,
            source,
            operators: Vec::new(),
        })
    }

    /// datatable_source = "datatable" "(" column_def { "," column_def } ")"
    ///                    "[" [ expression { "," expression } [ "," ] ] "]" ;
    fn datatable_source(&mut self) -> PResult<Datatable> {
        self.bump();
        self.expect(&TokenKind::LParen, "`(`")?;
        let mut columns = vec![self.column_def()?];
        while self.eat(&TokenKind::Comma, "`,`") {
            columns.push(self.column_def()?);
        }
        self.expect(&TokenKind::RParen, "`)`")?;
        self.expect(&TokenKind::LBracket, "`[`")?;
        let mut values = Vec::new();
        while !self.eat(&TokenKind::RBracket, "`]`") {
            self.expect_operand(if values.is_empty() { "[" } else { "," })?;
            values.push(self.nested(|p| p.expression())?);
            if !self.eat(&TokenKind::Comma, "`,`") {
                self.expect(&TokenKind::RBracket, "`]`")?;
                break;
            }
        }
        Ok(Datatable { columns, values })
    }

    /// column_def = name ":" scalar_type ;
    pub(crate) fn column_def(&mut self) -> PResult<ColumnDef> {
        let name = self.identifier("a column name")?;
        self.expect(&TokenKind::Colon, "`:` and a type")?;
        let ty = self.scalar_type()?;
        Ok(ColumnDef { name, ty })
    }

    /// print_source = "print" named_expression { "," named_expression } ;
    fn print_source(&mut self) -> PResult<Vec<NamedExpr>> {
        self.bump();
        self.named_expression_list("print")
    }

    /// range_source = "range" name "from" expression "to" expression "step" expression ;
    fn range_source(&mut self) -> PResult<Range> {
        self.bump();
        let column = self.identifier("a column name after `range`")?;
        self.expect_word("from")?;
        self.expect_operand("from")?;
        let from = self.expression()?;
        self.expect_word("to")?;
        self.expect_operand("to")?;
        let to = self.expression()?;
        self.expect_word("step")?;
        self.expect_operand("step")?;
        let step = self.expression()?;
        Ok(Range {
            column,
            from,
            to,
            step,
        })
    }
}
