//! Tabular operators, one method per operator, named `<operator>_operator`. Each is called with
//! the operator's name already consumed.

use nom::Parser as _;
use nom::branch::alt;
use nom::combinator::{cut, map, opt, value};
use nom::multi::{many0, separated_list1};
use nom::sequence::{delimited, preceded, separated_pair, terminated};

use super::expressions::{expression, function_call};
use super::literals::string_literal;
use super::statements::{scalar_type, tabular_schema};
use super::tabular::tabular_operand;
use super::{
    PResult, Tokens, any_token, bracketed_name, comma_list, eat, eat_word, expect, expect_word,
    fail, hyphenated_word, identifier, keyword, mismatch, nested, operand, token,
};
use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{
    Alias, As, BagExpansion, ColumnPattern, Distinct, Evaluate, Expr, Hint, Ident, Join, JoinKind,
    Lookup, LookupKind, MakeSeries, MvApply, MvExpand, MvExpandItem, NamedExpr, NullsPosition,
    Operator, OperatorKind, Parse, ParseKind, ParseKv, ParsePatternItem, Partition, Rename, Render,
    RenderProperty, ReorderItem, ReorderOrder, Scan, ScanAssignment, ScanDeclaration, ScanOutput,
    ScanStep, SeriesAggregate, SortKey, SortOrder, Summarize, TabularSchema, Top, TopNested,
    TopNestedLevel, Union, UnionKind, UnionTable,
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
    "parse-where",
    "parse-kv",
    "partition",
    "top-nested",
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
    "scan",
    "make-graph",
    "graph-match",
    "graph-shortest-paths",
    "graph-to-table",
    "graph-mark-components",
    "project-by-names",
    "top-hitters",
    "sample",
    "sample-distinct",
];

/// KQL operators that the parser recognises but rejects with "not supported yet".
pub(crate) const NOT_SUPPORTED_OPERATORS: &[&str] = &[
    "fork",
    "facet",
    "find",
    "search",
    "externaldata",
    "reduce",
    "consume",
    "project-smart",
    "execute-and-cache",
    "assert-schema",
    "macro-expand",
    "extend-schema",
];

/// operator = where_operator | extend_operator | ... ;  (* the name after `|` *)
pub(crate) fn operator(i: Tokens<'_>) -> PResult<'_, Operator> {
    let start = i.peek().span.start;
    if !i.at(&TokenKind::Word) {
        return i.fail_expected("a tabular operator after `|`");
    }
    let (i, (name, name_span)) = tri!(hyphenated_word(i));
    // One call through a function pointer keeps this frame small: the parser recurses through
    // here for subqueries.
    let Some(rule) = operator_rule(&name) else {
        return Err(unknown_operator_failure(i, &name, name_span));
    };
    let (i, kind) = tri!(rule(i, &name));
    let span = i.span_from(start);
    Ok((i, Operator { kind, span }))
}

/// The rule of a tabular operator, called with the operator's name.
type OperatorRule = for<'a> fn(Tokens<'a>, &str) -> PResult<'a, OperatorKind>;

fn operator_rule(name: &str) -> Option<OperatorRule> {
    Some(match name {
        "where" | "filter" => where_operator,
        "extend" => |i, _| extend_operator(i),
        "project" => |i, _| project_operator(i),
        "project-away" => |i, _| project_away_operator(i),
        "project-keep" => |i, _| project_keep_operator(i),
        "project-by-names" => |i, _| project_by_names_operator(i),
        "project-rename" => |i, _| project_rename_operator(i),
        "project-reorder" => |i, _| project_reorder_operator(i),
        "summarize" => |i, _| summarize_operator(i),
        "count" => |i, _| Ok((i, OperatorKind::Count)),
        "take" | "limit" => take_operator,
        "sort" | "order" => |i, _| sort_operator(i),
        "top" => |i, _| top_operator(i),
        "top-hitters" => |i, _| top_hitters_operator(i),
        "sample" => |i, _| sample_operator(i),
        "sample-distinct" => |i, _| sample_distinct_operator(i),
        "distinct" => |i, _| distinct_operator(i),
        "mv-expand" => |i, _| mv_expand_operator(i),
        "parse" => |i, _| parse_operator(i),
        "parse-where" => |i, _| parse_where_operator(i),
        "parse-kv" => |i, _| parse_kv_operator(i),
        "partition" => |i, _| partition_operator(i),
        "top-nested" => |i, _| top_nested_operator(i),
        "join" => |i, _| join_operator(i),
        "union" => |i, _| union_operator(i),
        "lookup" => |i, _| lookup_operator(i),
        "as" => |i, _| as_operator(i),
        "getschema" => |i, _| Ok((i, OperatorKind::GetSchema)),
        "serialize" => |i, _| serialize_operator(i),
        "invoke" => |i, _| invoke_operator(i),
        "render" => |i, _| render_operator(i),
        "evaluate" => |i, _| evaluate_operator(i),
        "mv-apply" => |i, _| mv_apply_operator(i),
        "make-series" => |i, _| make_series_operator(i),
        "scan" => |i, _| scan_operator(i),
        "make-graph" => |i, _| super::graph::make_graph_operator(i),
        "graph-match" => |i, _| super::graph::graph_match_operator(i),
        "graph-shortest-paths" => |i, _| super::graph::graph_shortest_paths_operator(i),
        "graph-to-table" => |i, _| super::graph::graph_to_table_operator(i),
        "graph-mark-components" => |i, _| super::graph::graph_mark_components_operator(i),
        _ => return None,
    })
}

