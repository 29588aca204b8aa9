//! `make-graph` and the graph operator after it, planned together as one [`GraphNode`]: a graph
//! is not a table, so `make-graph | graph-mark-components* | graph-match` (or
//! `graph-shortest-paths`, `graph-to-table`) becomes one extension node whose inputs are the edges
//! and the node tables and whose output is an ordinary table. `src/exec/graph.rs` executes it.
//!
//! Expressions of `graph-match` are lowered to DataFusion expressions over a *binding schema*:
//! one column `v.p` per node variable `v` and node property `p`, one `e.p` per single-edge
//! variable `e` and edge property `p`, and one `$lambda<k>` per graph function over a path
//! (`all()`, `any()`, `map()`), whose body is lowered over the schema of one edge or one node.
//! Node properties include hidden `$id`, `$degree_in` and `$degree_out` (for `node_id()`,
//! `node_degree_in()`, `node_degree_out()`). The `where` clause is split at `and`: conjuncts about
//! one node variable, one single edge or `all(e, ...)` filter candidates while matching; the rest
//! is evaluated on the matches.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::common::{Column, DFSchema, DFSchemaRef};
use datafusion::logical_expr::{Expr, Extension, LogicalPlan, UserDefinedLogicalNodeCore};

use super::naming::{ColumnNames, default_name};
use super::scope::ScopeEntry;
use super::types::{arrow_type, field_metadata, kql_type_of_field};
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, Typed, not_supported};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{
    Alias, BinaryOp, EdgeDirection, Expr as Ast, ExprKind, FunctionCall, GraphMatch, GraphNodes,
    GraphToTable, Ident, MakeGraph, Operator, OperatorKind, ScalarType,
};

/// The hidden node property holding the node's id (`node_id()`).
pub const NODE_ID: &str = "$id";
/// The hidden node property holding the number of edges into the node.
pub const DEGREE_IN: &str = "$degree_in";
/// The hidden node property holding the number of edges out of the node.
pub const DEGREE_OUT: &str = "$degree_out";
/// How many hidden properties end the node schema.
pub const HIDDEN_NODE_PROPERTIES: usize = 3;

/// `make-graph` and the graph operators after it, as one logical node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GraphNode {
    /// The edges, then each table of nodes.
    pub inputs: Vec<LogicalPlan>,
    pub graph: GraphSpec,
    pub op: GraphOp,
    pub schema: DFSchemaRef,
}

/// How the graph is built from the inputs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GraphSpec {
    /// The edges' source and target id columns.
    pub source: usize,
    pub target: usize,
    /// The id column of each nodes input.
    pub node_keys: Vec<usize>,
    /// The type of node ids (the first nodes table's key, else the edges' source).
    pub key_type: DataType,
    /// `with_node_id=name`: the one node property, holding the id.
    pub node_id_property: Option<String>,
    /// The properties of a node: the nodes tables' columns (merged by name), then one per
    /// `graph-mark-components`, then the hidden `$id`, `$degree_in`, `$degree_out`.
    pub node_schema: DFSchemaRef,
    /// `graph-mark-components`: the property name and whether the components are strong.
    pub components: Vec<(String, bool)>,
}

/// What the node outputs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GraphOp {
    /// `graph-to-table nodes [with_node_id=C]`.
    Nodes { node_id: Option<String> },
    /// `graph-to-table edges [with_source_id=C] [with_target_id=C]`.
    Edges {
        source_id: Option<String>,
        target_id: Option<String>,
    },
    /// `graph-match` or `graph-shortest-paths`.
    Match(Box<MatchSpec>),
}

/// How `graph-match` treats paths that come back to a node or reuse an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cycles {
    All,
    None,
    UniqueEdges,
}

/// A planned `graph-match` / `graph-shortest-paths`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MatchSpec {
    /// `Some(all)` for `graph-shortest-paths` (`output=all` or `any`).
    pub shortest: Option<bool>,
    pub cycles: Cycles,
    pub node_vars: Vec<String>,
    pub edge_vars: Vec<EdgeVar>,
    pub paths: Vec<PathSpec>,
    /// The schema the expressions below are lowered over (see the module comment).
    pub binding: DFSchemaRef,
    pub lambdas: Vec<LambdaSpec>,
    /// Per node variable conditions (over the binding schema, reading only that variable).
    pub node_filters: Vec<(usize, Expr)>,
    /// Per single-edge variable conditions (over the binding schema).
    pub edge_filters: Vec<(usize, Expr)>,
    /// `all(e, cond)` / `all(inner_nodes(e), cond)` conjuncts: edge variable, whether over the
    /// inner nodes, and the condition over the edge or node schema.
    pub element_filters: Vec<(usize, bool, Expr)>,
    /// The other conjuncts, over the binding schema.
    pub residual: Vec<Expr>,
    /// The output columns, over the binding schema.
    pub project: Vec<Expr>,
}

