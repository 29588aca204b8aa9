//! Tests of the syntax stage: the hunts and query files, the conformance corpus, round trips
//! through `Display`, literals, precedence, spans, diagnostics, limits, and the grammar document.

mod corpus;
mod errors;
mod grammar;
mod limits;
mod parsing;

use super::*;

const PRIVILEGED_POD: &str = concat!(
    "CloudAuditEvents\n",
    "| where Timestamp > ago(1d)\n",
    "| where DataSource == \"Azure Kubernetes Service\"\n",
    "| where OperationName == \"create\"\n",
    "| where RawEventData.ObjectRef.resource == \"pods\" and isnull(RawEventData.ObjectRef.subresource)\n",
    "| where RawEventData.ResponseStatus.code startswith \"20\"\n",
    "| extend PodName = RawEventData.RequestObject.metadata.name\n",
    "| extend PodNamespace = RawEventData.ObjectRef.namespace\n",
    "| mv-expand Container = RawEventData.RequestObject.spec.containers\n",
    "| extend ContainerName = Container.name\n",
    "| where Container.securityContext.privileged == \"true\"\n",
    "| extend Username = RawEventData.User.username\n",
    "| project Timestamp, AzureResourceId , OperationName, IPAddress, UserAgent, PodName, PodNamespace, ContainerName, Username\n",
);

const CLUSTER_ADMIN_BINDING: &str = concat!(
    "CloudAuditEvents\n",
    "| where Timestamp > ago(1d)\n",
    "| where OperationName == \"create\"\n",
    "| where RawEventData.ObjectRef.resource == \"clusterrolebindings\"\n",
    "| where RawEventData.ResponseStatus.code startswith \"20\"\n",
    "| where RawEventData.RequestObject.roleRef.name == \"cluster-admin\"\n",
    "| mv-expand Subject = RawEventData.RequestObject.subjects\n",
    "| extend SubjectName = tostring(Subject.name)\n",
    "| extend SubjectKind = tostring(Subject[\"kind\"]) \n",
    "| extend BindingName = tostring(RawEventData.ObjectRef.name)\n",
    "| extend ActionTakenBy = tostring(RawEventData.User.username)\n",
    "| where ActionTakenBy != \"acsService\" //Remove FP\n",
    "| project Timestamp, AzureResourceId , OperationName, ActionTakenBy, IPAddress, UserAgent, BindingName, SubjectName, SubjectKind\n",
);

const EXEC_KUBE_SYSTEM: &str = concat!(
    "CloudAuditEvents\n",
    "| where Timestamp > ago(1d)\n",
    "| where DataSource == \"Azure Kubernetes Service\"\n",
    "| where OperationName == \"create\"\n",
    "| where RawEventData.ObjectRef.resource == \"pods\" and RawEventData.ResponseStatus.code == 101  \n",
    "| where RawEventData.ObjectRef.namespace == \"kube-system\"\n",
    "| where RawEventData.ObjectRef.subresource == \"exec\"\n",
    "| where RawEventData.ResponseStatus.code == 101\n",
    "| extend RequestURI = tostring(RawEventData.RequestURI)\n",
    "| extend PodName = tostring(RawEventData.ObjectRef.name)\n",
    "| extend PodNamespace = tostring(RawEventData.ObjectRef.namespace)\n",
    "| extend Username = tostring(RawEventData.User.username)\n",
    "| where PodName !startswith \"tunnelfront-\" and PodName !startswith \"konnectivity-\" and PodName !startswith \"aks-link\"\n",
    "| extend Commands =  extract_all(@\"command=([^\\&]*)\", RequestURI)\n",
    "| extend ParsedCommand = url_decode(strcat_array(Commands, \" \"))\n",
    "| project Timestamp, AzureResourceId , OperationName, IPAddress, UserAgent, PodName, PodNamespace,  Username, ParsedCommand\n",
);

/// The three hunts of `queries/hunts/`, verbatim.
const HUNTS: &[(&str, &str)] = &[
    ("privileged-pod", PRIVILEGED_POD),
    ("cluster-admin-binding", CLUSTER_ADMIN_BINDING),
    ("exec-kube-system", EXEC_KUBE_SYSTEM),
];

/// Parses `query`, prints it, parses the printed text, and checks that both trees are equal and
/// that printing is stable. Returns the tree.
#[track_caller]
fn round_trip(query: &str) -> Query {
    let parsed = match parse(query) {
        Ok(parsed) => parsed,
        Err(diagnostic) => panic!("{}", diagnostic.render(query)),
    };
    let printed = parsed.to_string();
    let reparsed = match parse(&printed) {
        Ok(reparsed) => reparsed,
        Err(diagnostic) => panic!(
            "the printed query does not parse:\n{printed}\n{}",
            diagnostic.render(&printed)
        ),
    };
    assert_eq!(
        reparsed, parsed,
        "round trip changed the tree:\n{query}\n---\n{printed}"
    );
    assert_eq!(reparsed.to_string(), printed, "printing is not stable");
    parsed
}

#[track_caller]
fn expr(text: &str) -> Expr {
    match parse_expression(text) {
        Ok(expr) => expr,
        Err(diagnostic) => panic!("{}", diagnostic.render(text)),
    }
}

#[track_caller]
fn error(query: &str) -> crate::diagnostic::Diagnostic {
    match parse(query) {
        Ok(parsed) => panic!("expected an error, parsed as {parsed}"),
        Err(diagnostic) => diagnostic,
    }
}

/// The tabular expression of the last statement.
#[track_caller]
fn tabular(query: &Query) -> &TabularExpr {
    match query.statements.last().map(|s| &s.kind) {
        Some(StatementKind::Query(tabular)) => tabular,
        other => panic!("not a query statement: {other:?}"),
    }
}

/// A fully bracketed rendering of an expression's structure, ignoring parentheses.
fn sx(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Literal(literal) => literal.to_string(),
        ExprKind::Ident(name) => name.name.clone(),
        ExprKind::JoinColumn { side, column } => format!("{side:?}.{}", column.name),
        ExprKind::Member { base, name } => format!("(. {} {})", sx(base), name.name),
        ExprKind::Index { base, index } => format!("([] {} {})", sx(base), sx(index)),
        ExprKind::Call(call) => {
            let args: Vec<String> = call.args.iter().map(sx).collect();
            format!("({} {})", call.name.name, args.join(" "))
        }
        ExprKind::Unary { op, operand } => format!("({op:?} {})", sx(operand)),
        ExprKind::Binary { op, left, right } => {
            format!("({} {} {})", op.as_str(), sx(left), sx(right))
        }
        ExprKind::List { op, expr, list } => {
            let items: Vec<String> = list.iter().map(sx).collect();
            format!("({} {} [{}])", op.as_str(), sx(expr), items.join(" "))
        }
        ExprKind::Between {
            negated,
            expr,
            low,
            high,
        } => format!(
            "({} {} {} {})",
            if *negated { "!between" } else { "between" },
            sx(expr),
            sx(low),
            sx(high)
        ),
        ExprKind::Paren(inner) => sx(inner),
        ExprKind::Tabular(tabular) => format!("<{tabular}>"),
        ExprKind::Wildcard => "*".to_string(),
        ExprKind::NamedArgument { name, value } => format!("(= {} {})", name.name, sx(value)),
    }
}
