//! Hostile input: nesting limits, and no panic on any text.

use super::*;
use crate::diagnostic::Code;
use proptest::prelude::*;

#[track_caller]
fn assert_depth_error(query: &str) {
    match parse(query) {
        Err(diagnostic) => assert_eq!(diagnostic.code, Code::DepthLimit, "{}", diagnostic.message),
        Ok(_) => panic!("parsed a query that exceeds the limits"),
    }
}

#[test]
fn nesting_up_to_the_limit_parses() {
    for query in nested_queries(MAX_NESTING - 2) {
        round_trip(&query);
    }
    let chain = vec!["a"; MAX_TREE_DEPTH - 10].join(" + ");
    round_trip(&format!("print {chain}"));
    let members = vec!["a"; MAX_TREE_DEPTH - 10].join(".");
    round_trip(&format!("print {members}"));
}

#[test]
fn deeper_nesting_is_a_diagnostic() {
    for depth in [MAX_NESTING + 5, 10_000] {
        for query in nested_queries(depth) {
            assert_depth_error(&query);
        }
        assert_depth_error(&format!("print {}", "(".repeat(depth)));
        assert_depth_error(&format!("print dynamic({}", "[".repeat(depth)));
        assert_depth_error(&format!("print dynamic({}", "{\"a\":".repeat(depth)));
        assert_depth_error(&format!("T | where x in {}1", "(x in ".repeat(depth)));
    }
    let chain = vec!["a"; 100_000].join(" + ");
    assert_depth_error(&format!("print {chain}"));
    let members = vec!["a"; 100_000].join(".");
    assert_depth_error(&format!("print {members}"));
    let indexes = "[0]".repeat(100_000);
    assert_depth_error(&format!("print a{indexes}"));
}

/// Queries nested `depth` levels deep in each of the ways the parser recurses.
fn nested_queries(depth: usize) -> Vec<String> {
    vec![
        format!("print {}1{}", "(".repeat(depth), ")".repeat(depth)),
        format!("print {}1{}", "f(".repeat(depth), ")".repeat(depth)),
        format!("print {}x", "-".repeat(depth)),
        format!("{}T{}", "(".repeat(depth), ")".repeat(depth)),
        format!("T{}", " | where x in (T".repeat(depth) + &")".repeat(depth)),
        format!("print {}1{}", "x[".repeat(depth), "]".repeat(depth)),
        format!("print dynamic({}1{})", "[".repeat(depth), "]".repeat(depth)),
        format!("T{}", " | join (T".repeat(depth) + &") on x".repeat(depth)),
        format!(
            "{}1{}",
            "let f = () { ".repeat(depth),
            " }; f()".repeat(depth)
        ),
    ]
}