/// A name after `|` that is not a supported operator.
#[cold]
fn unknown_operator_failure(i: Tokens<'_>, name: &str, span: Span) -> nom::Err<super::PError> {
    if NOT_SUPPORTED_OPERATORS.contains(&name) {
        return i.not_supported(&format!("the `{name}` operator"), span);
    }
    fail(Box::new(unknown_operator_error(name, span)))
}

/// where_operator = ( "where" | "filter" ) expression ;
fn where_operator<'a>(i: Tokens<'a>, keyword: &str) -> PResult<'a, OperatorKind> {
    let (i, ()) = tri!(operand(keyword)(i));
    let (i, condition) = tri!(expression(i));
    Ok((i, OperatorKind::Where(condition)))
}

/// extend_operator = "extend" named_expression_list ;
fn extend_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(|i| named_expression_list(i, "extend"), OperatorKind::Extend).parse(i)
}

/// project_operator = "project" named_expression_list ;
fn project_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(
        |i| named_expression_list(i, "project"),
        OperatorKind::Project,
    )
    .parse(i)
}

/// project_away_operator = "project-away" column_pattern_list ;
fn project_away_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(column_pattern_list, OperatorKind::ProjectAway).parse(i)
}

/// project_keep_operator = "project-keep" column_pattern_list ;
fn project_keep_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(column_pattern_list, OperatorKind::ProjectKeep).parse(i)
}

/// project_by_names_operator = "project-by-names" expression { "," expression } ;
fn project_by_names_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(
        comma_list("project-by-names", |i, after| {
            preceded(operand(after), expression).parse(i)
        }),
        OperatorKind::ProjectByNames,
    )
    .parse(i)
}

/// union_operator = "union" union_body ;
fn union_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(union_body, OperatorKind::Union).parse(i)
}

/// take_operator = ( "take" | "limit" ) expression ;
fn take_operator<'a>(i: Tokens<'a>, keyword: &str) -> PResult<'a, OperatorKind> {
    map(preceded(operand(keyword), expression), OperatorKind::Take).parse(i)
}

/// named_expression_list = named_expression { "," named_expression } ;
pub(crate) fn named_expression_list<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, Vec<NamedExpr>> {
    comma_list(after, named_expression).parse(i)
}

/// named_expression = [ name "=" | "(" name { "," name } ")" "=" ] expression ;
fn named_expression<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, NamedExpr> {
    let (i, alias) = alias(i)?;
    let after = if alias.is_some() { "=" } else { after };
    let (i, expr) = preceded(operand(after), expression).parse(i)?;
    Ok((i, NamedExpr { alias, expr }))
}

