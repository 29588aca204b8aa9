//! Tabular operators, one method per operator, named `<operator>_operator`. Each is called with
//! the operator's name already consumed.

use super::{PResult, Parser};
use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{
    Alias, As, BagExpansion, ColumnPattern, Distinct, Evaluate, Expr, Hint, Ident, Join, JoinKind,
    Lookup, LookupKind, MakeSeries, MvApply, MvExpand, MvExpandItem, NamedExpr, NullsPosition,
    Operator, OperatorKind, Parse, ParseKind, ParsePatternItem, Rename, Render, RenderProperty,
    ReorderItem, ReorderOrder, SeriesAggregate, SortKey, SortOrder, Summarize, Top, Union,
    UnionKind, UnionTable,
};
use crate::syntax::lexer::TokenKind;

/// Operator names the parser accepts after `|`, synonyms included.
pub(crate) const SUPPORTED_OPERATORS: &[&str] = &[
    "where",
    "filter",
    "extend",
    "project",
    "project-away",
    "project-keep",
    "project-rename",
    "project-reorder",
    "summarize",
    "count",
    "take",
    "limit",
    "sort",
    "order",
    "top",
    "distinct",
    "mv-expand",
    "parse",
    "join",
    "union",
    "lookup",
    "as",
    "getschema",
    "serialize",
    "invoke",
    "render",
    "evaluate",
    "mv-apply",
    "make-series",
];

/// KQL operators that the parser recognises but rejects with "not supported yet".
pub(crate) const NOT_SUPPORTED_OPERATORS: &[&str] = &[
    "top-nested",
    "top-hitters",
    "parse-where",
    "parse-kv",
    "sample",
    "sample-distinct",
    "fork",
    "facet",
    "scan",
    "partition",
    "find",
    "search",
    "externaldata",
    "make-graph",
    "graph-match",
    "graph-shortest-paths",
    "graph-to-table",
    "graph-mark-components",
    "reduce",
    "consume",
    "project-by-names",
    "project-smart",
    "execute-and-cache",
    "assert-schema",
    "macro-expand",
    "extend-schema",
];

