//! Diagnostics: codes, messages and the exact spot they point at.

use super::*;
use crate::diagnostic::Code;

/// (query, code, message, the text under the span — empty for a position).
const CASES: &[(&str, Code, &str, &str)] = &[
    (
        "Events\n| where Verb == ",
        Code::ExpectedExpression,
        "expected an expression after `==`, found end of input",
        "",
    ),
    (
        "T | wher x > 1",
        Code::UnknownOperator,
        "unknown operator `wher`, did you mean `where`?",
        "wher",
    ),
    (
        "T | Where x > 1",
        Code::UnknownOperator,
        "unknown operator `Where`, did you mean `where`?",
        "Where",
    ),
    (
        "T | mv-expnad x",
        Code::UnknownOperator,
        "unknown operator `mv-expnad`, did you mean `mv-expand`?",
        "mv-expnad",
    ),
    (
        "T | frobnicate",
        Code::UnknownOperator,
        "unknown operator `frobnicate`",
        "frobnicate",
    ),
    (
        "T | summarize count() byy x",
        Code::UnexpectedToken,
        "expected `,`, `by`, `|`, `;` or end of input, found `byy`",
        "byy",
    ),
    (
        "T | where x == \"abc\n| take 1",
        Code::UnterminatedString,
        "unterminated string literal",
        "\"abc",
    ),
    (
        "T | mv-apply x on (take 1) | reduce by x",
        Code::NotSupported,
        "the `reduce` operator is not supported yet",
        "reduce",
    ),
    (
        "T | project",
        Code::ExpectedExpression,
        "expected an expression after `project`, found end of input",
        "",
    ),
    (
        "T | where",
        Code::ExpectedExpression,
        "expected an expression after `where`, found end of input",
        "",
    ),
    (
        "T | where | take 1",
        Code::ExpectedExpression,
        "expected an expression after `where`, found `|`",
        "|",
    ),
    (
        "T |",
        Code::UnexpectedToken,
        "expected a tabular operator after `|`, found end of input",
        "",
    ),
    (
        "T | where x = 1",
        Code::UnexpectedToken,
        "expected `|`, `;` or end of input, found `=`",
        "=",
    ),
    (
        "T | join U",
        Code::UnexpectedToken,
        "expected `on`, found end of input",
        "",
    ),
    (
        "print (1 + 2",
        Code::UnexpectedToken,
        "expected `)`, found end of input",
        "",
    ),
    (
        "print dynamic({'a' 1})",
        Code::UnexpectedToken,
        "expected `:`, found `1`",
        "1",
    ),
    (
        "print 12abc",
        Code::InvalidLiteral,
        "invalid number `12abc`",
        "12abc",
    ),
    (
        "print time(1x)",
        Code::InvalidLiteral,
        "invalid timespan literal `1x`",
        "1x",
    ),
    (
        "print 99999999999999999999",
        Code::InvalidLiteral,
        "integer literal `99999999999999999999` is too large for a long",
        "99999999999999999999",
    ),
    (
        "print 9223372036854775808",
        Code::InvalidLiteral,
        "integer literal `9223372036854775808` is out of range for a long",
        "9223372036854775808",
    ),
    (
        "print int(1.5)",
        Code::InvalidLiteral,
        "expected an integer or `null` inside `int(...)`, found `1.5`",
        "1.5",
    ),
    (
        "print int(3000000000)",
        Code::InvalidLiteral,
        "value is out of range for an int",
        "3000000000",
    ),
    (
        "let = 1; T",
        Code::UnexpectedToken,
        "expected a name after `let`, found `=`",
        "=",
    ),
    (
        "T | where x has",
        Code::ExpectedExpression,
        "expected an expression after `has`, found end of input",
        "",
    ),
    (
        "T | where not x",
        Code::ExpectedExpression,
        "expected an expression, found `not`",
        "not",
    ),
    (
        "1 + 2",
        Code::UnexpectedToken,
        "expected a tabular expression (a table name, a function call, or a query in \
         parentheses)",
        "1 + 2",
    ),
    ("// nothing", Code::SyntaxError, "the query is empty", ""),
    (
        "T | sort x",
        Code::UnexpectedToken,
        "expected `by`, found `x`",
        "x",
    ),
    (
        "T | extend x = 1 y = 2",
        Code::UnexpectedToken,
        "expected `,`, `|`, `;` or end of input, found `y`",
        "y",
    ),
    (
        "T | where x in 1",
        Code::UnexpectedToken,
        "expected `(` after `in`, found `1`",
        "1",
    ),
    (
        "T | join kind=outer U on x",
        Code::InvalidParameter,
        "`outer` is not a valid value for `kind`",
        "outer",
    ),
    (
        "datatable(a:lon) [1]",
        Code::UnexpectedToken,
        "unknown type `lon`",
        "lon",
    ),
    (
        "T | where x # 1",
        Code::InvalidCharacter,
        "unexpected character `#`",
        "#",
    ),
    (
        "T | evaluate bag_unpack(x) | facet by x",
        Code::NotSupported,
        "the `facet` operator is not supported yet",
        "facet",
    ),
    (
        "T | top-nested 3 of x by count(), top 2 of y by count()",
        Code::UnexpectedToken,
        "expected `top-nested` after `,`",
        "top",
    ),
    (
        "T | partition by x { T | take 1 }",
        Code::NotSupported,
        "the `partition ... { ... }` form is not supported yet; write `( ... )`",
        "{",
    ),
    (
        "T | where x > 1 | reduce by x",
        Code::NotSupported,
        "the `reduce` operator is not supported yet",
        "reduce",
    ),
    (
        "T | make-graph a --> b with N on id partitioned-by t (graph-to-table nodes)",
        Code::NotSupported,
        "`make-graph ... partitioned-by` is not supported yet",
        "partitioned-by",
    ),
    (
        "T | where x == 'a' and",
        Code::ExpectedExpression,
        "expected an expression after `and`, found end of input",
        "",
    ),
    (
        "T | project a,",
        Code::ExpectedExpression,
        "expected an expression after `,`, found end of input",
        "",
    ),
    (
        "T | take 1 |",
        Code::UnexpectedToken,
        "expected a tabular operator after `|`, found end of input",
        "",
    ),
    (
        "T | where a.",
        Code::UnexpectedToken,
        "expected a property name after `.`, found end of input",
        "",
    ),
    (
        "T | summarize",
        Code::ExpectedExpression,
        "expected an aggregation or `by` after `summarize`, found end of input",
        "",
    ),
    (
        "T | top 5",
        Code::UnexpectedToken,
        "expected `by`, found end of input",
        "",
    ),
    (
        "print f(1, 2",
        Code::UnexpectedToken,
        "expected `,` or `)`, found end of input",
        "",
    ),
    (
        "print datetime(2020-01-01",
        Code::InvalidLiteral,
        "`datetime(` literal is not closed with `)`",
        "datetime(2020-01-01",
    ),
    (
        "T | where x == 1 | sort by y ascending",
        Code::UnexpectedToken,
        "expected `asc`, `desc`, `nulls`, `,`, `|`, `;` or end of input, found `ascending`",
        "ascending",
    ),
    (
        "print '\\u12'",
        Code::InvalidLiteral,
        "`\\u` must be followed by four hexadecimal digits",
        "\\u",
    ),
    (
        "let f = (a) { a }; f(1)",
        Code::UnexpectedToken,
        "expected `:` and a type, found `)`",
        ")",
    ),
    (
        "T | where ['unterminated",
        Code::UnterminatedString,
        "unterminated string literal",
        "'unterminated",
    ),
    (
        "T | where x ! has 'a'",
        Code::UnexpectedToken,
        "expected `|`, `;` or end of input, found `!`",
        "!",
    ),
    (
        "T | where * has 'x'",
        Code::NotSupported,
        "`*` as an operand (a search of every column) is not supported yet",
        "*",
    ),
    (
        "T | join kind=inner on x",
        Code::UnexpectedToken,
        "expected a table name or a query in parentheses, found `on`",
        "on",
    ),
    (
        "T | where $left.x == 1 and $foo",
        Code::ExpectedExpression,
        "expected an expression after `and`, found `$foo`",
        "$foo",
    ),
];