/// alias = name "=" | "(" name { "," name } ")" "=" ;  (* `=`, not `==` *)
fn alias(i: Tokens<'_>) -> PResult<'_, Option<Alias>> {
    if tuple_alias_length(i).is_some() {
        let names = separated_list1(token(TokenKind::Comma), identifier("a column name"));
        return map(
            delimited(any_token, names, (any_token, any_token)),
            |names| Some(Alias::Tuple(names)),
        )
        .parse(i);
    }
    if at_alias(i) {
        return map(terminated(alias_name, any_token), |name| {
            Some(Alias::Name(name))
        })
        .parse(i);
    }
    Ok((i, None))
}

/// Whether `name =` starts here (`=`, not `==`).
fn at_alias(i: Tokens<'_>) -> bool {
    i.name_at(0)
        .is_some_and(|len| *i.nth_kind(len) == TokenKind::Assign)
}

/// A name being defined: any word (keywords included) or `['name']`.
fn alias_name(i: Tokens<'_>) -> PResult<'_, Ident> {
    if i.at(&TokenKind::Word) {
        let token = i.peek();
        return Ok((i.advance(1), Ident::new(i.text(token.span), token.span)));
    }
    bracketed_name("a column name")(i)
}

/// The number of names in `(a, b, ...) =` when it starts here.
fn tuple_alias_length(i: Tokens<'_>) -> Option<usize> {
    if !i.at(&TokenKind::LParen) {
        return None;
    }
    let mut n = 1;
    let mut names = 0;
    loop {
        n += i.name_at(n)?;
        names += 1;
        match i.nth_kind(n) {
            TokenKind::Comma => n += 1,
            TokenKind::RParen if *i.nth_kind(n + 1) == TokenKind::Assign => return Some(names),
            _ => return None,
        }
    }
}

/// column_pattern_list = column_pattern { "," column_pattern } ;
fn column_pattern_list(i: Tokens<'_>) -> PResult<'_, Vec<ColumnPattern>> {
    separated_list1(eat(TokenKind::Comma, "`,`"), column_pattern).parse(i)
}

/// column_pattern = name | wildcard ;  (* wildcard: words and `*` with no spaces, `Col*` *)
fn column_pattern(i: Tokens<'_>) -> PResult<'_, ColumnPattern> {
    if i.at(&TokenKind::LBracket) {
        return map(bracketed_name("a column name"), ColumnPattern::Name).parse(i);
    }
    let is_part = |kind: &TokenKind| matches!(kind, TokenKind::Word | TokenKind::Star);
    if !is_part(i.nth_kind(0)) {
        return i.fail_expected("a column name");
    }
    let mut span = i.peek().span;
    let mut wildcard = i.at(&TokenKind::Star);
    let mut last = i;
    while is_part(last.nth_kind(1)) && last.adjacent(0) {
        last = last.advance(1);
        wildcard |= last.at(&TokenKind::Star);
        span = span.to(last.peek().span);
    }
    if !wildcard {
        return map(identifier("a column name"), ColumnPattern::Name).parse(last);
    }
    let pattern = i.text(span).to_string();
    Ok((last.advance(1), ColumnPattern::Wildcard(pattern)))
}

/// project_rename_operator = "project-rename" name "=" name { "," name "=" name } ;
fn project_rename_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let new_name = |i| {
        if at_alias(i) {
            alias_name(i)
        } else {
            identifier("a new column name")(i)
        }
    };
    let rename = map(
        separated_pair(
            new_name,
            expect(TokenKind::Assign, "`=`"),
            identifier("the column to rename"),
        ),
        |(new_name, old_name)| Rename { new_name, old_name },
    );
    map(
        separated_list1(eat(TokenKind::Comma, "`,`"), rename),
        OperatorKind::ProjectRename,
    )
    .parse(i)
}

/// project_reorder_operator = "project-reorder" column_pattern [ reorder_order ]
///                            { "," column_pattern [ reorder_order ] } ;
fn project_reorder_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let item = map((column_pattern, reorder_order), |(column, order)| {
        ReorderItem { column, order }
    });
    map(
        separated_list1(eat(TokenKind::Comma, "`,`"), item),
        OperatorKind::ProjectReorder,
    )
    .parse(i)
}

/// reorder_order = "asc" | "desc" | "granny-asc" | "granny-desc" ;  (* optional *)
fn reorder_order(i: Tokens<'_>) -> PResult<'_, Option<ReorderOrder>> {
    match i.nth_word(0) {
        Some("asc") => Ok((i.advance(1), Some(ReorderOrder::Asc))),
        Some("desc") => Ok((i.advance(1), Some(ReorderOrder::Desc))),
        Some("granny") => {
            let (rest, (word, _)) = hyphenated_word(i)?;
            match word.as_str() {
                "granny-asc" => Ok((rest, Some(ReorderOrder::GrannyAsc))),
                "granny-desc" => Ok((rest, Some(ReorderOrder::GrannyDesc))),
                _ => Ok((i, None)),
            }
        }
        _ => Ok((i, None)),
    }
}

/// hint = "hint." name "=" hint_value ;
fn hint(i: Tokens<'_>) -> PResult<'_, Hint> {
    let at_hint = i.at_word("hint")
        && *i.nth_kind(1) == TokenKind::Dot
        && i.nth_word(2).is_some()
        && *i.nth_kind(3) == TokenKind::Assign;
    if !at_hint {
        return Err(mismatch(i));
    }
    let name = i.nth_word(2).unwrap_or_default().to_string();
    let i = i.advance(4);
    match i.peek().kind {
        TokenKind::Word
        | TokenKind::Long(_)
        | TokenKind::Real(_)
        | TokenKind::TimeSpan(_)
        | TokenKind::String(_) => {
            let value = i.text(i.peek().span).to_string();
            Ok((i.advance(1), Hint { name, value }))
        }
        _ => i.fail_expected(&format!("a value for `hint.{name}`")),
    }
}

/// hints = { hint } ;
fn hints(i: Tokens<'_>) -> PResult<'_, Vec<Hint>> {
    many0(hint).parse(i)
}

/// The value of `name=value` for a parameter whose values are words, checked against
/// `allowed`. The current token is the parameter's name.
pub(crate) fn parameter_word<'a, T: Copy>(
    i: Tokens<'a>,
    name: &str,
    allowed: &[(&str, T)],
) -> PResult<'a, T> {
    let (i, _) = preceded(any_token, expect(TokenKind::Assign, "`=`")).parse(i)?;
    let Some(word) = i.nth_word(0) else {
        return i.fail_expected(&format!("a value for `{name}`"));
    };
    if let Some((_, value)) = allowed.iter().find(|(w, _)| *w == word) {
        return Ok((i.advance(1), *value));
    }
    let names: Vec<&str> = allowed.iter().map(|(w, _)| *w).collect();
    let mut diagnostic = Diagnostic::error(
        Code::InvalidParameter,
        format!("`{word}` is not a valid value for `{name}`"),
    )
    .with_span(i.peek().span)
    .with_note(format!("the values are {}", names.join(", ")));
    if let Some(suggestion) = did_you_mean(word, &names) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    Err(fail(Box::new(diagnostic)))
}

/// Whether `word =` (a parameter) starts here.
pub(crate) fn at_parameter(i: Tokens<'_>, word: &str) -> bool {
    i.at_word(word) && *i.nth_kind(1) == TokenKind::Assign
}

/// The value of `word = name` when the parameter starts here.
pub(crate) fn name_parameter<'a>(i: Tokens<'a>, what: &str) -> PResult<'a, Ident> {
    preceded((any_token, any_token), identifier(what)).parse(i)
}

/// [ "by" named_expression_list ]
fn by_clause(i: Tokens<'_>) -> PResult<'_, Vec<NamedExpr>> {
    map(
        opt(preceded(
            eat_word("by"),
            cut(|i| named_expression_list(i, "by")),
        )),
        Option::unwrap_or_default,
    )
    .parse(i)
}

/// summarize_operator = "summarize" hints [ named_expression_list ] [ "by" named_expression_list ] ;
fn summarize_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, hints) = hints(i)?;
    let (i, aggregates) = if i.at_word("by") {
        (i, Vec::new())
    } else {
        if !i.starts_expression() && tuple_alias_length(i).is_none() {
            return i.fail_expected_with(
                Code::ExpectedExpression,
                Some("an aggregation or `by` after `summarize`"),
            );
        }
        named_expression_list(i, "summarize")?
    };
    let (i, by) = by_clause(i)?;
    Ok((
        i,
        OperatorKind::Summarize(Summarize {
            hints,
            aggregates,
            by,
        }),
    ))
}

