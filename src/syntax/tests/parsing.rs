//! What the parser builds: hunts, literals, precedence, operators and spans.

use super::*;
use crate::diagnostic::Span;

#[test]
fn the_hunts_parse_verbatim_and_round_trip() {
    for (name, hunt) in HUNTS {
        let query = round_trip(hunt);
        assert_eq!(query.statements.len(), 1, "{name}");
        let tabular = tabular(&query);
        assert!(
            matches!(&tabular.source.kind, SourceKind::Table(t) if t.name == "CloudAuditEvents"),
            "{name}"
        );
        let last = tabular.operators.last().map(|op| op.kind.name());
        assert_eq!(last, Some("project"), "{name}");
    }
}

#[test]
fn privileged_pod_structure() {
    let query = round_trip(PRIVILEGED_POD);
    let tabular = tabular(&query);
    assert_eq!(tabular.operators.len(), 12);
    let OperatorKind::Where(condition) = &tabular.operators[3].kind else {
        panic!("{:?}", tabular.operators[3]);
    };
    assert_eq!(
        sx(condition),
        "(and (== (. (. RawEventData ObjectRef) resource) \"pods\") \
         (isnull (. (. RawEventData ObjectRef) subresource)))"
    );
    let OperatorKind::MvExpand(expand) = &tabular.operators[7].kind else {
        panic!("{:?}", tabular.operators[7]);
    };
    assert_eq!(expand.items.len(), 1);
    assert_eq!(
        expand.items[0].name.as_ref().map(|n| n.name.as_str()),
        Some("Container")
    );
    let OperatorKind::Project(columns) = &tabular.operators[11].kind else {
        panic!("{:?}", tabular.operators[11]);
    };
    let names: Vec<String> = columns.iter().map(|c| sx(&c.expr)).collect();
    assert_eq!(names.len(), 9);
    assert_eq!(names[1], "AzureResourceId");
    assert_eq!(
        tabular.to_string().lines().count(),
        1,
        "printed on one line"
    );
}

#[test]
fn exec_kube_system_structure() {
    let query = round_trip(EXEC_KUBE_SYSTEM);
    let operators = &tabular(&query).operators;
    let OperatorKind::Where(condition) = &operators[11].kind else {
        panic!("{:?}", operators[11]);
    };
    assert_eq!(
        sx(condition),
        "(and (and (!startswith PodName \"tunnelfront-\") (!startswith PodName \
         \"konnectivity-\")) (!startswith PodName \"aks-link\"))"
    );
    let OperatorKind::Extend(items) = &operators[12].kind else {
        panic!("{:?}", operators[12]);
    };
    let ExprKind::Call(call) = &items[0].expr.kind else {
        panic!("{:?}", items[0]);
    };
    assert_eq!(call.name.name, "extract_all");
    assert_eq!(
        call.args[0].kind,
        ExprKind::Literal(Literal::String(r"command=([^\&]*)".into()))
    );
}

#[test]
fn cluster_admin_binding_structure() {
    let query = round_trip(CLUSTER_ADMIN_BINDING);
    let operators = &tabular(&query).operators;
    let OperatorKind::Extend(items) = &operators[7].kind else {
        panic!("{:?}", operators[7]);
    };
    assert_eq!(sx(&items[0].expr), "(tostring ([] Subject \"kind\"))");
    // `//Remove FP` is a comment: the condition ends at the string.
    let OperatorKind::Where(condition) = &operators[10].kind else {
        panic!("{:?}", operators[10]);
    };
    assert_eq!(sx(condition), "(!= ActionTakenBy \"acsService\")");
    let start = CLUSTER_ADMIN_BINDING
        .find("ActionTakenBy !=")
        .unwrap_or_default();
    assert_eq!(
        &CLUSTER_ADMIN_BINDING[condition.span.start..condition.span.end],
        "ActionTakenBy != \"acsService\""
    );
    assert_eq!(condition.span.start, start);
}

#[test]
fn parsing_a_hunt_takes_well_under_a_millisecond() {
    for (name, hunt) in HUNTS {
        let runs = 200;
        let started = std::time::Instant::now();
        for _ in 0..runs {
            assert!(parse(hunt).is_ok());
        }
        let each = started.elapsed() / runs;
        eprintln!("{name}: {each:?} per parse");
        // Release builds take about 20 µs; unoptimised test builds about ten times more.
        let bound = if cfg!(debug_assertions) { 5_000 } else { 1_000 };
        assert!(each.as_micros() < bound, "{name}: {each:?}");
    }
}

