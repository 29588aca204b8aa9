//! The graph operators: `make-graph` and the operators that read its graph (`graph-match`,
//! `graph-shortest-paths`, `graph-to-table`, `graph-mark-components`), with the path patterns
//! of `graph-match`: `(a)-[e]->(b)`, `<-[e]-`, `-[e]-`, `-[e*1..5]->`, `-->`, `<--`, `--`.
//! The arrows are plain `-`, `<`, `>` tokens.

use nom::Parser as _;
use nom::combinator::{cut, opt};
use nom::sequence::preceded;

use super::expressions::expression;
use super::operators::{at_parameter, name_parameter, named_expression_list, parameter_word};
use super::tabular::tabular_operand;
use super::{PResult, Tokens, eat_word, expect, identifier, operand};
use crate::syntax::ast::{
    EdgeDirection, GraphEdgePattern, GraphMarkComponents, GraphMatch, GraphNodePattern, GraphNodes,
    GraphNodesTable, GraphPath, GraphToTable, Ident, MakeGraph, OperatorKind,
};
use crate::syntax::lexer::TokenKind;

/// make_graph_operator = "make-graph" name "-->" name
///     [ "with_node_id" "=" name | "with" tabular_operand "on" name { "," tabular_operand "on" name } ] ;
pub(super) fn make_graph_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, source) = identifier("the edges' source column")(i)?;
    let (i, _) = arrow(i, "`-->` after the source column")?;
    let (i, target) = identifier("the edges' target column")(i)?;
    let (i, nodes) = if at_parameter(i, "with_node_id") {
        let (i, id) = name_parameter(i, "a property name")?;
        (i, GraphNodes::NodeId(id))
    } else if i.at_word("with") {
        let mut tables = Vec::new();
        let mut i = i.advance(1);
        loop {
            let (rest, table) = cut(tabular_operand).parse(i)?;
            let (rest, _) = cut(eat_word("on")).parse(rest)?;
            let (rest, key) = identifier("the nodes' id column")(rest)?;
            tables.push(GraphNodesTable { table, key });
            i = rest;
            if !i.at(&TokenKind::Comma) {
                break;
            }
            i = i.advance(1);
        }
        (i, GraphNodes::Tables(tables))
    } else {
        (i, GraphNodes::FromEdges)
    };
    if i.at_word("partitioned") {
        let (_, (_, span)) = super::hyphenated_word(i)?;
        return Err(i.not_supported("`make-graph ... partitioned-by`", span));
    }
    Ok((
        i,
        OperatorKind::MakeGraph(Box::new(MakeGraph {
            source,
            target,
            nodes,
        })),
    ))
}

/// `-->`, as three tokens.
fn arrow<'a>(i: Tokens<'a>, what: &str) -> PResult<'a, ()> {
    if i.at(&TokenKind::Minus)
        && *i.nth_kind(1) == TokenKind::Minus
        && *i.nth_kind(2) == TokenKind::Gt
    {
        return Ok((i.advance(3), ()));
    }
    i.fail_expected(what)
}

/// graph_match_operator = "graph-match" [ "cycles" "=" ( "all" | "none" | "unique_edges" ) ]
///     graph_path { "," graph_path } [ "where" expression ] "project" named_expression_list ;
pub(super) fn graph_match_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, graph) = graph_match_body(i, "cycles", &["all", "none", "unique_edges"])?;
    Ok((i, OperatorKind::GraphMatch(Box::new(graph))))
}

/// graph_shortest_paths_operator = "graph-shortest-paths" [ "output" "=" ( "any" | "all" ) ]
///     graph_path [ "where" expression ] "project" named_expression_list ;
pub(super) fn graph_shortest_paths_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, graph) = graph_match_body(i, "output", &["any", "all"])?;
    Ok((i, OperatorKind::GraphShortestPaths(Box::new(graph))))
}

fn graph_match_body<'a>(
    i: Tokens<'a>,
    option_name: &'static str,
    values: &[&'static str],
) -> PResult<'a, GraphMatch> {
    let (i, option) = if at_parameter(i, option_name) {
        let allowed: Vec<(&str, &str)> = values.iter().map(|v| (*v, *v)).collect();
        let start = i.nth(2).span;
        let (i, word) = parameter_word(i, option_name, &allowed)?;
        (
            i,
            Some(Ident {
                name: word.to_string(),
                span: start,
            }),
        )
    } else {
        (i, None)
    };
    let (mut i, first) = graph_path(i)?;
    let mut patterns = vec![first];
    while i.at(&TokenKind::Comma) {
        let (rest, path) = graph_path(i.advance(1))?;
        patterns.push(path);
        i = rest;
    }
    let (i, condition) = opt(preceded(
        eat_word("where"),
        cut(preceded(operand("where"), expression)),
    ))
    .parse(i)?;
    let (i, _) = expect_project(i)?;
    let (i, project) = named_expression_list(i, "project")?;
    Ok((
        i,
        GraphMatch {
            option,
            patterns,
            condition,
            project,
        },
    ))
}