/// sort_operator = ( "sort" | "order" ) hints "by" sort_key { "," sort_key } ;
fn sort_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(
        preceded((hints, expect_word("by")), comma_list("by", sort_key)),
        OperatorKind::Sort,
    )
    .parse(i)
}

/// sort_key = expression [ "asc" | "desc" ] [ "nulls" ( "first" | "last" ) ] ;
fn sort_key<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, SortKey> {
    let order = opt(alt((
        value(SortOrder::Asc, eat_word("asc")),
        value(SortOrder::Desc, eat_word("desc")),
    )));
    let nulls = opt(preceded(
        eat_word("nulls"),
        cut(alt((
            value(NullsPosition::First, eat_word("first")),
            value(NullsPosition::Last, expect_word("last")),
        ))),
    ));
    let (i, (expr, order, nulls)) =
        (preceded(operand(after), expression), order, nulls).parse(i)?;
    Ok((i, SortKey { expr, order, nulls }))
}

/// top_operator = "top" expression "by" sort_key ;
fn top_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, (count, _, key)) = (
        preceded(operand("top"), expression),
        expect_word("by"),
        |i| sort_key(i, "by"),
    )
        .parse(i)?;
    Ok((i, OperatorKind::Top(Box::new(Top { count, key }))))
}

/// top_hitters_operator = "top-hitters" expression "of" named_expression [ "by" expression ] ;
fn top_hitters_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, (count, _, value, by)) = (
        preceded(operand("top-hitters"), expression),
        expect_word("of"),
        |i| named_expression(i, "of"),
        opt(preceded(
            eat_word("by"),
            cut(|i| operand_expression(i, "by")),
        )),
    )
        .parse(i)?;
    Ok((
        i,
        OperatorKind::TopHitters(Box::new(crate::syntax::TopHitters { count, value, by })),
    ))
}

/// sample_operator = "sample" expression ;
fn sample_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map(|i| operand_expression(i, "sample"), OperatorKind::Sample).parse(i)
}

/// sample_distinct_operator = "sample-distinct" expression "of" named_expression ;
fn sample_distinct_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, (count, _, column)) = (
        preceded(operand("sample-distinct"), expression),
        expect_word("of"),
        |i| named_expression(i, "of"),
    )
        .parse(i)?;
    Ok((
        i,
        OperatorKind::SampleDistinct(Box::new(crate::syntax::SampleDistinct { count, column })),
    ))
}

/// distinct_operator = "distinct" hints ( "*" | expression { "," expression } ) ;
fn distinct_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, hints) = hints(i)?;
    let (i, columns) = alt((
        value(Vec::new(), eat(TokenKind::Star, "`*`")),
        comma_list("distinct", operand_expression),
    ))
    .parse(i)?;
    Ok((i, OperatorKind::Distinct(Distinct { hints, columns })))
}

/// An expression after `after`.
fn operand_expression<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, Expr> {
    preceded(operand(after), expression).parse(i)
}

/// [ "limit" expression ]
fn limit_clause(i: Tokens<'_>) -> PResult<'_, Option<Expr>> {
    opt(preceded(
        eat_word("limit"),
        cut(preceded(operand("limit"), expression)),
    ))
    .parse(i)
}

/// mv_expand_operator = "mv-expand" { mv_expand_parameter } mv_expand_item
///                      { "," mv_expand_item } [ "limit" expression ] ;
fn mv_expand_operator(mut i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let mut bag_expansion = None;
    let mut with_item_index = None;
    loop {
        let param = ["bagexpansion", "kind"]
            .into_iter()
            .find(|p| at_parameter(i, p))
            .filter(|_| matches!(i.nth_word(2), Some("bag" | "array")));
        if let Some(param) = param {
            let values = [("bag", BagExpansion::Bag), ("array", BagExpansion::Array)];
            let (rest, value) = parameter_word(i, param, &values)?;
            (i, bag_expansion) = (rest, Some(value));
        } else if at_parameter(i, "with_itemindex") {
            let (rest, name) = name_parameter(i, "a column name for the item index")?;
            (i, with_item_index) = (rest, Some(name));
        } else {
            match hint(i) {
                Ok((rest, _)) => i = rest,
                Err(nom::Err::Error(_)) => break,
                Err(error) => return Err(error),
            }
        }
    }
    let (i, (items, limit)) = (comma_list("mv-expand", mv_expand_item), limit_clause).parse(i)?;
    Ok((
        i,
        OperatorKind::MvExpand(Box::new(MvExpand {
            bag_expansion,
            with_item_index,
            items,
            limit,
        })),
    ))
}
/// Adds the hint at `i` to `hints`; `None` when no hint starts here.
fn push_hint<'a>(
    i: Tokens<'a>,
    hints: &mut Vec<Hint>,
) -> Result<Option<Tokens<'a>>, nom::Err<super::PError>> {
    match hint(i) {
        Ok((rest, hint)) => {
            hints.push(hint);
            Ok(Some(rest))
        }
        Err(nom::Err::Error(_)) => Ok(None),
        Err(error) => Err(error),
    }
}