#[test]
fn the_limits_fit_a_small_stack() {
    // Debug builds use the most stack (about 13.5 KiB per level at worst); 1 MiB is half of what
    // a test thread or a tokio worker has.
    let mut queries = nested_queries(MAX_NESTING - 2);
    queries.push(format!(
        "print {}",
        vec!["a.b[0]"; MAX_TREE_DEPTH / 4].join(" + ")
    ));
    queries.push(format!(
        "print {}",
        vec!["a"; MAX_TREE_DEPTH - 10].join(" or ")
    ));
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            queries
                .iter()
                .map(|query| {
                    let parsed = parse(query).map_err(|d| d.message)?;
                    let printed = parsed.to_string();
                    let reparsed = parse(&printed).map_err(|d| d.message)?;
                    Ok::<bool, String>(reparsed == parsed)
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let results = handle.join().unwrap_or_default();
    assert_eq!(results.len(), nested_queries(1).len() + 2);
    for result in results {
        assert_eq!(result, Ok(true));
    }
}

#[test]
fn long_flat_queries_are_fine() {
    let pipeline = format!("T{}", " | take 1".repeat(10_000));
    assert_eq!(tabular(&round_trip(&pipeline)).operators.len(), 10_000);
    let list = vec!["1"; 10_000].join(", ");
    round_trip(&format!("T | where x in ({list})"));
    let statements = "let a = 1;\n".repeat(5_000);
    round_trip(&format!("{statements}print a"));
}

/// Every prefix and every one-character deletion of the hunts: no panic, and any error points
/// inside the text, on character boundaries.
#[test]
fn truncated_and_damaged_hunts_do_not_panic() {
    let check = |text: &str| {
        if let Err(diagnostic) = parse(text) {
            let span = diagnostic.span.unwrap_or_default();
            assert!(span.start <= span.end && span.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let _ = diagnostic.render(text);
        }
    };
    for (_, hunt) in HUNTS {
        for (i, _) in hunt.char_indices() {
            check(&hunt[..i]);
            let mut damaged = hunt.to_string();
            damaged.remove(i);
            check(&damaged);
        }
    }
}

/// Characters that matter to the lexer, plus some that do not belong in KQL.
const ALPHABET: &[&str] = &[
    "T",
    "x",
    "where",
    "extend",
    "project",
    "by",
    "summarize",
    "let",
    "in",
    "!in~",
    "has",
    "and",
    "or",
    "datetime(",
    "time(",
    "dynamic(",
    "real(",
    "long(",
    "print",
    "datatable",
    "range",
    "union",
    "join",
    "on",
    "$left",
    "mv-expand",
    "-",
    "1",
    "1.5",
    "1d",
    "0x",
    ".5",
    "e",
    "\"",
    "'",
    "@",
    "h",
    "\\",
    "`",
    "```",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "|",
    ",",
    ";",
    ":",
    "=",
    "==",
    "!",
    "~",
    ".",
    "..",
    "*",
    "/",
    "//",
    "+",
    "<",
    ">",
    " ",
    "\n",
    "\t",
    "é",
    "日",
    "😀",
    "\u{0}",
    "#",
    "?",
];

proptest! {
    // Failures are not persisted to files: shrunk cases worth keeping go into the tests as text.
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
        let _ = parse(&text).map_err(|d| d.render(&text));
        let _ = parse_expression(&text);
    }

    #[test]
    fn token_soup_never_panics(pieces in prop::collection::vec(prop::sample::select(ALPHABET), 0..60)) {
        let text: String = pieces.concat();
        match parse(&text) {
            Ok(query) => {
                // Whatever parses must print to text that parses to the same tree.
                let printed = query.to_string();
                prop_assert_eq!(parse(&printed).ok(), Some(query), "{}", printed);
            }
            Err(diagnostic) => {
                let span = diagnostic.span.unwrap_or_default();
                prop_assert!(span.end <= text.len());
                let _ = diagnostic.render(&text);
            }
        }
    }

    #[test]
    fn edited_corpus_queries_never_panic(
        index in 0..super::parsing::CORPUS.len(),
        position in 0usize..200,
        insert in prop::sample::select(ALPHABET),
    ) {
        let query = super::parsing::CORPUS[index];
        let mut at = position.min(query.len());
        while !query.is_char_boundary(at) {
            at -= 1;
        }
        let edited = format!("{}{insert}{}", &query[..at], &query[at..]);
        if let Ok(parsed) = parse(&edited) {
            let printed = parsed.to_string();
            prop_assert_eq!(parse(&printed).ok(), Some(parsed), "{}", printed);
        }
    }

    #[test]
    fn numeric_literals_never_panic(
        number in "-?[0-9]{0,45}(\\.[0-9]{0,45})?(e[+-]?[0-9]{1,4})?(d|h|ms|tick|x)?",
        clock in "-?[0-9]{0,40}(\\.[0-9]{0,40})?(:[0-9]{0,40}){0,3}(\\.[0-9]{0,12})?(d|h|tick)?",
    ) {
        for text in [format!("print {number}"), format!("print time({clock})"), format!("print dynamic([{number}])")] {
            if let Ok(parsed) = parse(&text) {
                let printed = parsed.to_string();
                prop_assert_eq!(parse(&printed).ok(), Some(parsed), "{}", printed);
            }
        }
    }

    /// Printing adds the parentheses that precedence needs: a tree without parentheses prints
    /// to text that parses back to the same tree.
    #[test]
    fn printing_respects_precedence(text in expression_text()) {
        let parsed = strip_parens(expr(&text));
        let printed = parsed.to_string();
        let reparsed = parse_expression(&printed).map(strip_parens);
        prop_assert_eq!(reparsed.ok(), Some(parsed), "{} printed as {}", text, printed);
    }
}

fn expression_text() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "a",
        "b",
        "Col",
        "1",
        "0",
        "-2",
        "1.5",
        "-0.5",
        "2d",
        "-1h",
        "'s'",
        "true",
        "x.y",
        "f()",
        "datetime(2020-01-01)",
        "dynamic([1])",
        "real(nan)",
        "int(-3)",
    ])
    .prop_map(str::to_string);
    leaf.prop_recursive(5, 40, 3, |inner| {
        let op = prop::sample::select(vec![
            "or",
            "and",
            "==",
            "!=",
            "<",
            ">=",
            "=~",
            "has",
            "!contains",
            "startswith_cs",
            "matches regex",
            "+",
            "-",
            "*",
            "/",
            "%",
        ]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(l, op, r)| format!("{l} {op} {r}")),
            inner.clone().prop_map(|e| format!("({e})")),
            inner.clone().prop_map(|e| format!("-{e}")),
            inner.clone().prop_map(|e| format!("({e}).m")),
            inner.clone().prop_map(|e| format!("({e})[0]")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("g({a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} in ({b}, 1)")),
            (inner.clone(), inner.clone(), inner)
                .prop_map(|(a, b, c)| format!("{a} !between ({b} .. {c})")),
        ]
    })
}

/// The same tree without `Paren` nodes.
fn strip_parens(expr: Expr) -> Expr {
    let boxed = |e: Box<Expr>| Box::new(strip_parens(*e));
    let kind = match expr.kind {
        ExprKind::Paren(inner) => return strip_parens(*inner),
        ExprKind::Member { base, name } => ExprKind::Member {
            base: boxed(base),
            name,
        },
        ExprKind::Index { base, index } => ExprKind::Index {
            base: boxed(base),
            index: boxed(index),
        },
        ExprKind::Call(call) => ExprKind::Call(FunctionCall {
            name: call.name,
            args: call.args.into_iter().map(strip_parens).collect(),
        }),
        ExprKind::Unary { op, operand } => ExprKind::Unary {
            op,
            operand: boxed(operand),
        },
        ExprKind::Binary { op, left, right } => ExprKind::Binary {
            op,
            left: boxed(left),
            right: boxed(right),
        },
        ExprKind::List { op, expr, list } => ExprKind::List {
            op,
            expr: boxed(expr),
            list: list.into_iter().map(strip_parens).collect(),
        },
        ExprKind::Between {
            negated,
            expr,
            low,
            high,
        } => ExprKind::Between {
            negated,
            expr: boxed(expr),
            low: boxed(low),
            high: boxed(high),
        },
        other => other,
    };
    Expr::new(kind, expr.span)
}