fn expect_project(i: Tokens<'_>) -> PResult<'_, ()> {
    if i.at_word("project") {
        return Ok((i.advance(1), ()));
    }
    i.fail_expected("`project` (or `where`) after the pattern")
}

/// graph_path = graph_node { graph_edge graph_node } ;
fn graph_path(i: Tokens<'_>) -> PResult<'_, GraphPath> {
    let (mut i, first) = graph_node(i)?;
    let mut steps = Vec::new();
    while i.at(&TokenKind::Minus) || i.at(&TokenKind::Lt) {
        let (rest, edge) = graph_edge(i)?;
        let (rest, node) = graph_node(rest)?;
        steps.push((edge, node));
        i = rest;
    }
    Ok((i, GraphPath { first, steps }))
}

/// graph_node = "(" [ name ] ")" ;
fn graph_node(i: Tokens<'_>) -> PResult<'_, GraphNodePattern> {
    let start = i.peek().span.start;
    let (i, _) = expect(TokenKind::LParen, "`(` (a node of the pattern)")(i)?;
    let (i, var) = if i.at(&TokenKind::RParen) {
        (i, None)
    } else {
        let (i, var) = identifier("a node variable")(i)?;
        (i, Some(var))
    };
    let (i, _) = expect(TokenKind::RParen, "`)`")(i)?;
    let span = i.span_from(start);
    Ok((i, GraphNodePattern { var, span }))
}

/// graph_edge = ( "-" | "<-" ) [ "[" [ name ] [ "*" long ".." long ] "]" ] ( "->" | "-" ) ;
fn graph_edge(i: Tokens<'_>) -> PResult<'_, GraphEdgePattern> {
    let start = i.peek().span.start;
    let (i, left) = if i.at(&TokenKind::Lt) {
        let (i, _) = expect(TokenKind::Minus, "`-` after `<`")(i.advance(1))?;
        (i, true)
    } else {
        (expect(TokenKind::Minus, "`-`")(i)?.0, false)
    };
    let (i, var, range) = if i.at(&TokenKind::LBracket) {
        let i = i.advance(1);
        let (i, var) = if i.at(&TokenKind::Word) {
            let (i, var) = identifier("an edge variable")(i)?;
            (i, Some(var))
        } else {
            (i, None)
        };
        let (i, range) = if i.at(&TokenKind::Star) {
            let (i, min) = bound(i.advance(1))?;
            if i.at(&TokenKind::DotDot) {
                let (i, max) = bound(i.advance(1))?;
                (i, Some((min, max)))
            } else {
                (i, Some((min, min)))
            }
        } else {
            (i, None)
        };
        let (i, _) = expect(TokenKind::RBracket, "`]`")(i)?;
        let (i, _) = expect(TokenKind::Minus, "`-` after `]`")(i)?;
        (i, var, range)
    } else {
        let (i, _) = expect(TokenKind::Minus, "`-` (an edge such as `-->` or `--`)")(i)?;
        (i, None, None)
    };
    let (i, right) = if i.at(&TokenKind::Gt) {
        (i.advance(1), true)
    } else {
        (i, false)
    };
    let direction = match (left, right) {
        (false, true) => EdgeDirection::Right,
        (true, false) => EdgeDirection::Left,
        (false, false) => EdgeDirection::Any,
        (true, true) => {
            let span = i.span_from(start);
            return Err(i.not_supported("an edge with arrows at both ends (`<-...->`)", span));
        }
    };
    if let Some((min, max)) = range
        && min > max
    {
        return i.fail_expected("a range `*min..max` with min <= max");
    }
    let span = i.span_from(start);
    Ok((
        i,
        GraphEdgePattern {
            var,
            direction,
            range,
            span,
        },
    ))
}

fn bound(i: Tokens<'_>) -> PResult<'_, i64> {
    match i.peek().kind {
        TokenKind::Long(n) if n <= 1_000 => Ok((i.advance(1), n as i64)),
        _ => i.fail_expected("a number of edges (0 to 1000)"),
    }
}

/// graph_to_table_operator = "graph-to-table" ( "nodes" [ "with_node_id" "=" name ]
///     | "edges" [ "with_source_id" "=" name ] [ "with_target_id" "=" name ] ) ;
pub(super) fn graph_to_table_operator(i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let (i, kind) = if i.at_word("nodes") {
        let mut i = i.advance(1);
        let mut node_id = None;
        if at_parameter(i, "with_node_id") {
            let (rest, id) = name_parameter(i, "a column name")?;
            node_id = Some(id);
            i = rest;
        }
        (i, GraphToTable::Nodes { node_id })
    } else if i.at_word("edges") {
        let mut i = i.advance(1);
        let (mut source_id, mut target_id) = (None, None);
        loop {
            if at_parameter(i, "with_source_id") {
                let (rest, id) = name_parameter(i, "a column name")?;
                source_id = Some(id);
                i = rest;
            } else if at_parameter(i, "with_target_id") {
                let (rest, id) = name_parameter(i, "a column name")?;
                target_id = Some(id);
                i = rest;
            } else {
                break;
            }
        }
        (
            i,
            GraphToTable::Edges {
                source_id,
                target_id,
            },
        )
    } else {
        return i.fail_expected("`nodes` or `edges`");
    };
    if i.at_word("as") || i.at(&TokenKind::Comma) {
        let span = i.peek().span;
        return Err(i.not_supported(
            "`graph-to-table` with `as` names (several result tables)",
            span,
        ));
    }
    Ok((i, OperatorKind::GraphToTable(kind)))
}

/// graph_mark_components_operator = "graph-mark-components" [ "kind" "=" ( "weak" | "strong" ) ]
///     [ "with_component_id" "=" name ] ;
pub(super) fn graph_mark_components_operator(mut i: Tokens<'_>) -> PResult<'_, OperatorKind> {
    let mut marks = GraphMarkComponents {
        strong: None,
        component_id: None,
    };
    loop {
        if at_parameter(i, "kind") {
            let (rest, strong) = parameter_word(i, "kind", &[("weak", false), ("strong", true)])?;
            marks.strong = Some(strong);
            i = rest;
        } else if at_parameter(i, "with_component_id") {
            let (rest, id) = name_parameter(i, "a property name")?;
            marks.component_id = Some(id);
            i = rest;
        } else {
            break;
        }
    }
    Ok((i, OperatorKind::GraphMarkComponents(marks)))
}