/// mv_expand_item = [ name "=" ] expression [ "to" "typeof" "(" scalar_type ")" ] ;
fn mv_expand_item<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, MvExpandItem> {
    let (i, name) = if at_alias(i) {
        map(terminated(alias_name, any_token), Some).parse(i)?
    } else {
        (i, None)
    };
    let after = if name.is_some() { "=" } else { after };
    let to_type = opt(preceded(
        eat_word("to"),
        cut(delimited(
            (expect_word("typeof"), expect(TokenKind::LParen, "`(`")),
            scalar_type,
            expect(TokenKind::RParen, "`)`"),
        )),
    ));
    let (i, (expr, to_type)) = (preceded(operand(after), expression), to_type).parse(i)?;
    Ok((
        i,
        MvExpandItem {
            name,
            expr,
            to_type,
        },
    ))
}

/// parse_operator = "parse" [ "kind" "=" parse_kind [ "flags" "=" word ] ] expression "with"
///                  parse_pattern_item { parse_pattern_item } ;
fn parse_operator(mut i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let mut kind = None;
    let mut flags = None;
    loop {
        if at_parameter(i, "kind") {
            let values = [
                ("simple", ParseKind::Simple),
                ("regex", ParseKind::Regex),
                ("relaxed", ParseKind::Relaxed),
            ];
            let (rest, value) = parameter_word(i, "kind", &values)?;
            (i, kind) = (rest, Some(value));
        } else if at_parameter(i, "flags") {
            i = i.advance(2);
            match i.nth_word(0) {
                Some(word) => (i, flags) = (i.advance(1), Some(word.to_string())),
                None => return i.fail_expected("regex flags such as `Ui`"),
            }
        } else {
            break;
        }
    }
    let (i, (expr, _, pattern)) = (
        preceded(operand("parse"), expression),
        expect_word("with"),
        many0(parse_pattern_item),
    )
        .parse(i)?;
    if pattern.is_empty() {
        return i.fail_expected("a pattern after `with`: `*`, strings and columns");
    }
    Ok((
        i,
        OperatorKind::Parse(Box::new(Parse {
            kind,
            flags,
            expr,
            pattern,
        })),
    ))
}

/// parse_where_operator = "parse-where" [ "kind" "=" parse_kind [ "flags" "=" word ] ]
///                        expression "with" parse_pattern_item { parse_pattern_item } ;
fn parse_where_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    match parse_operator(i)? {
        (i, OperatorKind::Parse(parse)) => Ok((i, OperatorKind::ParseWhere(parse))),
        (i, kind) => Ok((i, kind)),
    }
}

/// parse_kv_operator = "parse-kv" expression "as" tabular_schema
///                     [ "with" "(" identifier "=" expression { "," identifier "=" expression } ")" ] ;
fn parse_kv_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, (expr, _)) = (preceded(operand("parse-kv"), expression), expect_word("as")).parse(i)?;
    if !i.at(&TokenKind::LParen) {
        return i.fail_expected("`(` and the keys to extract, such as `(key:string)`");
    }
    let schema_start = i.peek().span;
    let (i, keys) = tabular_schema(i)?;
    if keys.open {
        return Err(fail(Box::new(
            Diagnostic::error(
                Code::NotSupported,
                "`*` among the keys of `parse-kv` is not supported yet",
            )
            .with_span(schema_start),
        )));
    }
    let option = separated_pair(
        identifier("an option name"),
        expect(TokenKind::Assign, "`=`"),
        cut(|i| operand_expression(i, "=")),
    );
    let (i, options) = opt(preceded(
        eat_word("with"),
        cut(delimited(
            expect(TokenKind::LParen, "`(`"),
            separated_list1(eat(TokenKind::Comma, "`,`"), cut(option)),
            expect(TokenKind::RParen, "`)`"),
        )),
    ))
    .parse(i)?;
    Ok((
        i,
        OperatorKind::ParseKv(Box::new(ParseKv {
            expr,
            keys: keys.columns,
            options: options.unwrap_or_default(),
        })),
    ))
}

/// parse_pattern_item = "*" | string_literal | name [ ":" scalar_type ] ;
fn parse_pattern_item(i: Tokens<'_>) -> PResult<'_, ParsePatternItem> {
    match i.peek().kind {
        TokenKind::Star => Ok((i.advance(1), ParsePatternItem::Star)),
        TokenKind::String(_) => {
            map(string_literal, |(text, _)| ParsePatternItem::Text(text)).parse(i)
        }
        TokenKind::Word | TokenKind::LBracket if i.name_at(0).is_some() => map(
            (
                identifier("a column name"),
                opt(preceded(eat(TokenKind::Colon, "`:`"), cut(scalar_type))),
            ),
            |(name, ty)| ParsePatternItem::Column { name, ty },
        )
        .parse(i),
        _ => Err(mismatch(i)),
    }
}

/// join_operator = "join" { "kind" "=" join_kind | hint } tabular_operand "on" join_conditions ;
fn join_operator(mut i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let mut kind = None;
    let mut hints = Vec::new();
    loop {
        if at_parameter(i, "kind") {
            let values: Vec<(&str, JoinKind)> =
                JoinKind::ALL.iter().map(|k| (k.name(), *k)).collect();
            let (rest, value) = tri!(parameter_word(i, "kind", &values));
            (i, kind) = (rest, Some(value));
        } else if let Some(rest) = push_hint(i, &mut hints)? {
            i = rest;
        } else {
            break;
        }
    }
    let (i, right) = tri!(tabular_operand(i));
    let (i, on) = tri!(join_conditions(i));
    Ok((
        i,
        OperatorKind::Join(Join {
            kind,
            hints,
            right: Box::new(right),
            on,
        }),
    ))
}

/// join_conditions = "on" expression { "," expression } ;
fn join_conditions(i: Tokens<'_>) -> PResult<'_, Vec<Expr>> {
    preceded(expect_word("on"), comma_list("on", operand_expression)).parse(i)
}

/// lookup_operator = "lookup" [ "kind" "=" ( "leftouter" | "inner" ) ] tabular_operand
///                   "on" join_conditions ;
fn lookup_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, kind) = if at_parameter(i, "kind") {
        let values = [
            ("leftouter", LookupKind::LeftOuter),
            ("inner", LookupKind::Inner),
        ];
        map(|i| parameter_word(i, "kind", &values), Some).parse(i)?
    } else {
        (i, None)
    };
    let (i, (right, on)) = (tabular_operand, join_conditions).parse(i)?;
    Ok((
        i,
        OperatorKind::Lookup(Lookup {
            kind,
            right: Box::new(right),
            on,
        }),
    ))
}

