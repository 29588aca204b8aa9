//! Scalar expressions: precedence climbing over binary operators, then unary, postfix and
//! primary expressions.

use super::{PResult, Parser, is_reserved};
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

impl Parser<'_> {
    /// expression = binary_expression ;
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        self.binary_expression(PREC_OR)
    }

    /// binary_operator = "or" | "and" | "==" | "!=" | ... ;
    ///
    /// The operator at the current token and how many tokens it takes.
    fn binary_operator(&self) -> Option<(Infix, usize)> {
        let binary = |op| Some((Infix::Binary(op), 1));
        match self.peek().kind {
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
                let word = self.nth_word(0)?;
                if let Some(op) = ListOp::ALL.iter().find(|op| op.as_str() == word) {
                    return Some((Infix::List(*op), 1));
                }
                match word {
                    "between" => Some((Infix::Between { negated: false }, 1)),
                    "!between" => Some((Infix::Between { negated: true }, 1)),
                    "matches" if self.nth_word(1) == Some("regex") => {
                        Some((Infix::Binary(BinaryOp::MatchesRegex), 2))
                    }
                    _ => BinaryOp::from_word(word).map(|op| (Infix::Binary(op), 1)),
                }
            }
            _ => None,
        }
    }

    /// binary_expression = unary_expression { binary_operator unary_expression
    ///                   | list_operator expression_list | ( "between" | "!between" ) between_range } ;
    ///
    /// Precedence climbing: operators below `min_precedence` are left to the caller.
    fn binary_expression(&mut self, min_precedence: u8) -> PResult<Expr> {
        let mut left = self.unary_expression()?;
        let depth = self.depth;
        while let Some((infix, tokens)) = self.binary_operator() {
            let precedence = infix.precedence();
            if precedence < min_precedence {
                break;
            }
            let op_start = self.peek().span.start;
            for _ in 0..tokens {
                self.bump();
            }
            let op_text = self.text(Span::new(op_start, self.prev_end())).to_string();
            self.deepen()?;
            left = self.binary_rhs(left, infix, &op_text)?;
        }
        self.depth = depth;
        Ok(left)
    }

    /// The right operand of `infix`, combined with `left`. Kept out of `binary_expression` so
    /// that the recursion's stack frames stay small.
    fn binary_rhs(&mut self, left: Expr, infix: Infix, op_text: &str) -> PResult<Expr> {
        match infix {
            Infix::Binary(op) => {
                self.expect_operand(op_text)?;
                let right = self.binary_expression(op.precedence() + 1)?;
                let span = left.span.to(right.span);
                let kind = ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                };
                Ok(Expr::new(kind, span))
            }
            Infix::List(op) => {
                let (list, end) = self.nested(|p| p.expression_list(op_text))?;
                let span = Span::new(left.span.start, end);
                let kind = ExprKind::List {
                    op,
                    expr: Box::new(left),
                    list,
                };
                Ok(Expr::new(kind, span))
            }
            Infix::Between { negated } => self.nested(|p| p.between_range(left, negated)),
        }
    }

    /// `( item, ... )` after `in`, `has_any`, ...; an item may be a tabular subquery.
    fn expression_list(&mut self, after: &str) -> PResult<(Vec<Expr>, usize)> {
        if !self.at(&TokenKind::LParen) {
            return Err(self.error_expected(&format!("`(` after `{after}`")));
        }
        self.bump();
        let mut list = Vec::new();
        if !self.eat(&TokenKind::RParen, "`)`") {
            loop {
                self.expect_operand(if list.is_empty() { "(" } else { "," })?;
                list.push(self.expr_or_tabular()?.into_expr());
                if !self.eat(&TokenKind::Comma, "`,`") {
                    break;
                }
            }
            self.expect(&TokenKind::RParen, "`)`")?;
        }
        Ok((list, self.prev_end()))
    }

    /// `(low .. high)` after `between`.
    fn between_range(&mut self, left: Expr, negated: bool) -> PResult<Expr> {
        let keyword = if negated { "!between" } else { "between" };
        if !self.at(&TokenKind::LParen) {
            return Err(self.error_expected(&format!("`(` after `{keyword}`")));
        }
        self.bump();
        self.expect_operand("(")?;
        let low = self.expression()?;
        self.expect(&TokenKind::DotDot, "`..`")?;
        self.expect_operand("..")?;
        let high = self.expression()?;
        let end = self.expect(&TokenKind::RParen, "`)`")?.end;
        let span = Span::new(left.span.start, end);
        let kind = ExprKind::Between {
            negated,
            expr: Box::new(left),
            low: Box::new(low),
            high: Box::new(high),
        };
        Ok(Expr::new(kind, span))
    }

    /// unary_expression = ( "-" | "+" ) unary_expression | postfix_expression ;
    ///
    /// A sign directly before a number or timespan literal is folded into it (`-5` is the
    /// literal -5), so that the most negative long can be written; not when the number is the
    /// base of a postfix expression (`-1.m`).
    fn unary_expression(&mut self) -> PResult<Expr> {
        let op = match self.peek().kind {
            TokenKind::Minus => UnaryOp::Neg,
            TokenKind::Plus => UnaryOp::Plus,
            _ => return self.postfix_expression(),
        };
        let sign = self.bump().span;
        let postfix = matches!(self.nth_kind(1), TokenKind::Dot | TokenKind::LBracket);
        if postfix {
            // `-1.m` is `-(1.m)`: the sign applies to the whole postfix expression.
        } else if let Some(literal) = self.signed_number(op == UnaryOp::Neg)? {
            return Ok(Expr::new(
                ExprKind::Literal(literal),
                sign.to(Span::at(self.prev_end())),
            ));
        }
        let symbol = if op == UnaryOp::Neg { "-" } else { "+" };
        self.expect_operand(symbol)?;
        let operand = self.nested(|p| p.unary_expression())?;
        let span = sign.to(operand.span);
        Ok(Expr::new(
            ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
            span,
        ))
    }

    /// postfix_expression = primary_expression
    ///                    { "." member_name | "." "[" expression "]" | "[" expression "]" } ;
    fn postfix_expression(&mut self) -> PResult<Expr> {
        let mut expr = self.primary_expression()?;
        let depth = self.depth;
        loop {
            match self.peek().kind {
                TokenKind::Dot
                    if *self.nth_kind(1) == TokenKind::LBracket && self.name_at(1).is_none() =>
                {
                    // `a.[expr]` is `a[expr]`.
                    self.bump();
                }
                TokenKind::Dot => {
                    self.bump();
                    let name = self.member_name()?;
                    self.deepen()?;
                    let span = expr.span.to(name.span);
                    let kind = ExprKind::Member {
                        base: Box::new(expr),
                        name,
                    };
                    expr = Expr::new(kind, span);
                }
                TokenKind::LBracket => {
                    self.deepen()?;
                    expr = self.nested(|p| p.index(expr))?;
                }
                _ => break,
            }
        }
        self.depth = depth;
        Ok(expr)
    }

    /// `[ expression ]` after `base`.
    fn index(&mut self, base: Expr) -> PResult<Expr> {
        self.bump();
        self.expect_operand("[")?;
        let index = self.expression()?;
        let end = self.expect(&TokenKind::RBracket, "`]`")?.end;
        let span = Span::new(base.span.start, end);
        let kind = ExprKind::Index {
            base: Box::new(base),
            index: Box::new(index),
        };
        Ok(Expr::new(kind, span))
    }

    /// The name after `.`: any word (keywords included) or `['name']`.
    fn member_name(&mut self) -> PResult<Ident> {
        let token = self.peek().clone();
        match token.kind {
            TokenKind::Word if !self.text(token.span).starts_with(['!', '$']) => {
                self.bump();
                Ok(Ident::new(self.text(token.span), token.span))
            }
            TokenKind::LBracket => self.bracketed_name("a property name after `.`"),
            _ => Err(self.error_expected("a property name after `.`")),
        }
    }

    /// primary_expression = number | string_literal | raw_literal | typed_literal | dynamic_literal
    ///                    | "true" | "false" | join_column | function_call | identifier
    ///                    | "(" expr_or_tabular ")" ;
    pub(crate) fn primary_expression(&mut self) -> PResult<Expr> {
        let token = self.peek().clone();
        let literal = |literal| Expr::new(ExprKind::Literal(literal), token.span);
        match token.kind {
            TokenKind::Long(_) | TokenKind::Real(_) | TokenKind::TimeSpan(_) => {
                match self.signed_number(false)? {
                    Some(value) => Ok(literal(value)),
                    None => Err(self.error_expected("an expression")),
                }
            }
            TokenKind::String(_) => {
                let (value, span) = self.string_literal();
                Ok(Expr::new(ExprKind::Literal(Literal::String(value)), span))
            }
            TokenKind::Raw { keyword, content } => {
                self.bump();
                Ok(literal(self.raw_literal(keyword, content)?))
            }
            TokenKind::LParen => self.nested(|p| p.parenthesized()),
            TokenKind::LBracket => {
                let ident = self.bracketed_name("a name in `['...']`")?;
                let span = ident.span;
                Ok(Expr::new(ExprKind::Ident(ident), span))
            }
            TokenKind::Word => self.word_expression(),
            _ => Err(self.error_expected_with(Code::ExpectedExpression, Some("an expression"))),
        }
    }

    /// `( value )`: a parenthesised expression or tabular expression.
    fn parenthesized(&mut self) -> PResult<Expr> {
        let start = self.bump().span.start;
        self.expect_operand("(")?;
        let inner = self.expr_or_tabular()?.into_expr();
        let end = self.expect(&TokenKind::RParen, "`)`")?.end;
        Ok(Expr::new(
            ExprKind::Paren(Box::new(inner)),
            Span::new(start, end),
        ))
    }

    /// A primary expression starting with a word: literal keywords, `$left`/`$right`, calls
    /// and names.
    fn word_expression(&mut self) -> PResult<Expr> {
        let token = self.peek().clone();
        let word = self.text(token.span);
        let followed_by_paren = *self.nth_kind(1) == TokenKind::LParen;
        let literal = |literal| Expr::new(ExprKind::Literal(literal), token.span);
        match word {
            "true" | "True" | "TRUE" => {
                self.bump();
                return Ok(literal(Literal::Bool(true)));
            }
            "false" | "False" | "FALSE" => {
                self.bump();
                return Ok(literal(Literal::Bool(false)));
            }
            "dynamic" if followed_by_paren => return self.dynamic_literal(),
            "long" | "int" | "real" | "double" | "bool" | "boolean" if followed_by_paren => {
                return self.typed_literal();
            }
            "$left" | "$right" => return self.join_column(),
            "not" if !followed_by_paren => {
                let mut diagnostic =
                    self.error_expected_with(Code::ExpectedExpression, Some("an expression"));
                diagnostic.help = Some("negation is the function `not(expr)` in KQL".into());
                return Err(diagnostic);
            }
            _ => {}
        }
        if word.starts_with(['!', '$']) || is_reserved(word) {
            return Err(self.error_expected_with(Code::ExpectedExpression, Some("an expression")));
        }
        let name = Ident::new(word, token.span);
        self.bump();
        if followed_by_paren {
            let call = self.function_call(name)?;
            let span = Span::new(token.span.start, self.prev_end());
            return Ok(Expr::new(ExprKind::Call(call), span));
        }
        Ok(Expr::new(ExprKind::Ident(name), token.span))
    }

    /// join_column = ( "$left" | "$right" ) "." member_name ;
    fn join_column(&mut self) -> PResult<Expr> {
        let token = self.bump();
        let side = if self.text(token.span) == "$left" {
            JoinSide::Left
        } else {
            JoinSide::Right
        };
        self.expect(&TokenKind::Dot, "`.` after `$left` or `$right`")?;
        let column = self.member_name()?;
        let span = token.span.to(column.span);
        Ok(Expr::new(ExprKind::JoinColumn { side, column }, span))
    }

    /// function_call = word "(" [ argument { "," argument } ] ")" ;
    ///
    /// The name has been consumed; the current token is `(`.
    pub(crate) fn function_call(&mut self, name: Ident) -> PResult<FunctionCall> {
        self.expect(&TokenKind::LParen, "`(`")?;
        let args = self.nested(|p| p.arguments())?;
        Ok(FunctionCall { name, args })
    }

    /// The arguments of a call, after `(`, up to and including `)`.
    fn arguments(&mut self) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        if self.eat(&TokenKind::RParen, "`)`") {
            return Ok(args);
        }
        loop {
            args.push(self.argument(args.is_empty())?);
            if !self.eat(&TokenKind::Comma, "`,`") {
                break;
            }
        }
        self.expect(&TokenKind::RParen, "`)`")?;
        Ok(args)
    }

    /// argument = "*" | identifier "=" expr_or_tabular | expr_or_tabular ;
    fn argument(&mut self, first: bool) -> PResult<Expr> {
        let next_ends = matches!(self.nth_kind(1), TokenKind::Comma | TokenKind::RParen);
        if self.at(&TokenKind::Star) && next_ends {
            let span = self.bump().span;
            return Ok(Expr::new(ExprKind::Wildcard, span));
        }
        if self.name_at(0) == Some(1) && *self.nth_kind(1) == TokenKind::Assign {
            return self.named_argument();
        }
        self.expect_operand(if first { "(" } else { "," })?;
        Ok(self.expr_or_tabular()?.into_expr())
    }

    /// `name = value` in an argument list.
    fn named_argument(&mut self) -> PResult<Expr> {
        let name = self.identifier("an argument name")?;
        self.bump();
        self.expect_operand("=")?;
        let value = self.expr_or_tabular()?.into_expr();
        let span = name.span.to(value.span);
        let kind = ExprKind::NamedArgument {
            name,
            value: Box::new(value),
        };
        Ok(Expr::new(kind, span))
    }
}