/// An edge variable: `[e]` (1..1) or `[e*min..max]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EdgeVar {
    pub name: String,
    pub min: usize,
    pub max: usize,
    pub variable_length: bool,
}

/// One comma-separated path pattern: node variables and the edges between them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PathSpec {
    pub nodes: Vec<usize>,
    pub edges: Vec<(usize, EdgeDirection)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LambdaKind {
    All,
    Any,
    Map,
}

/// `all(e, body)`, `any(...)`, `map(...)` over the edges or inner nodes of edge variable `var`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LambdaSpec {
    pub kind: LambdaKind,
    pub var: usize,
    pub inner_nodes: bool,
    pub body: Expr,
    pub body_type: ScalarType,
}

impl PartialOrd for GraphNode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        (self == other).then_some(Ordering::Equal)
    }
}

impl UserDefinedLogicalNodeCore for GraphNode {
    fn name(&self) -> &str {
        "KqlGraph"
    }

    fn inputs(&self) -> Vec<&LogicalPlan> {
        self.inputs.iter().collect()
    }

    fn schema(&self) -> &DFSchemaRef {
        &self.schema
    }

    fn expressions(&self) -> Vec<Expr> {
        // The expressions are over the graph's own binding schema, not the inputs': the
        // optimizer must not rewrite them against the inputs.
        Vec::new()
    }

    fn fmt_for_explain(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let op = match &self.op {
            GraphOp::Nodes { .. } => "graph-to-table nodes",
            GraphOp::Edges { .. } => "graph-to-table edges",
            GraphOp::Match(m) if m.shortest.is_some() => "graph-shortest-paths",
            GraphOp::Match(_) => "graph-match",
        };
        write!(f, "KqlGraph: make-graph | {op}")
    }

    fn with_exprs_and_inputs(
        &self,
        _exprs: Vec<Expr>,
        inputs: Vec<LogicalPlan>,
    ) -> datafusion::error::Result<Self> {
        Ok(GraphNode {
            inputs,
            ..self.clone()
        })
    }
}

fn field_of(name: &str, ty: ScalarType) -> Field {
    let field = Field::new(name, arrow_type(ty), true);
    match field_metadata(ty) {
        Some(m) => field.with_metadata(m.to_hashmap()),
        None => field,
    }
}

fn schema_of(fields: Vec<Field>, span: Span) -> Result<DFSchemaRef, Diagnostic> {
    DFSchema::try_from(Schema::new(fields))
        .map(Arc::new)
        .map_err(|e| super::plan_error(e, span))
}

/// Whether an operator reads a graph (and so must follow `make-graph`).
pub(crate) fn is_graph_operator(kind: &OperatorKind) -> bool {
    matches!(
        kind,
        OperatorKind::GraphMatch(_)
            | OperatorKind::GraphShortestPaths(_)
            | OperatorKind::GraphToTable(_)
            | OperatorKind::GraphMarkComponents(_)
    )
}