/// union_body = { union_parameter | hint } union_table { "," union_table } ;
/// (* after `union`, as an operator or at the start of a query *)
pub(crate) fn union_body(mut i: Tokens<'_>) -> PResult<'_, Union> {
    let mut union = Union {
        kind: None,
        with_source: None,
        is_fuzzy: None,
        hints: Vec::new(),
        tables: Vec::new(),
    };
    loop {
        if at_parameter(i, "kind") {
            let values = [("inner", UnionKind::Inner), ("outer", UnionKind::Outer)];
            let (rest, kind) = parameter_word(i, "kind", &values)?;
            (i, union.kind) = (rest, Some(kind));
        } else if at_parameter(i, "withsource") {
            let (rest, name) = name_parameter(i, "a column name after `withsource=`")?;
            (i, union.with_source) = (rest, Some(name));
        } else if at_parameter(i, "isfuzzy") {
            let values = [("true", true), ("false", false)];
            let (rest, fuzzy) = parameter_word(i, "isfuzzy", &values)?;
            (i, union.is_fuzzy) = (rest, Some(fuzzy));
        } else if let Some(rest) = push_hint(i, &mut union.hints)? {
            i = rest;
        } else {
            break;
        }
    }
    let (i, tables) = separated_list1(eat(TokenKind::Comma, "`,`"), union_table).parse(i)?;
    union.tables = tables;
    Ok((i, union))
}

/// union_table = wildcard | tabular_operand ;
fn union_table(i: Tokens<'_>) -> PResult<'_, UnionTable> {
    let wildcard = i.at(&TokenKind::Star)
        || (i.at(&TokenKind::Word) && *i.nth_kind(1) == TokenKind::Star && i.adjacent(0));
    if wildcard {
        return match column_pattern(i)? {
            (i, ColumnPattern::Wildcard(pattern)) => Ok((i, UnionTable::Wildcard(pattern))),
            (i, ColumnPattern::Name(_)) => i.fail_expected("a table name"),
        };
    }
    map(tabular_operand, UnionTable::Tabular).parse(i)
}

/// as_operator = "as" hints name ;
fn as_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    map((hints, identifier("a name after `as`")), |(hints, name)| {
        OperatorKind::As(As { hints, name })
    })
    .parse(i)
}

/// serialize_operator = "serialize" [ named_expression_list ] ;
fn serialize_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    if i.at_operator_end() {
        return Ok((i, OperatorKind::Serialize(Vec::new())));
    }
    map(
        |i| named_expression_list(i, "serialize"),
        OperatorKind::Serialize,
    )
    .parse(i)
}

/// invoke_operator = "invoke" function_call ;
fn invoke_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, name) = identifier("a function name after `invoke`")(i)?;
    map(|i| function_call(i, name.clone()), OperatorKind::Invoke).parse(i)
}

/// evaluate_operator = "evaluate" hints function_call [ ":" tabular_schema ] ;
fn evaluate_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, (hints, name)) = (hints, identifier("a plugin name such as `bag_unpack`")).parse(i)?;
    let (i, plugin) = function_call(i, name)?;
    let (i, output_schema) =
        opt(preceded(eat(TokenKind::Colon, "`:`"), cut(output_schema))).parse(i)?;
    Ok((
        i,
        OperatorKind::Evaluate(Evaluate {
            hints,
            plugin,
            output_schema,
        }),
    ))
}

/// The schema after `evaluate plugin(...) :`.
fn output_schema(i: Tokens<'_>) -> PResult<'_, TabularSchema> {
    if !i.at(&TokenKind::LParen) {
        return i.fail_expected("an output schema such as `(*, Name:string)`");
    }
    tabular_schema(i)
}

/// mv_apply_operator = "mv-apply" [ "with_itemindex" "=" identifier ] mv_expand_item
///                     { "," mv_expand_item } [ "limit" expression ] "on" mv_apply_subquery ;
fn mv_apply_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, with_item_index) = if at_parameter(i, "with_itemindex") {
        map(
            |i| name_parameter(i, "a column name for the item index"),
            Some,
        )
        .parse(i)?
    } else {
        (i, None)
    };
    let (i, (items, limit, _)) = (
        comma_list("mv-apply", mv_expand_item),
        limit_clause,
        expect_word("on"),
    )
        .parse(i)?;
    let (i, subquery) = nested(i, mv_apply_subquery)?;
    Ok((
        i,
        OperatorKind::MvApply(Box::new(MvApply {
            with_item_index,
            items,
            limit,
            subquery,
        })),
    ))
}