#[test]
fn diagnostics_point_at_the_failing_spot() {
    for (query, code, message, under) in CASES {
        let diagnostic = error(query);
        let rendered = diagnostic.render(query);
        assert_eq!(diagnostic.code, *code, "{query}\n{rendered}");
        assert_eq!(diagnostic.message, *message, "{query}\n{rendered}");
        let span = diagnostic
            .span
            .unwrap_or_else(|| panic!("no span: {rendered}"));
        assert_eq!(&query[span.start..span.end], *under, "{query}\n{rendered}");
    }
}

#[test]
fn end_of_input_errors_point_after_the_last_token() {
    let query = "Events\n| where Verb == \n\n";
    let diagnostic = error(query);
    assert_eq!(diagnostic.span.map(|s| s.start), Some(22));
    assert_eq!(
        diagnostic.render(query),
        "error[KQL0003]: expected an expression after `==`, found end of input\n \
         --> line 2, column 16\n  |\n2 | | where Verb ==\n  |                ^ here\n"
    );
}

#[test]
fn helps_and_suggestions() {
    let diagnostic = error("T | summarize count() byy x");
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `by`?"));
    let diagnostic = error("T | where not x");
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("negation is the function `not(expr)` in KQL")
    );
    let diagnostic = error("T | where x = 1");
    assert_eq!(diagnostic.help.as_deref(), Some("to compare, write `==`"));
    let diagnostic = error("datatable(a:lon) [1]");
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `long`?"));
    let diagnostic = error("1 + 2");
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("to return a scalar value as a table, write `print <expression>`")
    );
    let diagnostic = error("T | join kind=leftoutr U on x");
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("did you mean `leftouter`?")
    );
}