impl Parser<'_> {
    /// operator = where_operator | extend_operator | ... ;  (* the name after `|` *)
    pub(crate) fn operator(&mut self) -> PResult<Operator> {
        let start = self.peek().span.start;
        if !self.at(&TokenKind::Word) {
            return Err(self.error_expected("a tabular operator after `|`"));
        }
        let (name, name_span) = self.hyphenated_word();
        let kind = match name.as_str() {
            "where" | "filter" => self.where_operator(&name),
            "extend" => self.extend_operator(),
            "project" => self.project_operator(),
            "project-away" => self.project_away_operator(),
            "project-keep" => self.project_keep_operator(),
            "project-rename" => self.project_rename_operator(),
            "project-reorder" => self.project_reorder_operator(),
            "summarize" => self.summarize_operator(),
            "count" => Ok(OperatorKind::Count),
            "take" | "limit" => self.take_operator(&name),
            "sort" | "order" => self.sort_operator(),
            "top" => self.top_operator(),
            "distinct" => self.distinct_operator(),
            "mv-expand" => self.mv_expand_operator(),
            "parse" => self.parse_operator(),
            "join" => self.join_operator(),
            "union" => self.union_operator(),
            "lookup" => self.lookup_operator(),
            "as" => self.as_operator(),
            "getschema" => Ok(OperatorKind::GetSchema),
            "serialize" => self.serialize_operator(),
            "invoke" => self.invoke_operator(),
            "render" => self.render_operator(),
            "evaluate" => self.evaluate_operator(),
            "mv-apply" => self.mv_apply_operator(),
            "make-series" => self.make_series_operator(),
            _ if NOT_SUPPORTED_OPERATORS.contains(&name.as_str()) => {
                return Err(self.not_supported(&format!("the `{name}` operator"), name_span));
            }
            _ => return Err(unknown_operator_error(&name, name_span).into()),
        }?;
        Ok(Operator {
            kind,
            span: Span::new(start, self.prev_end()),
        })
    }

    /// where_operator = ( "where" | "filter" ) expression ;
    fn where_operator(&mut self, keyword: &str) -> PResult<OperatorKind> {
        self.expect_operand(keyword)?;
        Ok(OperatorKind::Where(self.expression()?))
    }

    /// extend_operator = "extend" named_expression_list ;
    fn extend_operator(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::Extend(self.named_expression_list("extend")?))
    }

    /// project_operator = "project" named_expression_list ;
    fn project_operator(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::Project(
            self.named_expression_list("project")?,
        ))
    }

    /// project_away_operator = "project-away" column_pattern_list ;
    fn project_away_operator(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::ProjectAway(self.column_pattern_list()?))
    }

    /// project_keep_operator = "project-keep" column_pattern_list ;
    fn project_keep_operator(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::ProjectKeep(self.column_pattern_list()?))
    }

    /// union_operator = "union" union_body ;
    fn union_operator(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::Union(self.union_body()?))
    }

    /// take_operator = ( "take" | "limit" ) expression ;
    fn take_operator(&mut self, keyword: &str) -> PResult<OperatorKind> {
        self.expect_operand(keyword)?;
        Ok(OperatorKind::Take(self.expression()?))
    }

    /// named_expression_list = named_expression { "," named_expression } ;
    pub(crate) fn named_expression_list(&mut self, after: &str) -> PResult<Vec<NamedExpr>> {
        let mut list = vec![self.named_expression(after)?];
        while self.eat(&TokenKind::Comma, "`,`") {
            list.push(self.named_expression(",")?);
        }
        Ok(list)
    }

    /// named_expression = [ name "=" | "(" name { "," name } ")" "=" ] expression ;
    fn named_expression(&mut self, after: &str) -> PResult<NamedExpr> {
        let alias = if let Some(names) = self.tuple_alias_length() {
            self.bump();
            let mut idents = Vec::with_capacity(names);
            for i in 0..names {
                if i > 0 {
                    self.bump();
                }
                idents.push(self.identifier("a column name")?);
            }
            self.bump(); // `)`
            self.bump(); // `=`
            Some(Alias::Tuple(idents))
        } else if self.at_alias() {
            let name = self.alias_name()?;
            self.bump(); // `=`
            Some(Alias::Name(name))
        } else {
            None
        };
        let after = if alias.is_some() { "=" } else { after };
        self.expect_operand(after)?;
        let expr = self.expression()?;
        Ok(NamedExpr { alias, expr })
    }

    /// Whether `name =` starts here (`=`, not `==`).
    fn at_alias(&self) -> bool {
        self.name_at(0)
            .is_some_and(|len| *self.nth_kind(len) == TokenKind::Assign)
    }

    /// A name being defined: any word (keywords included) or `['name']`.
    fn alias_name(&mut self) -> PResult<Ident> {
        if self.at(&TokenKind::Word) {
            let token = self.bump();
            return Ok(Ident::new(self.text(token.span), token.span));
        }
        self.bracketed_name("a column name")
    }

    /// The number of names in `(a, b, ...) =` when it starts here.
    fn tuple_alias_length(&self) -> Option<usize> {
        if !self.at(&TokenKind::LParen) {
            return None;
        }
        let mut n = 1;
        let mut names = 0;
        loop {
            n += self.name_at(n)?;
            names += 1;
            match self.nth_kind(n) {
                TokenKind::Comma => n += 1,
                TokenKind::RParen if *self.nth_kind(n + 1) == TokenKind::Assign => {
                    return Some(names);
                }
                _ => return None,
            }
        }
    }

    /// column_pattern_list = column_pattern { "," column_pattern } ;
    fn column_pattern_list(&mut self) -> PResult<Vec<ColumnPattern>> {
        let mut list = vec![self.column_pattern()?];
        while self.eat(&TokenKind::Comma, "`,`") {
            list.push(self.column_pattern()?);
        }
        Ok(list)
    }

    /// column_pattern = name | wildcard ;  (* wildcard: words and `*` with no spaces, `Col*` *)
    fn column_pattern(&mut self) -> PResult<ColumnPattern> {
        if self.at(&TokenKind::LBracket) {
            return Ok(ColumnPattern::Name(self.bracketed_name("a column name")?));
        }
        let is_part = |kind: &TokenKind| matches!(kind, TokenKind::Word | TokenKind::Star);
        if !is_part(self.nth_kind(0)) {
            return Err(self.error_expected("a column name"));
        }
        let first = self.peek().span;
        let mut span = first;
        let mut wildcard = self.at(&TokenKind::Star);
        while is_part(self.nth_kind(1)) && self.adjacent(0) {
            self.bump();
            wildcard |= self.at(&TokenKind::Star);
            span = span.to(self.peek().span);
        }
        if !wildcard {
            return Ok(ColumnPattern::Name(self.identifier("a column name")?));
        }
        self.bump();
        Ok(ColumnPattern::Wildcard(self.text(span).to_string()))
    }

    /// project_rename_operator = "project-rename" name "=" name { "," name "=" name } ;
    fn project_rename_operator(&mut self) -> PResult<OperatorKind> {
        let mut renames = Vec::new();
        loop {
            let new_name = if self.at_alias() {
                self.alias_name()?
            } else {
                self.identifier("a new column name")?
            };
            self.expect(&TokenKind::Assign, "`=`")?;
            let old_name = self.identifier("the column to rename")?;
            renames.push(Rename { new_name, old_name });
            if !self.eat(&TokenKind::Comma, "`,`") {
                break;
            }
        }
        Ok(OperatorKind::ProjectRename(renames))
    }

    /// project_reorder_operator = "project-reorder" column_pattern [ reorder_order ]
    ///                            { "," column_pattern [ reorder_order ] } ;
    fn project_reorder_operator(&mut self) -> PResult<OperatorKind> {
        let mut items = Vec::new();
        loop {
            let column = self.column_pattern()?;
            let order = match self.nth_word(0) {
                Some("asc") => Some(ReorderOrder::Asc),
                Some("desc") => Some(ReorderOrder::Desc),
                Some("granny") => {
                    let checkpoint = self.pos;
                    match self.hyphenated_word().0.as_str() {
                        "granny-asc" => Some(ReorderOrder::GrannyAsc),
                        "granny-desc" => Some(ReorderOrder::GrannyDesc),
                        _ => {
                            self.pos = checkpoint;
                            None
                        }
                    }
                }
                _ => None,
            };
            if matches!(order, Some(ReorderOrder::Asc | ReorderOrder::Desc)) {
                self.bump();
            }
            items.push(ReorderItem { column, order });
            if !self.eat(&TokenKind::Comma, "`,`") {
                break;
            }
        }
        Ok(OperatorKind::ProjectReorder(items))
    }

    /// hints = { "hint." name "=" hint_value } ;
    fn hints(&mut self, hints: &mut Vec<Hint>) -> PResult<bool> {
        if !(self.at_word("hint")
            && *self.nth_kind(1) == TokenKind::Dot
            && self.nth_word(2).is_some()
            && *self.nth_kind(3) == TokenKind::Assign)
        {
            return Ok(false);
        }
        self.bump();
        self.bump();
        let name_token = self.bump();
        let name = self.text(name_token.span).to_string();
        self.bump();
        let value = match self.peek().kind {
            TokenKind::Word
            | TokenKind::Long(_)
            | TokenKind::Real(_)
            | TokenKind::TimeSpan(_)
            | TokenKind::String(_) => {
                let value_token = self.bump();
                self.text(value_token.span).to_string()
            }
            _ => return Err(self.error_expected(&format!("a value for `hint.{name}`"))),
        };
        hints.push(Hint { name, value });
        Ok(true)
    }

    /// The value of `name=value` for a parameter whose values are words, checked against
    /// `allowed`.
    fn parameter_word<T: Copy>(&mut self, name: &str, allowed: &[(&str, T)]) -> PResult<T> {
        self.bump(); // the parameter name
        self.expect(&TokenKind::Assign, "`=`")?;
        let Some(word) = self.nth_word(0) else {
            return Err(self.error_expected(&format!("a value for `{name}`")));
        };
        if let Some((_, value)) = allowed.iter().find(|(w, _)| *w == word) {
            self.bump();
            return Ok(*value);
        }
        let names: Vec<&str> = allowed.iter().map(|(w, _)| *w).collect();
        let mut diagnostic = Diagnostic::error(
            Code::InvalidParameter,
            format!("`{word}` is not a valid value for `{name}`"),
        )
        .with_span(self.peek().span)
        .with_note(format!("the values are {}", names.join(", ")));
        if let Some(suggestion) = did_you_mean(word, &names) {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
        }
        Err(diagnostic.into())
    }

    /// Whether `word =` (a parameter) starts here.
    fn at_parameter(&self, word: &str) -> bool {
        self.at_word(word) && *self.nth_kind(1) == TokenKind::Assign
    }

    /// summarize_operator = "summarize" hints [ named_expression_list ] [ "by" named_expression_list ] ;
    fn summarize_operator(&mut self) -> PResult<OperatorKind> {
        let mut hints = Vec::new();
        while self.hints(&mut hints)? {}
        let aggregates = if self.at_word("by") {
            Vec::new()
        } else {
            if !self.starts_expression() && self.tuple_alias_length().is_none() {
                return Err(self.error_expected_with(
                    Code::ExpectedExpression,
                    Some("an aggregation or `by` after `summarize`"),
                ));
            }
            self.named_expression_list("summarize")?
        };
        let by = if self.eat_word("by") {
            self.named_expression_list("by")?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::Summarize(Summarize {
            hints,
            aggregates,
            by,
        }))
    }

    /// sort_operator = ( "sort" | "order" ) hints "by" sort_key { "," sort_key } ;
    fn sort_operator(&mut self) -> PResult<OperatorKind> {
        let mut hints = Vec::new();
        while self.hints(&mut hints)? {}
        self.expect_word("by")?;
        let mut keys = vec![self.sort_key("by")?];
        while self.eat(&TokenKind::Comma, "`,`") {
            keys.push(self.sort_key(",")?);
        }
        Ok(OperatorKind::Sort(keys))
    }

    /// sort_key = expression [ "asc" | "desc" ] [ "nulls" ( "first" | "last" ) ] ;
    fn sort_key(&mut self, after: &str) -> PResult<SortKey> {
        self.expect_operand(after)?;
        let expr = self.expression()?;
        let order = if self.eat_word("asc") {
            Some(SortOrder::Asc)
        } else if self.eat_word("desc") {
            Some(SortOrder::Desc)
        } else {
            None
        };
        let nulls = if self.eat_word("nulls") {
            if self.eat_word("first") {
                Some(NullsPosition::First)
            } else {
                self.expect_word("last")?;
                Some(NullsPosition::Last)
            }
        } else {
            None
        };
        Ok(SortKey { expr, order, nulls })
    }

    /// top_operator = "top" expression "by" sort_key ;
    fn top_operator(&mut self) -> PResult<OperatorKind> {
        self.expect_operand("top")?;
        let count = self.expression()?;
        self.expect_word("by")?;
        let key = self.sort_key("by")?;
        Ok(OperatorKind::Top(Box::new(Top { count, key })))
    }

    /// distinct_operator = "distinct" hints ( "*" | expression { "," expression } ) ;
    fn distinct_operator(&mut self) -> PResult<OperatorKind> {
        let mut hints = Vec::new();
        while self.hints(&mut hints)? {}
        let mut columns = Vec::new();
        if !self.eat(&TokenKind::Star, "`*`") {
            loop {
                self.expect_operand(if columns.is_empty() { "distinct" } else { "," })?;
                columns.push(self.expression()?);
                if !self.eat(&TokenKind::Comma, "`,`") {
                    break;
                }
            }
        }
        Ok(OperatorKind::Distinct(Distinct { hints, columns }))
    }

    /// mv_expand_operator = "mv-expand" { mv_expand_parameter } mv_expand_item
    ///                      { "," mv_expand_item } [ "limit" expression ] ;
    fn mv_expand_operator(&mut self) -> PResult<OperatorKind> {
        let mut bag_expansion = None;
        let mut with_item_index = None;
        let mut ignored_hints = Vec::new();
        loop {
            let param = ["bagexpansion", "kind"]
                .into_iter()
                .find(|p| self.at_parameter(p))
                .filter(|_| matches!(self.nth_word(2), Some("bag" | "array")));
            if let Some(param) = param {
                let values = [("bag", BagExpansion::Bag), ("array", BagExpansion::Array)];
                bag_expansion = Some(self.parameter_word(param, &values)?);
            } else if self.at_parameter("with_itemindex") {
                self.bump();
                self.bump();
                with_item_index = Some(self.identifier("a column name for the item index")?);
            } else if !self.hints(&mut ignored_hints)? {
                break;
            }
        }
        let mut items = vec![self.mv_expand_item("mv-expand")?];
        while self.eat(&TokenKind::Comma, "`,`") {
            items.push(self.mv_expand_item(",")?);
        }
        let limit = if self.eat_word("limit") {
            self.expect_operand("limit")?;
            Some(self.expression()?)
        } else {
            None
        };
        Ok(OperatorKind::MvExpand(Box::new(MvExpand {
            bag_expansion,
            with_item_index,
            items,
            limit,
        })))
    }

    /// mv_expand_item = [ name "=" ] expression [ "to" "typeof" "(" scalar_type ")" ] ;
    fn mv_expand_item(&mut self, after: &str) -> PResult<MvExpandItem> {
        let name = if self.at_alias() {
            let name = self.alias_name()?;
            self.bump();
            Some(name)
        } else {
            None
        };
        self.expect_operand(if name.is_some() { "=" } else { after })?;
        let expr = self.expression()?;
        let to_type = if self.eat_word("to") {
            self.expect_word("typeof")?;
            self.expect(&TokenKind::LParen, "`(`")?;
            let ty = self.scalar_type()?;
            self.expect(&TokenKind::RParen, "`)`")?;
            Some(ty)
        } else {
            None
        };
        Ok(MvExpandItem {
            name,
            expr,
            to_type,
        })
    }

    /// parse_operator = "parse" [ "kind" "=" parse_kind [ "flags" "=" word ] ] expression "with"
    ///                  parse_pattern_item { parse_pattern_item } ;
    fn parse_operator(&mut self) -> PResult<OperatorKind> {
        let mut kind = None;
        let mut flags = None;
        loop {
            if self.at_parameter("kind") {
                let values = [
                    ("simple", ParseKind::Simple),
                    ("regex", ParseKind::Regex),
                    ("relaxed", ParseKind::Relaxed),
                ];
                kind = Some(self.parameter_word("kind", &values)?);
            } else if self.at_parameter("flags") {
                self.bump();
                self.bump();
                match self.nth_word(0) {
                    Some(word) => {
                        flags = Some(word.to_string());
                        self.bump();
                    }
                    None => return Err(self.error_expected("regex flags such as `Ui`")),
                }
            } else {
                break;
            }
        }
        self.expect_operand("parse")?;
        let expr = self.expression()?;
        self.expect_word("with")?;
        let mut pattern = Vec::new();
        loop {
            let item = match self.peek().kind {
                TokenKind::Star => {
                    self.bump();
                    ParsePatternItem::Star
                }
                TokenKind::String(_) => ParsePatternItem::Text(self.string_literal().0),
                TokenKind::Word | TokenKind::LBracket if self.name_at(0).is_some() => {
                    let name = self.identifier("a column name")?;
                    let ty = if self.eat(&TokenKind::Colon, "`:`") {
                        Some(self.scalar_type()?)
                    } else {
                        None
                    };
                    ParsePatternItem::Column { name, ty }
                }
                _ => break,
            };
            pattern.push(item);
        }
        if pattern.is_empty() {
            return Err(self.error_expected("a pattern after `with`: `*`, strings and columns"));
        }
        Ok(OperatorKind::Parse(Box::new(Parse {
            kind,
            flags,
            expr,
            pattern,
        })))
    }

    /// join_operator = "join" { "kind" "=" join_kind | hint } tabular_operand "on" join_conditions ;
    fn join_operator(&mut self) -> PResult<OperatorKind> {
        let mut kind = None;
        let mut hints = Vec::new();
        loop {
            if self.at_parameter("kind") {
                let values: Vec<(&str, JoinKind)> =
                    JoinKind::ALL.iter().map(|k| (k.name(), *k)).collect();
                kind = Some(self.parameter_word("kind", &values)?);
            } else if !self.hints(&mut hints)? {
                break;
            }
        }
        let right = Box::new(self.tabular_operand()?);
        let on = self.join_conditions()?;
        Ok(OperatorKind::Join(Join {
            kind,
            hints,
            right,
            on,
        }))
    }

    /// join_conditions = "on" expression { "," expression } ;
    fn join_conditions(&mut self) -> PResult<Vec<Expr>> {
        self.expect_word("on")?;
        let mut on = Vec::new();
        loop {
            self.expect_operand(if on.is_empty() { "on" } else { "," })?;
            on.push(self.expression()?);
            if !self.eat(&TokenKind::Comma, "`,`") {
                return Ok(on);
            }
        }
    }

    /// lookup_operator = "lookup" [ "kind" "=" ( "leftouter" | "inner" ) ] tabular_operand
    ///                   "on" join_conditions ;
    fn lookup_operator(&mut self) -> PResult<OperatorKind> {
        let mut kind = None;
        if self.at_parameter("kind") {
            let values = [
                ("leftouter", LookupKind::LeftOuter),
                ("inner", LookupKind::Inner),
            ];
            kind = Some(self.parameter_word("kind", &values)?);
        }
        let right = Box::new(self.tabular_operand()?);
        let on = self.join_conditions()?;
        Ok(OperatorKind::Lookup(Lookup { kind, right, on }))
    }

    /// union_body = { union_parameter | hint } union_table { "," union_table } ;
    /// (* after `union`, as an operator or at the start of a query *)
    pub(crate) fn union_body(&mut self) -> PResult<Union> {
        let mut union = Union {
            kind: None,
            with_source: None,
            is_fuzzy: None,
            hints: Vec::new(),
            tables: Vec::new(),
        };
        loop {
            if self.at_parameter("kind") {
                let values = [("inner", UnionKind::Inner), ("outer", UnionKind::Outer)];
                union.kind = Some(self.parameter_word("kind", &values)?);
            } else if self.at_parameter("withsource") {
                self.bump();
                self.bump();
                union.with_source = Some(self.identifier("a column name after `withsource=`")?);
            } else if self.at_parameter("isfuzzy") {
                let values = [("true", true), ("false", false)];
                union.is_fuzzy = Some(self.parameter_word("isfuzzy", &values)?);
            } else if !self.hints(&mut union.hints)? {
                break;
            }
        }
        loop {
            union.tables.push(self.union_table()?);
            if !self.eat(&TokenKind::Comma, "`,`") {
                return Ok(union);
            }
        }
    }

    /// union_table = wildcard | tabular_operand ;
    fn union_table(&mut self) -> PResult<UnionTable> {
        let wildcard = self.at(&TokenKind::Star)
            || (self.at(&TokenKind::Word)
                && *self.nth_kind(1) == TokenKind::Star
                && self.adjacent(0));
        if wildcard {
            return match self.column_pattern()? {
                ColumnPattern::Wildcard(pattern) => Ok(UnionTable::Wildcard(pattern)),
                ColumnPattern::Name(_) => Err(self.error_expected("a table name")),
            };
        }
        Ok(UnionTable::Tabular(self.tabular_operand()?))
    }

    /// as_operator = "as" hints name ;
    fn as_operator(&mut self) -> PResult<OperatorKind> {
        let mut hints = Vec::new();
        while self.hints(&mut hints)? {}
        let name = self.identifier("a name after `as`")?;
        Ok(OperatorKind::As(As { hints, name }))
    }

    /// serialize_operator = "serialize" [ named_expression_list ] ;
    fn serialize_operator(&mut self) -> PResult<OperatorKind> {
        if self.at_operator_end() {
            return Ok(OperatorKind::Serialize(Vec::new()));
        }
        Ok(OperatorKind::Serialize(
            self.named_expression_list("serialize")?,
        ))
    }

    /// invoke_operator = "invoke" function_call ;
    fn invoke_operator(&mut self) -> PResult<OperatorKind> {
        let name = self.identifier("a function name after `invoke`")?;
        Ok(OperatorKind::Invoke(self.function_call(name)?))
    }

    /// evaluate_operator = "evaluate" hints function_call [ ":" tabular_schema ] ;
    fn evaluate_operator(&mut self) -> PResult<OperatorKind> {
        let mut hints = Vec::new();
        while self.hints(&mut hints)? {}
        let name = self.identifier("a plugin name such as `bag_unpack`")?;
        let plugin = self.function_call(name)?;
        let output_schema = if self.eat(&TokenKind::Colon, "`:`") {
            if !self.at(&TokenKind::LParen) {
                return Err(self.error_expected("an output schema such as `(*, Name:string)`"));
            }
            Some(self.tabular_schema()?)
        } else {
            None
        };
        Ok(OperatorKind::Evaluate(Evaluate {
            hints,
            plugin,
            output_schema,
        }))
    }

    /// mv_apply_operator = "mv-apply" [ "with_itemindex" "=" identifier ] mv_expand_item
    ///                     { "," mv_expand_item } [ "limit" expression ] "on" mv_apply_subquery ;
    fn mv_apply_operator(&mut self) -> PResult<OperatorKind> {
        let mut with_item_index = None;
        if self.at_parameter("with_itemindex") {
            self.bump();
            self.bump();
            with_item_index = Some(self.identifier("a column name for the item index")?);
        }
        let mut items = vec![self.mv_expand_item("mv-apply")?];
        while self.eat(&TokenKind::Comma, "`,`") {
            items.push(self.mv_expand_item(",")?);
        }
        let limit = if self.eat_word("limit") {
            self.expect_operand("limit")?;
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_word("on")?;
        let subquery = self.nested(|p| p.mv_apply_subquery())?;
        Ok(OperatorKind::MvApply(Box::new(MvApply {
            with_item_index,
            items,
            limit,
            subquery,
        })))
    }

    /// mv_apply_subquery = "(" operator { "|" operator } ")" ;  (* operators without a source *)
    fn mv_apply_subquery(&mut self) -> PResult<Vec<Operator>> {
        self.expect(&TokenKind::LParen, "`(` and operators")?;
        let mut operators = vec![self.operator()?];
        while self.eat(&TokenKind::Pipe, "`|`") {
            operators.push(self.operator()?);
        }
        self.expect(&TokenKind::RParen, "`)`")?;
        Ok(operators)
    }

    /// make_series_operator = "make-series" { "kind" "=" "nonempty" | hints } make_series_aggregate
    ///     { "," make_series_aggregate } "on" expression [ "from" expression ] [ "to" expression ]
    ///     "step" expression [ "by" named_expression_list ] ;
    fn make_series_operator(&mut self) -> PResult<OperatorKind> {
        let mut nonempty = false;
        let mut hints = Vec::new();
        loop {
            if self.at_parameter("kind") {
                nonempty = self.parameter_word("kind", &[("nonempty", true)])?;
            } else if !self.hints(&mut hints)? {
                break;
            }
        }
        let mut aggregates = vec![self.make_series_aggregate("make-series")?];
        while self.eat(&TokenKind::Comma, "`,`") {
            aggregates.push(self.make_series_aggregate(",")?);
        }
        self.expect_word("on")?;
        self.expect_operand("on")?;
        let axis = self.expression()?;
        let from = self.optional_bound("from")?;
        let to = self.optional_bound("to")?;
        self.expect_word("step")?;
        self.expect_operand("step")?;
        let step = self.expression()?;
        let by = if self.eat_word("by") {
            self.named_expression_list("by")?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::MakeSeries(Box::new(MakeSeries {
            nonempty,
            hints,
            aggregates,
            axis,
            from,
            to,
            step,
            by,
        })))
    }

    /// `word expression`, if `word` is next.
    fn optional_bound(&mut self, word: &'static str) -> PResult<Option<Expr>> {
        if !self.eat_word(word) {
            return Ok(None);
        }
        self.expect_operand(word)?;
        Ok(Some(self.expression()?))
    }

    /// make_series_aggregate = named_expression [ "default" "=" expression ] ;
    fn make_series_aggregate(&mut self, after: &str) -> PResult<SeriesAggregate> {
        let aggregate = self.named_expression(after)?;
        let default = if self.at_parameter("default") {
            self.bump();
            self.bump();
            self.expect_operand("=")?;
            Some(self.expression()?)
        } else {
            None
        };
        Ok(SeriesAggregate { aggregate, default })
    }

    /// render_operator = "render" name [ "with" "(" render_property { "," render_property } ")" ] ;
    fn render_operator(&mut self) -> PResult<OperatorKind> {
        let chart = self.identifier("a chart type such as `timechart`")?;
        let mut properties = Vec::new();
        if self.eat_word("with") {
            self.expect(&TokenKind::LParen, "`(`")?;
            loop {
                properties.push(self.render_property()?);
                if !self.eat(&TokenKind::Comma, "`,`") {
                    break;
                }
            }
            self.expect(&TokenKind::RParen, "`)`")?;
        }
        Ok(OperatorKind::Render(Render { chart, properties }))
    }

    /// render_property = name "=" expression { "," expression } ;
    /// (* a list continues while the item after "," is not `name =` *)
    fn render_property(&mut self) -> PResult<RenderProperty> {
        let name = self.alias_name()?;
        self.expect(&TokenKind::Assign, "`=`")?;
        self.expect_operand("=")?;
        let mut values = vec![self.expression()?];
        while self.at(&TokenKind::Comma) && !self.at_alias_after_comma() {
            self.bump();
            self.expect_operand(",")?;
            values.push(self.expression()?);
        }
        Ok(RenderProperty { name, values })
    }

    fn at_alias_after_comma(&self) -> bool {
        self.name_at(1)
            .is_some_and(|len| *self.nth_kind(1 + len) == TokenKind::Assign)
    }
}

fn unknown_operator_error(name: &str, span: Span) -> Diagnostic {
    let known = SUPPORTED_OPERATORS
        .iter()
        .chain(NOT_SUPPORTED_OPERATORS)
        .copied();
    match did_you_mean(name, known) {
        Some(suggestion) => Diagnostic::error(
            Code::UnknownOperator,
            format!("unknown operator `{name}`, did you mean `{suggestion}`?"),
        )
        .with_span(span),
        None => Diagnostic::error(Code::UnknownOperator, format!("unknown operator `{name}`"))
            .with_span(span)
            .with_help(format!(
                "the operators are {}",
                SUPPORTED_OPERATORS.join(", ")
            )),
    }
}