impl Planner<'_> {
    /// `make-graph` (`operators[0]`) and the graph operators after it. Returns the table and how
    /// many operators were used.
    pub(crate) fn plan_graph(
        &self,
        edges: Tabular,
        operators: &[Operator],
    ) -> Result<(Tabular, usize), Diagnostic> {
        let OperatorKind::MakeGraph(make) = &operators[0].kind else {
            unreachable!("plan_graph starts at make-graph");
        };
        let make_span = operators[0].span;
        let mut components = Vec::new();
        let mut used = 1;
        let last = loop {
            let Some(op) = operators.get(used) else {
                return Err(Diagnostic::error(
                    Code::WrongKindOfExpression,
                    "`make-graph` makes a graph, not a table: a graph operator must follow it",
                )
                .with_span(make_span)
                .with_help(
                    "add `| graph-match ...`, `| graph-shortest-paths ...` or `| graph-to-table nodes`",
                ));
            };
            used += 1;
            match &op.kind {
                OperatorKind::GraphMarkComponents(marks) => {
                    let name = marks
                        .component_id
                        .as_ref()
                        .map_or_else(|| "ComponentId".to_string(), |id| id.name.clone());
                    components.push((name, marks.strong.unwrap_or(false)));
                }
                kind if is_graph_operator(kind) => break op,
                _ => {
                    return Err(Diagnostic::error(
                        Code::WrongKindOfExpression,
                        format!(
                            "`{}` needs a table, but `make-graph` makes a graph",
                            op.kind.name()
                        ),
                    )
                    .with_span(op.span)
                    .with_help(
                        "put `graph-match`, `graph-shortest-paths` or `graph-to-table` first",
                    ));
                }
            }
        };
        let (graph, inputs, edge_columns) = self.graph_spec(edges, make, components, make_span)?;
        let (op, columns) = match &last.kind {
            OperatorKind::GraphToTable(GraphToTable::Nodes { node_id }) => {
                let mut columns = Vec::new();
                if let Some(id) = node_id {
                    columns.push((id.name.clone(), ScalarType::Long));
                }
                let visible = graph.node_schema.fields().len() - HIDDEN_NODE_PROPERTIES;
                for field in graph.node_schema.fields().iter().take(visible) {
                    columns.push((field.name().clone(), kql_type_of_field(field)));
                }
                let op = GraphOp::Nodes {
                    node_id: node_id.as_ref().map(|i| i.name.clone()),
                };
                (op, columns)
            }
            OperatorKind::GraphToTable(GraphToTable::Edges {
                source_id,
                target_id,
            }) => {
                let mut columns = Vec::new();
                for id in [source_id, target_id].into_iter().flatten() {
                    columns.push((id.name.clone(), ScalarType::Long));
                }
                columns.extend(edge_columns.iter().map(|c| (c.name.clone(), c.ty)));
                let op = GraphOp::Edges {
                    source_id: source_id.as_ref().map(|i| i.name.clone()),
                    target_id: target_id.as_ref().map(|i| i.name.clone()),
                };
                (op, columns)
            }
            OperatorKind::GraphMatch(m) => self.plan_graph_match(&graph, &edge_columns, m, None)?,
            OperatorKind::GraphShortestPaths(m) => {
                let all = matches!(m.option.as_ref().map(|o| o.name.as_str()), Some("all"));
                if m.patterns.len() != 1 {
                    return Err(not_supported(
                        "`graph-shortest-paths` with several path patterns",
                        last.span,
                    ));
                }
                self.plan_graph_match(&graph, &edge_columns, m, Some(all))?
            }
            _ => unreachable!("the loop stops at a graph operator"),
        };
        let fields = columns.iter().map(|(n, t)| field_of(n, *t)).collect();
        let schema = schema_of(fields, last.span)?;
        let node = GraphNode {
            inputs,
            graph,
            op,
            schema,
        };
        let plan = LogicalPlan::Extension(Extension {
            node: Arc::new(node),
        });
        let columns = columns
            .into_iter()
            .map(|(name, ty)| ColumnInfo {
                name,
                ty,
                origin: None,
            })
            .collect();
        Ok((Tabular { plan, columns }, used))
    }

    /// The graph's inputs and node schema.
    fn graph_spec(
        &self,
        edges: Tabular,
        make: &MakeGraph,
        components: Vec<(String, bool)>,
        span: Span,
    ) -> Result<(GraphSpec, Vec<LogicalPlan>, Vec<ColumnInfo>), Diagnostic> {
        // The tables under their KQL column names, in order (a `datatable`'s columns are read
        // through `column1`, ... until a projection names them).
        let edges = self.keep_columns(edges, |_| true, span)?;
        let source = edges.require(&make.source.name, make.source.span)?;
        let target = edges.require(&make.target.name, make.target.span)?;
        let edge_field = |i: usize| edges.plan.schema().field(i).data_type().clone();
        let mut key_type = edge_field(source);
        let mut properties: Vec<(String, ScalarType)> = Vec::new();
        let mut inputs = vec![edges.plan.clone()];
        let mut node_keys = Vec::new();
        let mut node_id_property = None;
        match &make.nodes {
            GraphNodes::FromEdges => {}
            GraphNodes::NodeId(id) => {
                properties.push((id.name.clone(), edges.columns[source].ty));
                node_id_property = Some(id.name.clone());
            }
            GraphNodes::Tables(tables) => {
                for (n, table) in tables.iter().enumerate() {
                    let nodes = self.plan_tabular(&table.table)?;
                    let nodes = self.keep_columns(nodes, |_| true, span)?;
                    let key = nodes.require(&table.key.name, table.key.span)?;
                    if n == 0 {
                        key_type = nodes.plan.schema().field(key).data_type().clone();
                    }
                    for c in &nodes.columns {
                        match properties.iter().find(|(name, _)| *name == c.name) {
                            Some((_, ty)) if *ty != c.ty => {
                                return Err(not_supported(
                                    &format!(
                                        "node tables whose column `{}` has different types",
                                        c.name
                                    ),
                                    table.key.span,
                                ));
                            }
                            Some(_) => {}
                            None => properties.push((c.name.clone(), c.ty)),
                        }
                    }
                    node_keys.push(key);
                    inputs.push(nodes.plan);
                }
            }
        }
        for (name, _) in &components {
            if properties.iter().any(|(n, _)| n == name) {
                return Err(Diagnostic::error(
                    Code::InvalidParameter,
                    format!("the nodes already have a property named `{name}`"),
                )
                .with_span(span));
            }
            properties.push((name.clone(), ScalarType::Long));
        }
        let mut fields: Vec<Field> = properties.iter().map(|(n, t)| field_of(n, *t)).collect();
        fields.push(Field::new(NODE_ID, key_type.clone(), true));
        fields.push(Field::new(DEGREE_IN, DataType::Int64, false));
        fields.push(Field::new(DEGREE_OUT, DataType::Int64, false));
        let node_schema = schema_of(fields, span)?;
        let graph = GraphSpec {
            source,
            target,
            node_keys,
            key_type,
            node_id_property,
            node_schema,
            components,
        };
        Ok((graph, inputs, edges.columns))
    }

    /// `graph-match` or `graph-shortest-paths`: the output columns and the spec.
    fn plan_graph_match(
        &self,
        graph: &GraphSpec,
        edge_columns: &[ColumnInfo],
        m: &GraphMatch,
        shortest: Option<bool>,
    ) -> Result<(GraphOp, Vec<(String, ScalarType)>), Diagnostic> {
        let cycles = match m.option.as_ref().map(|o| o.name.as_str()) {
            _ if shortest.is_some() => Cycles::None,
            Some("all") => Cycles::All,
            Some("none") => Cycles::None,
            _ => Cycles::UniqueEdges,
        };
        // Variables and paths.
        let mut node_vars: Vec<String> = Vec::new();
        let mut edge_vars: Vec<EdgeVar> = Vec::new();
        let mut paths = Vec::new();
        let mut anonymous = 0;
        for path in &m.patterns {
            let mut node_var = |var: &Option<Ident>, node_vars: &mut Vec<String>| -> usize {
                let name = match var {
                    Some(v) => v.name.clone(),
                    None => {
                        anonymous += 1;
                        format!("$anonymous{anonymous}")
                    }
                };
                match node_vars.iter().position(|n| *n == name) {
                    Some(i) => i,
                    None => {
                        node_vars.push(name);
                        node_vars.len() - 1
                    }
                }
            };
            let mut spec = PathSpec {
                nodes: vec![node_var(&path.first.var, &mut node_vars)],
                edges: Vec::new(),
            };
            for (edge, node) in &path.steps {
                let name = match &edge.var {
                    Some(v) => {
                        if edge_vars.iter().any(|e| e.name == v.name) || node_vars.contains(&v.name)
                        {
                            return Err(not_supported(
                                "a graph variable used for two elements of the pattern",
                                v.span,
                            ));
                        }
                        v.name.clone()
                    }
                    None => format!("$edge{}", edge_vars.len()),
                };
                let (min, max) = edge.range.unwrap_or((1, 1));
                edge_vars.push(EdgeVar {
                    name,
                    min: min as usize,
                    max: max as usize,
                    variable_length: edge.range.is_some(),
                });
                spec.edges.push((edge_vars.len() - 1, edge.direction));
                spec.nodes.push(node_var(&node.var, &mut node_vars));
            }
            paths.push(spec);
        }
        for v in &node_vars {
            if edge_vars.iter().any(|e| e.name == *v) {
                let span = m.patterns[0].first.span;
                return Err(not_supported(
                    "a graph variable used for a node and an edge",
                    span,
                ));
            }
        }
        let mut ctx = GraphContext {
            graph,
            edge_columns,
            node_vars: &node_vars,
            edge_vars: &edge_vars,
            lambdas: Vec::new(),
        };
        // The binding schema (the lambda columns are appended once all are known).
        let mut node_filters = Vec::new();
        let mut edge_filters = Vec::new();
        let mut element_filters = Vec::new();
        let mut residual_asts = Vec::new();
        let mut project_asts = Vec::new();
        if let Some(condition) = &m.condition {
            let mut conjuncts = Vec::new();
            split_and(condition, &mut conjuncts);
            for conjunct in conjuncts {
                if let Some((var, inner, body)) = ctx.all_conjunct(conjunct)? {
                    let scope = ctx.element_scope(inner);
                    let body = ctx.rewrite(body, Some(inner))?;
                    let lowered = ExprLowerer::new(self, &scope).lower_predicate(&body)?;
                    element_filters.push((var, inner, lowered));
                    continue;
                }
                let rewritten = ctx.rewrite(conjunct, None)?;
                residual_asts.push(rewritten);
            }
        }
        let mut names = ColumnNames::default();
        let mut taken: Vec<String> = Vec::new();
        for item in &m.project {
            let rewritten = ctx.rewrite(&item.expr, None)?;
            project_asts.push((item, rewritten));
        }
        // Lower the lambda bodies, then build the binding schema.
        let mut lambdas = Vec::new();
        for pending in std::mem::take(&mut ctx.lambdas) {
            let scope = ctx.element_scope(pending.inner_nodes);
            let body = ExprLowerer::new(self, &scope).lower(&pending.body)?;
            lambdas.push(LambdaSpec {
                kind: pending.kind,
                var: pending.var,
                inner_nodes: pending.inner_nodes,
                body: body.expr,
                body_type: body.ty,
            });
        }
        let mut fields = Vec::new();
        let mut entries = Vec::new();
        let mut add = |name: String, field: &Field, ty: ScalarType| {
            entries.push(ScopeEntry {
                name: name.clone(),
                value: Typed::new(Expr::Column(Column::new_unqualified(&name)), ty),
                origin: None,
            });
            fields.push(Field::new(name, field.data_type().clone(), true));
        };
        for v in &node_vars {
            for field in graph.node_schema.fields() {
                add(
                    format!("{v}.{}", field.name()),
                    field,
                    kql_type_of_field(field),
                );
            }
        }
        for e in &edge_vars {
            if e.variable_length {
                continue;
            }
            for c in edge_columns {
                add(
                    format!("{}.{}", e.name, c.name),
                    &field_of(&c.name, c.ty),
                    c.ty,
                );
            }
        }
        for (k, lambda) in lambdas.iter().enumerate() {
            let ty = match lambda.kind {
                LambdaKind::Map => ScalarType::Dynamic,
                _ => ScalarType::Bool,
            };
            add(format!("$lambda{k}"), &field_of("x", ty), ty);
        }
        let binding = schema_of(fields, m.patterns[0].first.span)?;
        let scope = Scope {
            entries,
            schema: Arc::clone(&binding),
        };
        let mut residual = Vec::new();
        for rewritten in residual_asts {
            let lowered = ExprLowerer::new(self, &scope).lower_predicate(&rewritten)?;
            let vars = ctx.variables_of(&lowered);
            match vars.as_slice() {
                [Var::Node(v)] => node_filters.push((*v, lowered)),
                [Var::Edge(e)] if !edge_vars[*e].variable_length => {
                    edge_filters.push((*e, lowered))
                }
                _ => residual.push(lowered),
            }
        }
        let mut project = Vec::new();
        let mut columns = Vec::new();
        let mut unnamed = Vec::new();
        for (item, rewritten) in project_asts {
            let typed = ExprLowerer::new(self, &scope).lower(&rewritten)?;
            let name = match &item.alias {
                Some(Alias::Name(name)) => Some(name.name.clone()),
                Some(Alias::Tuple(_)) => {
                    return Err(not_supported(
                        "a tuple name `(a, b) =` in graph-match's project",
                        item.expr.span,
                    ));
                }
                None => graph_default_name(&item.expr),
            };
            if name.is_none() {
                unnamed.push(columns.len());
            }
            if let Some(n) = &name {
                taken.push(n.clone());
            }
            project.push(typed.expr);
            columns.push((name.unwrap_or_default(), typed.ty));
        }
        for i in unnamed {
            let name = names.next(|n| taken.iter().any(|t| t == n));
            taken.push(name.clone());
            columns[i].0 = name;
        }
        let spec = MatchSpec {
            shortest,
            cycles,
            node_vars,
            edge_vars,
            paths,
            binding,
            lambdas,
            node_filters,
            edge_filters,
            element_filters,
            residual,
            project,
        };
        Ok((GraphOp::Match(Box::new(spec)), columns))
    }
}