/// mv_apply_subquery = "(" operator { "|" operator } ")" ;  (* operators without a source *)
fn mv_apply_subquery(i: Tokens<'_>) -> PResult<'_, Vec<Operator>> {
    delimited(
        expect(TokenKind::LParen, "`(` and operators"),
        separated_list1(eat(TokenKind::Pipe, "`|`"), cut(operator)),
        expect(TokenKind::RParen, "`)`"),
    )
    .parse(i)
}

/// partition_operator = "partition" hints "by" identifier mv_apply_subquery ;
fn partition_operator(mut i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let mut hints = Vec::new();
    while let Some(rest) = push_hint(i, &mut hints)? {
        i = rest;
    }
    let (i, (_, by)) = (expect_word("by"), identifier("the column to partition by")).parse(i)?;
    if i.at(&TokenKind::LBrace) {
        return Err(fail(Box::new(
            Diagnostic::error(
                Code::NotSupported,
                "the `partition ... { ... }` form is not supported yet; write `( ... )`",
            )
            .with_span(i.peek().span),
        )));
    }
    let (i, subquery) = nested(i, mv_apply_subquery)?;
    Ok((
        i,
        OperatorKind::Partition(Box::new(Partition {
            hints,
            by,
            subquery,
        })),
    ))
}

/// top_nested_operator = "top-nested" top_nested_level { "," "top-nested" top_nested_level } ;
fn top_nested_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (mut i, first) = top_nested_level(i)?;
    let mut levels = vec![first];
    while i.at(&TokenKind::Comma) {
        let after = i.advance(1);
        let (rest, (word, span)) = hyphenated_word(after)?;
        if word != "top-nested" || !after.at(&TokenKind::Word) {
            return Err(fail(Box::new(
                Diagnostic::error(Code::UnexpectedToken, "expected `top-nested` after `,`")
                    .with_span(span),
            )));
        }
        let (rest, level) = cut(top_nested_level).parse(rest)?;
        levels.push(level);
        i = rest;
    }
    Ok((i, OperatorKind::TopNested(TopNested { levels })))
}

/// top_nested_level = [ expression ] "of" named_expression [ "with" "others" "=" expression ]
///                    "by" named_expression [ "asc" | "desc" ] ;
fn top_nested_level(i: Tokens<'_>) -> PResult<'_, TopNestedLevel> {
    let (i, count) = if i.at_word("of") {
        (i, None)
    } else {
        map(|i| operand_expression(i, "top-nested"), Some).parse(i)?
    };
    let (i, (_, of)) = (expect_word("of"), |i| named_expression(i, "of")).parse(i)?;
    let (i, others) = opt(preceded(
        (
            eat_word("with"),
            expect_word("others"),
            expect(TokenKind::Assign, "`=`"),
        ),
        cut(|i| operand_expression(i, "=")),
    ))
    .parse(i)?;
    let (i, (_, by)) = (expect_word("by"), |i| named_expression(i, "by")).parse(i)?;
    let (i, order) = opt(alt((
        value(SortOrder::Asc, eat_word("asc")),
        value(SortOrder::Desc, eat_word("desc")),
    )))
    .parse(i)?;
    Ok((
        i,
        TopNestedLevel {
            count,
            of,
            others,
            by,
            order,
        },
    ))
}

/// make_series_operator = "make-series" { "kind" "=" "nonempty" | hints } make_series_aggregate
///     { "," make_series_aggregate } "on" expression [ "from" expression ] [ "to" expression ]
///     "step" expression [ "by" named_expression_list ] ;
fn make_series_operator(mut i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let mut nonempty = false;
    let mut hints = Vec::new();
    loop {
        if at_parameter(i, "kind") {
            (i, nonempty) = parameter_word(i, "kind", &[("nonempty", true)])?;
        } else if let Some(rest) = push_hint(i, &mut hints)? {
            i = rest;
        } else {
            break;
        }
    }
    let (i, (aggregates, axis, from, to, step, by)) = (
        comma_list("make-series", make_series_aggregate),
        super::tabular::bound("on"),
        optional_bound("from"),
        optional_bound("to"),
        super::tabular::bound("step"),
        by_clause,
    )
        .parse(i)?;
    Ok((
        i,
        OperatorKind::MakeSeries(Box::new(MakeSeries {
            nonempty,
            hints,
            aggregates,
            axis,
            from,
            to,
            step,
            by,
        })),
    ))
}

/// [ word expression ]
fn optional_bound<'a>(word: &'static str) -> impl FnMut(Tokens<'a>) -> PResult<'a, Option<Expr>> {
    move |i| {
        opt(preceded(
            eat_word(word),
            cut(preceded(operand(word), expression)),
        ))
        .parse(i)
    }
}

/// make_series_aggregate = named_expression [ "default" "=" expression ] ;
fn make_series_aggregate<'a>(i: Tokens<'a>, after: &str) -> PResult<'a, SeriesAggregate> {
    let (i, aggregate) = named_expression(i, after)?;
    let (i, default) = if at_parameter(i, "default") {
        map(
            preceded((any_token, any_token, operand("=")), expression),
            Some,
        )
        .parse(i)?
    } else {
        (i, None)
    };
    Ok((i, SeriesAggregate { aggregate, default }))
}