#[test]
fn every_unsupported_operator_is_named() {
    for name in unsupported_operators() {
        let query = format!("T | where x | {name} something (else) | take 1");
        let diagnostic = error(&query);
        assert_eq!(diagnostic.code, Code::NotSupported, "{name}");
        let span = diagnostic.span.unwrap_or_default();
        assert_eq!(&query[span.start..span.end], *name);
    }
    for statement in [
        "declare query_parameters(a:long)",
        "alias database x",
        "restrict access to (T)",
        "pattern P",
    ] {
        let diagnostic = error(&format!("{statement};\nT"));
        assert_eq!(diagnostic.code, Code::NotSupported, "{statement}");
    }
    for source in [
        "find 'x'",
        "search 'x'",
        "externaldata(a:string) ['u']",
        "evaluate python(x)",
        "database('d').T",
        "cluster('c').database('d').T",
    ] {
        let diagnostic = error(source);
        assert_eq!(diagnostic.code, Code::NotSupported, "{source}");
    }
    // A table named like a statement or a source keyword is still a table.
    round_trip("set | take 1");
    // `set` statements parse (the planner decides which options it honours).
    round_trip("set query_now = datetime(2025-01-01);\nset notruncation;\nT");
    round_trip("search | count");
}

#[test]
fn every_supported_operator_is_accepted() {
    let example = |name: &str| -> String {
        match name {
            "where" | "filter" => format!("T | {name} x"),
            "extend" | "project" | "serialize" => format!("T | {name} x = 1"),
            "project-away" | "project-keep" | "project-reorder" => format!("T | {name} x"),
            "project-rename" => format!("T | {name} x = y"),
            "summarize" => format!("T | {name} count()"),
            "count" | "getschema" => format!("T | {name}"),
            "take" | "limit" => format!("T | {name} 1"),
            "sort" | "order" => format!("T | {name} by x"),
            "top" => format!("T | {name} 1 by x"),
            "distinct" => format!("T | {name} x"),
            "mv-expand" => format!("T | {name} x"),
            "parse" | "parse-where" => format!("T | {name} x with * 'a' y"),
            "top-nested" => format!("T | {name} 3 of x by count(), {name} of y by m = max(z) asc"),
            "partition" => format!("T | {name} by x (top 1 by y)"),
            "parse-kv" => format!("T | {name} x as (a:long) with (quote='\"')"),
            "join" | "lookup" => format!("T | {name} U on x"),
            "union" => format!("T | {name} U"),
            "as" => format!("T | {name} X"),
            "invoke" => format!("T | {name} f()"),
            "render" => format!("T | {name} table"),
            "evaluate" => format!("T | {name} bag_unpack(x)"),
            "mv-apply" => format!("T | {name} x on (take 1)"),
            "make-series" => format!("T | {name} count() on t step 1h"),
            "scan" => format!("T | {name} with (step s: true)"),
            "make-graph" => format!("T | {name} a --> b with_node_id=id | graph-to-table nodes"),
            "graph-match" | "graph-shortest-paths" => {
                format!("T | make-graph a --> b | {name} (x)-[e]->(y) project x.id")
            }
            "graph-to-table" => format!("T | make-graph a --> b | {name} edges"),
            "graph-mark-components" => {
                format!("T | make-graph a --> b | {name} | graph-to-table nodes")
            }
            "project-by-names" => format!("T | {name} \"x\", dynamic([\"y\"])"),
            "top-hitters" => format!("T | {name} 5 of x by y"),
            "sample" => format!("T | {name} 10"),
            "sample-distinct" => format!("T | {name} 10 of x"),
            other => panic!("no example for {other}"),
        }
    };
    for name in supported_operators() {
        round_trip(&example(name));
    }
}