/// Kusto's name for an unnamed `project` item of `graph-match`: `v.p` is `v_p`, a graph
/// function is named after itself, anything else as elsewhere.
fn graph_default_name(e: &Ast) -> Option<String> {
    if let ExprKind::Call(call) = &e.kind
        && GRAPH_FUNCTIONS.contains(&call.name.name.as_str())
    {
        return Some(call.name.name.clone());
    }
    default_name(e)
}

const GRAPH_FUNCTIONS: &[&str] = &[
    "node_degree_in",
    "node_degree_out",
    "node_id",
    "inner_nodes",
    "all",
    "any",
    "map",
];

/// The conjuncts of `a and b and c`.
fn split_and<'e>(e: &'e Ast, out: &mut Vec<&'e Ast>) {
    match &e.kind {
        ExprKind::Binary {
            op: BinaryOp::And,
            left,
            right,
        } => {
            split_and(left, out);
            split_and(right, out);
        }
        ExprKind::Paren(inner) => split_and(inner, out),
        _ => out.push(e),
    }
}

/// A variable an expression reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Var {
    Node(usize),
    Edge(usize),
    Lambda,
}

/// A graph function over a path, before its body is lowered.
struct PendingLambda {
    kind: LambdaKind,
    var: usize,
    inner_nodes: bool,
    body: Ast,
}