/// scan_operator = "scan" [ "with_match_id" "=" name ]
///     [ "declare" "(" scan_declaration { "," scan_declaration } ")" ]
///     "with" "(" scan_step { scan_step } ")" ;
fn scan_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, match_id) = if at_parameter(i, "with_match_id") {
        map(
            |i| name_parameter(i, "the name of the match id column"),
            Some,
        )
        .parse(i)?
    } else {
        (i, None)
    };
    let (i, declare) = opt(preceded(
        eat_word("declare"),
        cut(delimited(
            expect(TokenKind::LParen, "`(`"),
            comma_list("(", |i, _| scan_declaration(i)),
            expect(TokenKind::RParen, "`)`"),
        )),
    ))
    .parse(i)?;
    let (i, _) = expect_word("with")(i)?;
    let (mut i, _) = expect(TokenKind::LParen, "`(` and the steps")(i)?;
    let mut steps = Vec::new();
    loop {
        if !steps.is_empty()
            && let Ok((rest, _)) = eat(TokenKind::RParen, "`)`")(i)
        {
            i = rest;
            break;
        }
        let (rest, step) = scan_step(i)?;
        steps.push(step);
        i = rest;
    }
    Ok((
        i,
        OperatorKind::Scan(Box::new(Scan {
            match_id,
            declare: declare.unwrap_or_default(),
            steps,
        })),
    ))
}

/// scan_declaration = name ":" scalar_type [ "=" expression ] ;
fn scan_declaration(i: Tokens<'_>) -> PResult<'_, ScanDeclaration> {
    let default = opt(preceded(
        eat(TokenKind::Assign, "`=`"),
        cut(preceded(operand("="), expression)),
    ));
    let (i, (name, _, ty, default)) = (
        identifier("a column name"),
        expect(TokenKind::Colon, "`:` and a type"),
        scalar_type,
        default,
    )
        .parse(i)?;
    Ok((i, ScanDeclaration { name, ty, default }))
}

/// scan_step = "step" name [ "optional" ] [ "output" "=" ( "all" | "last" | "none" ) ] ":"
///     expression [ "=>" scan_assignment { "," scan_assignment } ] ( ";" | &")" ) ;
fn scan_step(i: Tokens<'_>) -> PResult<'_, ScanStep> {
    let (i, (_, name)) = (expect_word("step"), identifier("the name of the step")).parse(i)?;
    let (mut i, optional) = match keyword("optional")(i) {
        Ok((rest, _)) => (rest, true),
        Err(_) => (i, false),
    };
    let mut output = None;
    if at_parameter(i, "output") {
        let allowed = [
            ("all", ScanOutput::All),
            ("last", ScanOutput::Last),
            ("none", ScanOutput::None),
        ];
        let (rest, value) = parameter_word(i, "output", &allowed)?;
        output = Some(value);
        i = rest;
    }
    let (i, (_, condition)) = (
        expect(TokenKind::Colon, "`:` and the condition of the step"),
        cut(preceded(operand(":"), expression)),
    )
        .parse(i)?;
    let (i, assignments) = opt(preceded(
        eat(TokenKind::FatArrow, "`=>`"),
        cut(comma_list("=>", |i, _| scan_assignment(i))),
    ))
    .parse(i)?;
    // The `;` ending the last step may be left out.
    let (i, _) = if i.at(&TokenKind::RParen) {
        (i, i.peek().span)
    } else {
        expect(TokenKind::Semicolon, "`;` at the end of the step")(i)?
    };
    Ok((
        i,
        ScanStep {
            name,
            optional,
            output,
            condition,
            assignments: assignments.unwrap_or_default(),
        },
    ))
}

/// scan_assignment = name "=" expression ;
fn scan_assignment(i: Tokens<'_>) -> PResult<'_, ScanAssignment> {
    let (i, (column, _, value)) = (
        identifier("the column to assign"),
        expect(TokenKind::Assign, "`=`"),
        cut(preceded(operand("="), expression)),
    )
        .parse(i)?;
    Ok((i, ScanAssignment { column, value }))
}

/// render_operator = "render" name [ "with" "(" render_property { "," render_property } ")" ] ;
fn render_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let properties = delimited(
        expect(TokenKind::LParen, "`(`"),
        separated_list1(eat(TokenKind::Comma, "`,`"), render_property),
        expect(TokenKind::RParen, "`)`"),
    );
    let (i, (chart, properties)) = (
        identifier("a chart type such as `timechart`"),
        opt(preceded(eat_word("with"), cut(properties))),
    )
        .parse(i)?;
    let properties = properties.unwrap_or_default();
    Ok((i, OperatorKind::Render(Render { chart, properties })))
}

/// render_property = name "=" expression { "," expression } ;
/// (* a list continues while the item after "," is not `name =` *)
fn render_property(i: Tokens<'_>) -> PResult<'_, RenderProperty> {
    let (mut i, (name, _, first)) = (
        alias_name,
        expect(TokenKind::Assign, "`=`"),
        preceded(operand("="), expression),
    )
        .parse(i)?;
    let mut values = vec![first];
    while i.at(&TokenKind::Comma) && !at_alias_after_comma(i) {
        let (rest, value) = preceded(any_token, |i| operand_expression(i, ",")).parse(i)?;
        values.push(value);
        i = rest;
    }
    Ok((i, RenderProperty { name, values }))
}

fn at_alias_after_comma(i: Tokens<'_>) -> bool {
    i.name_at(1)
        .is_some_and(|len| *i.nth_kind(1 + len) == TokenKind::Assign)
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