#[test]
fn literals() {
    let cases: &[(&str, Literal)] = &[
        ("1", Literal::Long(1)),
        ("-1", Literal::Long(-1)),
        ("0x1F", Literal::Long(31)),
        ("-9223372036854775808", Literal::Long(i64::MIN)),
        ("long(5)", Literal::Long(5)),
        ("long(-5)", Literal::Long(-5)),
        ("int(5)", Literal::Int(5)),
        ("int(-2147483648)", Literal::Int(i32::MIN)),
        ("1.5", Literal::Real(1.5)),
        ("1e3", Literal::Real(1000.0)),
        (".5", Literal::Real(0.5)),
        ("-2.5e-3", Literal::Real(-0.0025)),
        ("real(1)", Literal::Real(1.0)),
        ("real(nan)", Literal::Real(f64::NAN)),
        ("real(+inf)", Literal::Real(f64::INFINITY)),
        ("real(-inf)", Literal::Real(f64::NEG_INFINITY)),
        ("double(2.5)", Literal::Real(2.5)),
        ("true", Literal::Bool(true)),
        ("False", Literal::Bool(false)),
        ("bool(true)", Literal::Bool(true)),
        ("bool(null)", Literal::Null(ScalarType::Bool)),
        ("long(null)", Literal::Null(ScalarType::Long)),
        ("real(null)", Literal::Null(ScalarType::Real)),
        ("datetime(null)", Literal::Null(ScalarType::DateTime)),
        ("time(null)", Literal::Null(ScalarType::TimeSpan)),
        ("guid(null)", Literal::Null(ScalarType::Guid)),
        ("decimal(null)", Literal::Null(ScalarType::Decimal)),
        ("dynamic(null)", Literal::Null(ScalarType::Dynamic)),
        (
            "datetime(2015-12-31)",
            Literal::DateTime("2015-12-31".into()),
        ),
        (
            "datetime( 2015-12-31 23:59:59.9 )",
            Literal::DateTime("2015-12-31 23:59:59.9".into()),
        ),
        (
            "datetime(2015-12-31T23:59:59Z)",
            Literal::DateTime("2015-12-31T23:59:59Z".into()),
        ),
        ("date(2015-12-31)", Literal::DateTime("2015-12-31".into())),
        ("1d", Literal::TimeSpan(864_000_000_000)),
        ("2h", Literal::TimeSpan(72_000_000_000)),
        ("30m", Literal::TimeSpan(18_000_000_000)),
        ("10s", Literal::TimeSpan(100_000_000)),
        ("100ms", Literal::TimeSpan(1_000_000)),
        ("5microsecond", Literal::TimeSpan(50)),
        ("10tick", Literal::TimeSpan(10)),
        ("1.5h", Literal::TimeSpan(54_000_000_000)),
        ("-1d", Literal::TimeSpan(-864_000_000_000)),
        ("time(1.02:03:04)", Literal::TimeSpan(937_840_000_000)),
        ("timespan(2d)", Literal::TimeSpan(1_728_000_000_000)),
        ("time(2)", Literal::TimeSpan(1_728_000_000_000)),
        (
            "guid(74be27de-1e4e-49d9-b579-fe0b331d3642)",
            Literal::Guid("74be27de-1e4e-49d9-b579-fe0b331d3642".into()),
        ),
        ("decimal(1.5)", Literal::Decimal("1.5".into())),
        (r#""a\"b""#, Literal::String("a\"b".into())),
        (r"'a\'b'", Literal::String("a'b".into())),
        (r#""\\ \n \t \u00e9""#, Literal::String("\\ \n \t é".into())),
        (
            r#"@"c:\dir ""x""""#,
            Literal::String("c:\\dir \"x\"".into()),
        ),
        (r"@'it''s'", Literal::String("it's".into())),
        (r#"h"secret""#, Literal::String("secret".into())),
        (r#"h@"sec\ret""#, Literal::String("sec\\ret".into())),
        ("\"a\" 'b' @\"c\"", Literal::String("abc".into())),
        ("```multi\nline```", Literal::String("multi\nline".into())),
    ];
    for (text, expected) in cases {
        let parsed = expr(text);
        assert_eq!(parsed.kind, ExprKind::Literal(expected.clone()), "{text}");
        assert_eq!(parsed.span, Span::new(0, text.len()), "{text}");
        round_trip(&format!("print {text}"));
    }
}

#[test]
fn dynamic_literals() {
    let parsed = expr(
        r#"dynamic({"a": [1, -2, 2.5, "x", true, null], 'b': {"c": datetime(2020-01-01), "d": 1h}, "e": dynamic({})})"#,
    );
    let ExprKind::Literal(Literal::Dynamic(Dynamic::Object(members))) = &parsed.kind else {
        panic!("{parsed:?}");
    };
    assert_eq!(members.len(), 3);
    assert_eq!(
        members[0].1,
        Dynamic::Array(vec![
            Dynamic::Long(1),
            Dynamic::Long(-2),
            Dynamic::Real(2.5),
            Dynamic::String("x".into()),
            Dynamic::Bool(true),
            Dynamic::Null,
        ])
    );
    assert_eq!(
        members[1].1,
        Dynamic::Object(vec![
            ("c".into(), Dynamic::DateTime("2020-01-01".into())),
            ("d".into(), Dynamic::TimeSpan(36_000_000_000)),
        ])
    );
    assert_eq!(members[2].1, Dynamic::Object(Vec::new()));
    round_trip(&format!("print {parsed}"));
    assert_eq!(expr("dynamic([])").to_string(), "dynamic([])");
    assert_eq!(expr("dynamic('s')").to_string(), "dynamic(\"s\")");
}

#[test]
fn precedence() {
    let cases = [
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a == 1 and b != 2", "(and (== a 1) (!= b 2))"),
        ("a + b * c", "(+ a (* b c))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b % c", "(% (/ a b) c)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("-a.b", "(Neg (. a b))"),
        ("- -1", "(Neg -1)"),
        ("a - -1", "(- a -1)"),
        ("-x * 2", "(* (Neg x) 2)"),
        ("a + 1 > b * 2", "(> (+ a 1) (* b 2))"),
        (
            "x has 'a' and y !contains_cs 'b'",
            "(and (has x \"a\") (!contains_cs y \"b\"))",
        ),
        (
            "x matches regex 'a+' or z",
            "(or (matches regex x \"a+\") z)",
        ),
        (
            "x in (1, 2) and y !in~ ('a')",
            "(and (in x [1 2]) (!in~ y [\"a\"]))",
        ),
        ("x has_any ('a', 'b')", "(has_any x [\"a\" \"b\"])"),
        ("x + 1 between (1 .. 2 + 3)", "(between (+ x 1) 1 (+ 2 3))"),
        ("x !between (1 .. 2)", "(!between x 1 2)"),
        ("not(a) or b", "(or (not a) b)"),
        ("a.b.c[0][-1]", "([] ([] (. (. a b) c) 0) -1)"),
        ("a['k.e/y'].c", "(. ([] a \"k.e/y\") c)"),
        ("a.[b]", "([] a b)"),
        ("$left.a == $right.b", "(== Left.a Right.b)"),
        ("f(*, x, g())", "(f * x (g ))"),
        ("x =~ 'A' and y !~ 'b'", "(and (=~ x \"A\") (!~ y \"b\"))"),
        ("a < b == true", "(== (< a b) true)"),
        ("['a b'] + ['by']", "(+ a b by)"),
        (
            "a.type + a.kind + a.in",
            "(+ (+ (. a type) (. a kind)) (. a in))",
        ),
        (
            "pow(base = 2, exponent = 3)",
            "(pow (= base 2) (= exponent 3))",
        ),
    ];
    for (text, expected) in cases {
        let parsed = expr(text);
        assert_eq!(sx(&parsed), expected, "{text}");
        assert_eq!(sx(&expr(&parsed.to_string())), expected, "{text} printed");
    }
}

#[test]
fn every_binary_operator_parses_and_prints() {
    for op in BinaryOp::ALL {
        let text = format!("a {} b", op.as_str());
        let parsed = expr(&text);
        assert!(
            matches!(&parsed.kind, ExprKind::Binary { op: found, .. } if found == op),
            "{text}: {parsed:?}"
        );
        assert_eq!(parsed.to_string(), text);
    }
    for op in ListOp::ALL {
        let text = format!("a {} (1, 2)", op.as_str());
        assert_eq!(expr(&text).to_string(), text);
    }
}

#[test]
fn spans_cover_their_text() {
    let text = "let x = 5;\nEvents\n| where Verb == \"get\" and Code > x\n| project a, b = c.d";
    let query = round_trip(text);
    assert_eq!(query.statements.len(), 2);
    let slice = |span: Span| &text[span.start..span.end];
    assert_eq!(slice(query.statements[0].span), "let x = 5");
    let tabular = tabular(&query);
    assert_eq!(slice(tabular.source.span), "Events");
    assert_eq!(
        slice(tabular.operators[0].span),
        "where Verb == \"get\" and Code > x"
    );
    assert_eq!(slice(tabular.operators[1].span), "project a, b = c.d");
    let OperatorKind::Where(condition) = &tabular.operators[0].kind else {
        panic!();
    };
    assert_eq!(slice(condition.span), "Verb == \"get\" and Code > x");
    let ExprKind::Binary { left, right, .. } = &condition.kind else {
        panic!();
    };
    assert_eq!(slice(left.span), "Verb == \"get\"");
    assert_eq!(slice(right.span), "Code > x");
    assert_eq!(slice(tabular.span), &text[11..]);
}

#[test]
fn equality_ignores_spans_and_layout() {
    let a = parse("T|where x==1|project a,b").unwrap_or_else(|e| panic!("{e}"));
    let b = parse("T\n| where x == 1 // c\n| project a, b\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b);
    assert_ne!(
        a,
        parse("T | where x == 2 | project a, b").unwrap_or_else(|e| panic!("{e}"))
    );
    assert_eq!(a.to_string(), "T | where x == 1 | project a, b");
}

#[test]
fn synonyms_print_as_the_canonical_operator() {
    let query = round_trip("T | filter x | limit 5 | order by y asc");
    assert_eq!(query.to_string(), "T | where x | take 5 | sort by y asc");
}

#[test]
fn operators() {
    let query = round_trip(
        "T | summarize hint.strategy=shuffle Count = count(), dcount(User, 2) by Verb, Hour = bin(Timestamp, 1h)",
    );
    let OperatorKind::Summarize(summarize) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(
        summarize.hints,
        vec![Hint {
            name: "strategy".into(),
            value: "shuffle".into()
        }]
    );
    assert_eq!(summarize.aggregates.len(), 2);
    assert_eq!(summarize.by.len(), 2);
    assert!(matches!(&summarize.by[1].alias, Some(Alias::Name(n)) if n.name == "Hour"));

    let query = round_trip("T | top 10 by x desc nulls last");
    let OperatorKind::Top(top) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(top.key.order, Some(SortOrder::Desc));
    assert_eq!(top.key.nulls, Some(NullsPosition::Last));

    let query = round_trip(
        "T | join kind=leftouter hint.remote=auto (U | where y) on $left.a == $right.b, c",
    );
    let OperatorKind::Join(join) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(join.kind, Some(JoinKind::LeftOuter));
    assert_eq!(join.right.operators.len(), 1);
    assert_eq!(join.on.len(), 2);

    let query = round_trip(
        "T | mv-expand bagexpansion=array with_itemindex=Idx a = x to typeof(long), b limit 10",
    );
    let OperatorKind::MvExpand(expand) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(expand.bag_expansion, Some(BagExpansion::Array));
    assert_eq!(
        expand.with_item_index.as_ref().map(|i| i.name.as_str()),
        Some("Idx")
    );
    assert_eq!(expand.items[0].to_type, Some(ScalarType::Long));
    assert!(expand.limit.is_some());

    let query = round_trip(r#"T | parse kind=regex flags=Ui Uri with * "/ns/" Ns:string "/" Rest"#);
    let OperatorKind::Parse(parse) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(parse.kind, Some(ParseKind::Regex));
    assert_eq!(parse.flags.as_deref(), Some("Ui"));
    assert_eq!(parse.pattern.len(), 5);

    let query =
        round_trip("T | render timechart with (title=\"Events\", ycolumns=a, b, ysplit=axes)");
    let OperatorKind::Render(render) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(render.chart.name, "timechart");
    assert_eq!(render.properties.len(), 3);
    assert_eq!(render.properties[1].values.len(), 2);

    let query =
        round_trip("union withsource=Source kind=outer isfuzzy=true Cloud*, (T | take 1), U");
    let SourceKind::Union(union) = &tabular(&query).source.kind else {
        panic!();
    };
    assert_eq!(
        union.with_source.as_ref().map(|i| i.name.as_str()),
        Some("Source")
    );
    assert_eq!(union.tables[0], UnionTable::Wildcard("Cloud*".into()));
    assert_eq!(union.tables.len(), 3);
}

#[test]
fn scan() {
    let query = round_trip(
        "T | scan with_match_id=Id declare (Total:long = 0, First:datetime) with (\n\
         step s1: Verb == \"create\" => Total = s1.Total + 1, First = Timestamp;\n\
         step s2 optional output=none: Verb == \"get\";\n\
         step s3 output=last: Timestamp - s1.First < 1h)",
    );
    let OperatorKind::Scan(scan) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(scan.match_id.as_ref().map(|i| i.name.as_str()), Some("Id"));
    assert_eq!(scan.declare.len(), 2);
    assert_eq!(scan.declare[0].ty, ScalarType::Long);
    assert!(scan.declare[0].default.is_some());
    assert_eq!(scan.declare[1].ty, ScalarType::DateTime);
    assert!(scan.declare[1].default.is_none());
    let names: Vec<&str> = scan.steps.iter().map(|s| s.name.name.as_str()).collect();
    assert_eq!(names, ["s1", "s2", "s3"]);
    assert_eq!(scan.steps[0].assignments.len(), 2);
    assert_eq!(scan.steps[0].assignments[1].column.name, "First");
    assert_eq!(
        sx(&scan.steps[0].assignments[0].value),
        "(+ (. s1 Total) 1)"
    );
    assert!(!scan.steps[0].optional && scan.steps[1].optional);
    assert_eq!(scan.steps[0].output, None);
    assert_eq!(scan.steps[1].output, Some(ScanOutput::None));
    assert_eq!(scan.steps[2].output, Some(ScanOutput::Last));
    assert_eq!(
        sx(&scan.steps[2].condition),
        "(< (- Timestamp (. s1 First)) 1h)"
    );
    // The canonical form: every step ends with `;`.
    assert_eq!(
        query.to_string(),
        "T | scan with_match_id=Id declare (Total:long = 0, First:datetime) with (\
         step s1: Verb == \"create\" => Total = s1.Total + 1, First = Timestamp; \
         step s2 optional output=none: Verb == \"get\"; \
         step s3 output=last: Timestamp - s1.First < 1h;)"
    );
    // The documented examples' layout.
    round_trip(
        "range x from 1 to 5 step 1 | scan declare (cumulative_x:long=0) with \n(\n    \
         step s1: true => cumulative_x = x + s1.cumulative_x;\n)",
    );
    round_trip("T | scan with (step s: true => x = iff(isnull(x), s.x, x);)");
}

#[test]
fn scan_errors() {
    for (query, message) in [
        ("T | scan with ()", "`step`"),
        ("T | scan with (step s true)", "`:`"),
        ("T | scan with (step s: x; step)", "name of the step"),
        (
            "T | scan with (step s output=first: x;)",
            "not a valid value for `output`",
        ),
        ("T | scan declare (a) with (step s: x;)", "`:`"),
        ("T | scan with (step s: x => y;)", "`=`"),
        ("T | scan with (step s: x step t: y)", "`;`"),
        ("T | scan (step s: x)", "`with`"),
    ] {
        let diagnostic = error(query);
        assert!(
            diagnostic.render(query).contains(message),
            "{query}: {}",
            diagnostic.render(query)
        );
    }
}

#[test]
fn statements_and_functions() {
    let query = round_trip(
        "let n = 5;\nlet T = datatable(a:long, b:string) [1, \"x\", 2, \"y\"];\n\
         let f = (t:(*), k:long = 2, s:string = \"d\") { let m = k * 2; t | take m };\n\
         let g = (x:long) { x + 1 };\nlet V = view () { T };\nf(T) | extend y = g(a)",
    );
    assert_eq!(query.statements.len(), 6);
    let StatementKind::Let(f) = &query.statements[2].kind else {
        panic!();
    };
    let LetValue::Function(function) = &f.value else {
        panic!("{f:?}");
    };
    assert_eq!(function.params.len(), 3);
    assert_eq!(
        function.params[0].ty,
        ParamType::Tabular(TabularSchema {
            columns: Vec::new(),
            open: true
        })
    );
    assert!(function.params[1].default.is_some());
    assert_eq!(function.body.lets.len(), 1);
    assert!(matches!(function.body.result, Body::Tabular(_)));
    let StatementKind::Let(v) = &query.statements[4].kind else {
        panic!();
    };
    assert!(matches!(&v.value, LetValue::Function(f) if f.view));
    assert!(matches!(
        &tabular(&query).source.kind,
        SourceKind::Call(call) if call.name.name == "f"
    ));
    // A bare name is a scalar value for the planner to resolve.
    let query = round_trip("let A = Events; let B = Events | take 1; A");
    let StatementKind::Let(a) = &query.statements[0].kind else {
        panic!();
    };
    assert!(matches!(a.value, LetValue::Scalar(_)));
    let StatementKind::Let(b) = &query.statements[1].kind else {
        panic!();
    };
    assert!(matches!(b.value, LetValue::Tabular(_)));
}

#[test]
fn subqueries_in_expressions() {
    let query = round_trip("T | where x in (U | project y) and z > toscalar(U | count)");
    let OperatorKind::Where(condition) = &tabular(&query).operators[0].kind else {
        panic!();
    };
    assert_eq!(
        sx(condition),
        "(and (in x [<U | project y>]) (> z (toscalar <U | count>)))"
    );
}

/// Queries covering the grammar, each checked to round-trip.
pub(super) const CORPUS: &[&str] = &[
    "T",
    "['table with space'] | take 1",
    "T | where a == 1 | where b != 'x' or c < 2.5",
    "T | extend a = 1, b, ['c d'] = 2 | project-away a, b* | project-keep c*",
    "T | project-rename x = y, ['a b'] = c | project-reorder b* granny-asc, a desc, c",
    "T | summarize count() | summarize by x | summarize (a, b) = arg_max(t, *) by k",
    "T | count | take 5 | limit 10 | getschema",
    "T | sort by a, b asc, c desc nulls first | order by d nulls last",
    "T | top 3 by x | top 1 by y asc nulls first",
    "T | distinct * | distinct a, b | distinct hint.strategy=shuffle a",
    "T | mv-expand a, b = c.d to typeof(string) | mv-expand kind=bag x limit 2",
    "T | parse x with * 'a' b:long | parse kind=simple y with z '-' w | parse kind=relaxed s with * '=' v",
    "T | join U on a | join kind=inner (U) on a | join kind=anti U on $left.a == $right.b",
    "T | lookup U on a | lookup kind=inner (U | where x) on b",
    "T | union U, V | union kind=inner withsource=S (W | take 1), X*",
    "union T, U | where x",
    "T | as X | as hint.materialized=true Y | serialize | serialize r = row_number()",
    "let f = (t:(x:long, *)) { t | where x > 1 }; T | invoke f()",
    "T | render piechart | render timechart with (title='x', legend=hidden)",
    "print 1",
    "print a = 1, b = 'x', c = dynamic([1, 2])",
    "range x from 1 to 10 step 1 | extend y = x * 2",
    "range t from ago(1d) to now() step 1h",
    "datatable(a:long, b:dynamic) [1, dynamic({\"k\": 1}), -2, dynamic(null)]",
    "(T | where x) | union (U) | count",
    "materialize(T | take 1) | count",
    "let x = toscalar(T | count); print x",
    "let a = 1;;; print a;",
    "T | where x between (datetime(2020-01-01) .. 1d)",
    "T | where Timestamp > ago(7d) and Verb in~ ('GET', 'LIST') and not(isempty(User))",
    "T | where x has_all ('a', 'b') or y !has_cs 'c' and z hasprefix 'p' and z !hassuffix_cs 's'",
    "T | extend a = x.y['z'].w[0], b = x[-1], c = x['a b'], d = $left.x",
    "T | extend a = iff(x > 1, 'big', 'small'), b = case(x == 1, 'one', 'other')",
    "T | where a =~ 'x' and b !~ 'y' and c contains 'z' and d !contains 'w'",
    "T | where a startswith 'x' and b !startswith_cs 'y' and c endswith 'z' and d !endswith_cs 'w'",
    "T | where a hasprefix_cs 'x' and b !hasprefix 'y' and c hassuffix 'z' and d !hasprefix_cs 'w'",
    "T | where a has_cs 'x' and b !has 'y' and c contains_cs 'z' and d endswith_cs 'w'",
    "T | where a matches regex @'\\d+' and b !in (1, 2) and c !between (1 .. 2)",
    "T | extend x = -(1 + 2), y = +3, z = - -a, w = 1d + -2h, v = 0x10 % 3",
    "T | extend x = real(nan), y = real(-inf), z = int(-3), w = long(null), v = decimal(1.5)",
    "T | extend s = strcat('a' \"b\", @'c', h'd')",
    "T | extend t = time(1.02:03:04.5), g = guid(00000000-0000-0000-0000-000000000000)",
    "T | summarize make_set(x), percentiles(y, 50, 95) by bin(t, 5m)",
    "T | where isnotempty(['odd.name']) and ['by'] == 1",
    "let T = view () { print x = 1 }; T",
    "let f = () { 42 }; print f()",
    "let f = (a:string = 'x', b:timespan = 1h) { strcat(a, tostring(b)) }; print f()",
    "T | extend d = dynamic({'a': [1, {'b': null}], 'c': true})",
    "T | where x in (dynamic([1, 2]))",
    "T | extend ['where'] = 1, ['true'] = 2, print = 3",
    "T | project-away ['a b'], x | project-keep *y*",
    "T | where a.b.c == 1 | extend e = a.['x y'] | extend f = a.type",
    "union *",
    "T | serialize | extend p = prev(x, 1)",
    "T | where x == 1 and (y == 2 or z == 3)",
    "T | evaluate bag_unpack(d) | evaluate hint.distribution=per_node pivot(k, sum(v), g)",
    "T | evaluate bag_unpack(d, columnsConflict='keep_source') : (*, Name:string, Age:long)",
    "T | mv-apply with_itemindex=i x = xs to typeof(long), ys limit 10 on (top 1 by x | extend z = 1)",
    "T | mv-apply xs on (summarize s = sum(xs))",
    "T | make-series kind=nonempty avg(m) default = 0, c = count() on t from ago(1d) to now() step 1h by k",
    "T | make-series sum(v) on t step 1d",
    "T | extend a = -+3, b = - +2h, c = +1.5, d = ++1",
    "print d = datetime\n(2020-01-01), t = time // one hour\n(1h)",
    "T | make-graph a --> b with_node_id=name | graph-match (x)-[e]->(y) project x.name",
    "T | make-graph a --> b with N on k, (M | where z) on j | graph-to-table nodes with_node_id=Id",
    "T | make-graph a --> b | graph-to-table edges with_source_id=S with_target_id=T",
    "T | make-graph a --> b | graph-mark-components kind=weak with_component_id=c | graph-to-table nodes",
    "T | make-graph a --> b | graph-match cycles=none (x)<-[e*1..5]-(y)-[f]-(z), (z)-->()<--(x) where all(e, v > 1) project map(inner_nodes(e), node_degree_in())",
    "T | make-graph a --> b | graph-shortest-paths output=all (x)-[*2..3]->(y) project node_id(x)",
];

#[test]
fn the_corpus_round_trips() {
    for query in CORPUS {
        round_trip(query);
    }
}

#[test]
fn graph_patterns_print_canonically() {
    let query = round_trip(
        "T | make-graph a-->b with N on k | graph-match cycles = all (x) - [ e * 1 .. 3 ] -> (y) < - - ( ) - - (z) -[*2]- (w) project x.n",
    );
    assert_eq!(
        query.to_string(),
        "T | make-graph a --> b with N on k | graph-match cycles=all (x)-[e*1..3]->(y)<--()--(z)-[*2..2]-(w) project x.n"
    );
    let tabular = tabular(&query);
    let OperatorKind::GraphMatch(graph) = &tabular.operators[1].kind else {
        panic!("{:?}", tabular.operators[1]);
    };
    let path = &graph.patterns[0];
    let directions: Vec<EdgeDirection> = path.steps.iter().map(|(e, _)| e.direction).collect();
    assert_eq!(
        directions,
        vec![
            EdgeDirection::Right,
            EdgeDirection::Left,
            EdgeDirection::Any,
            EdgeDirection::Any
        ]
    );
    assert_eq!(path.steps[0].0.range, Some((1, 3)));
    assert_eq!(path.steps[3].0.range, Some((2, 2)));
    assert_eq!(path.steps[1].1.var, None);
}