struct GraphContext<'a> {
    graph: &'a GraphSpec,
    edge_columns: &'a [ColumnInfo],
    node_vars: &'a [String],
    edge_vars: &'a [EdgeVar],
    lambdas: Vec<PendingLambda>,
}

fn ident(name: String, span: Span) -> Ast {
    Ast::new(ExprKind::Ident(Ident { name, span }), span)
}

impl GraphContext<'_> {
    fn node_var(&self, name: &str) -> Option<usize> {
        self.node_vars.iter().position(|n| n == name)
    }

    fn edge_var(&self, name: &str) -> Option<usize> {
        self.edge_vars.iter().position(|e| e.name == name)
    }

    /// The scope of one path element: an edge's columns, or a node's properties.
    fn element_scope(&self, node: bool) -> Scope {
        let fields: Vec<(String, ScalarType, DataType)> = if node {
            self.graph
                .node_schema
                .fields()
                .iter()
                .map(|f| {
                    (
                        f.name().clone(),
                        kql_type_of_field(f),
                        f.data_type().clone(),
                    )
                })
                .collect()
        } else {
            self.edge_columns
                .iter()
                .map(|c| (c.name.clone(), c.ty, arrow_type(c.ty)))
                .collect()
        };
        let schema = DFSchema::try_from(Schema::new(
            fields
                .iter()
                .map(|(n, _, t)| Field::new(n, t.clone(), true))
                .collect::<Vec<_>>(),
        ))
        .unwrap_or_else(|_| DFSchema::empty());
        Scope {
            entries: fields
                .into_iter()
                .map(|(name, ty, _)| ScopeEntry {
                    value: Typed::new(Expr::Column(Column::new_unqualified(&name)), ty),
                    name,
                    origin: None,
                })
                .collect(),
            schema: Arc::new(schema),
        }
    }

    /// `all(e, cond)` or `all(inner_nodes(e), cond)` as a whole conjunct.
    fn all_conjunct<'e>(&self, e: &'e Ast) -> Result<Option<(usize, bool, &'e Ast)>, Diagnostic> {
        let ExprKind::Call(call) = &e.kind else {
            return Ok(None);
        };
        if call.name.name != "all" || call.args.len() != 2 {
            return Ok(None);
        }
        let (var, inner) = self.path_argument(&call.args[0])?;
        Ok(Some((var, inner, &call.args[1])))
    }

    /// The first argument of `all`/`any`/`map`: `e` or `inner_nodes(e)` for an edge variable.
    fn path_argument(&self, e: &Ast) -> Result<(usize, bool), Diagnostic> {
        match &e.kind {
            ExprKind::Ident(id) if self.edge_var(&id.name).is_some() => {
                Ok((self.edge_var(&id.name).unwrap_or_default(), false))
            }
            ExprKind::Call(FunctionCall { name, args, .. })
                if name.name == "inner_nodes" && args.len() == 1 =>
            {
                match &args[0].kind {
                    ExprKind::Ident(id) if self.edge_var(&id.name).is_some() => {
                        Ok((self.edge_var(&id.name).unwrap_or_default(), true))
                    }
                    _ => Err(graph_error(
                        "`inner_nodes()` takes an edge variable of the pattern",
                        args[0].span,
                    )),
                }
            }
            _ => Err(graph_error(
                "the first argument must be an edge variable or `inner_nodes(edge)`",
                e.span,
            )),
        }
    }

    /// Rewrites graph references: `v.p` to the binding column `v.p`, graph functions over paths
    /// to `$lambda<k>` columns, `node_degree_in(v)` to `v.$degree_in`. Inside a lambda body
    /// (`element` is `Some(is_node)`), names are the element's properties and `node_degree_in()`
    /// is the element's.
    fn rewrite(&mut self, e: &Ast, element: Option<bool>) -> Result<Ast, Diagnostic> {
        let span = e.span;
        let kind = match &e.kind {
            ExprKind::Ident(id)
                if element.is_none()
                    && (self.node_var(&id.name).is_some() || self.edge_var(&id.name).is_some()) =>
            {
                return Err(not_supported(
                    "a graph variable used as a value (write `variable.property`)",
                    span,
                ));
            }
            ExprKind::Member { base, name } => {
                if let ExprKind::Ident(var) = &base.kind {
                    if let Some(v) = self.node_var(&var.name) {
                        if element.is_some() {
                            return Err(lambda_scope_error(span));
                        }
                        if !self
                            .graph
                            .node_schema
                            .has_column_with_unqualified_name(&name.name)
                        {
                            return Err(unknown_property(&var.name, &name.name, name.span));
                        }
                        return Ok(ident(format!("{}.{}", self.node_vars[v], name.name), span));
                    }
                    if let Some(v) = self.edge_var(&var.name) {
                        if element.is_some() {
                            return Err(lambda_scope_error(span));
                        }
                        if !self.edge_columns.iter().any(|c| c.name == name.name) {
                            return Err(unknown_property(&var.name, &name.name, name.span));
                        }
                        if self.edge_vars[v].variable_length {
                            // Properties of a variable-length edge are arrays (as `map()`).
                            return Ok(self.lambda(
                                LambdaKind::Map,
                                v,
                                false,
                                ident(name.name.clone(), name.span),
                                span,
                            ));
                        }
                        return Ok(ident(format!("{}.{}", var.name, name.name), span));
                    }
                }
                ExprKind::Member {
                    base: Box::new(self.rewrite(base, element)?),
                    name: name.clone(),
                }
            }
            ExprKind::Call(call) => {
                let fname = call.name.name.as_str();
                match fname {
                    "all" | "any" | "map" if call.args.len() == 2 => {
                        if element.is_some() {
                            return Err(lambda_scope_error(span));
                        }
                        let (var, inner) = self.path_argument(&call.args[0])?;
                        let body = self.rewrite(&call.args[1], Some(inner))?;
                        let kind = match fname {
                            "all" => LambdaKind::All,
                            "any" => LambdaKind::Any,
                            _ => LambdaKind::Map,
                        };
                        return Ok(self.lambda(kind, var, inner, body, span));
                    }
                    "inner_nodes" => {
                        return Err(graph_error(
                            "`inner_nodes()` can only be the first argument of `all()`, `any()` or `map()`",
                            span,
                        ));
                    }
                    "node_degree_in" | "node_degree_out" | "node_id" => {
                        let property = match fname {
                            "node_degree_in" => DEGREE_IN,
                            "node_degree_out" => DEGREE_OUT,
                            _ => NODE_ID,
                        };
                        return match (call.args.as_slice(), element) {
                            ([], Some(true)) => Ok(ident(property.to_string(), span)),
                            ([arg], None) => match &arg.kind {
                                ExprKind::Ident(id) if self.node_var(&id.name).is_some() => {
                                    Ok(ident(format!("{}.{property}", id.name), span))
                                }
                                _ => Err(graph_error(
                                    &format!("`{fname}()` takes a node variable of the pattern"),
                                    arg.span,
                                )),
                            },
                            _ => Err(graph_error(
                                &format!(
                                    "`{fname}()` takes a node variable, or no argument inside \
                                     `map(inner_nodes(e), ...)`, `all(...)` or `any(...)`"
                                ),
                                span,
                            )),
                        };
                    }
                    _ => {
                        let mut call = call.clone();
                        call.args = call
                            .args
                            .iter()
                            .map(|a| self.rewrite(a, element))
                            .collect::<Result<_, _>>()?;
                        ExprKind::Call(call)
                    }
                }
            }
            ExprKind::Unary { op, operand } => ExprKind::Unary {
                op: *op,
                operand: Box::new(self.rewrite(operand, element)?),
            },
            ExprKind::Binary { op, left, right } => ExprKind::Binary {
                op: *op,
                left: Box::new(self.rewrite(left, element)?),
                right: Box::new(self.rewrite(right, element)?),
            },
            ExprKind::Index { base, index } => ExprKind::Index {
                base: Box::new(self.rewrite(base, element)?),
                index: Box::new(self.rewrite(index, element)?),
            },
            ExprKind::List { op, expr, list } => ExprKind::List {
                op: *op,
                expr: Box::new(self.rewrite(expr, element)?),
                list: list
                    .iter()
                    .map(|a| self.rewrite(a, element))
                    .collect::<Result<_, _>>()?,
            },
            ExprKind::Between {
                negated,
                expr,
                low,
                high,
            } => ExprKind::Between {
                negated: *negated,
                expr: Box::new(self.rewrite(expr, element)?),
                low: Box::new(self.rewrite(low, element)?),
                high: Box::new(self.rewrite(high, element)?),
            },
            ExprKind::Paren(inner) => ExprKind::Paren(Box::new(self.rewrite(inner, element)?)),
            ExprKind::NamedArgument { name, value } => ExprKind::NamedArgument {
                name: name.clone(),
                value: Box::new(self.rewrite(value, element)?),
            },
            other => other.clone(),
        };
        Ok(Ast::new(kind, span))
    }

    fn lambda(&mut self, kind: LambdaKind, var: usize, inner: bool, body: Ast, span: Span) -> Ast {
        let k = self.lambdas.len();
        self.lambdas.push(PendingLambda {
            kind,
            var,
            inner_nodes: inner,
            body,
        });
        ident(format!("$lambda{k}"), span)
    }

    /// The variables a lowered expression over the binding schema reads.
    fn variables_of(&self, e: &Expr) -> Vec<Var> {
        let mut vars: HashSet<Var> = HashSet::new();
        for column in e.column_refs() {
            let name = column.name.as_str();
            if name.starts_with("$lambda") {
                vars.insert(Var::Lambda);
                continue;
            }
            let Some((var, _)) = name.split_once('.') else {
                continue;
            };
            if let Some(v) = self.node_var(var) {
                vars.insert(Var::Node(v));
            } else if let Some(v) = self.edge_var(var) {
                vars.insert(Var::Edge(v));
            }
        }
        vars.into_iter().collect()
    }
}

fn graph_error(message: &str, span: Span) -> Diagnostic {
    Diagnostic::error(Code::InvalidArgument, message.to_string()).with_span(span)
}

fn lambda_scope_error(span: Span) -> Diagnostic {
    not_supported(
        "graph variables inside the body of `all()`, `any()` or `map()` (the body sees only the \
         element's own properties)",
        span,
    )
}

fn unknown_property(var: &str, property: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownColumn,
        format!("`{var}` has no property named `{property}`"),
    )
    .with_span(span)
    .with_label("unknown property")
}
