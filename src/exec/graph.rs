//! Execution of [`GraphNode`] (`make-graph | graph-...`): the edges and nodes are collected into
//! memory (Kusto's graphs are in-memory too), the graph is built as adjacency lists, and the graph
//! operator runs over it: `graph-to-table`, `graph-mark-components`, and `graph-match` /
//! `graph-shortest-paths` by backtracking search with bounded path lengths.
//!
//! Limits: the whole graph must fit in memory, and one `graph-match` may consider at most
//! [`MAX_CANDIDATES`] candidate matches (the search fails beyond that rather than run away).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::{
    Array, ArrayRef, BooleanArray, Int64Array, RecordBatch, StringArray, UInt32Array,
    new_null_array,
};
use datafusion::arrow::compute::{cast, concat_batches, filter_record_batch, interleave, take};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::catalog::Session;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DFSchema, ScalarValue, exec_err};
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext;
use datafusion::logical_expr::{LogicalPlan, UserDefinedLogicalNode};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties,
    SendableRecordBatchStream, collect,
};
use datafusion::physical_planner::{ExtensionPlanner, PhysicalPlanner};
use serde_json::Value;

use crate::plan::graph::{
    Cycles, GraphNode, GraphOp, GraphSpec, HIDDEN_NODE_PROPERTIES, LambdaKind, MatchSpec,
};
use crate::syntax::{EdgeDirection, ScalarType};

/// The most candidate matches one `graph-match` considers.
pub const MAX_CANDIDATES: usize = 10_000_000;

/// How many matches are evaluated together.
const CHUNK: usize = 4096;

/// Plans [`GraphNode`]s.
#[derive(Debug, Default)]
pub struct GraphPlanner;

#[async_trait]
impl ExtensionPlanner for GraphPlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        _logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        session: &dyn Session,
        _planning_ctx: &PhysicalPlanningContext,
    ) -> Result<Option<Arc<dyn ExecutionPlan>>> {
        let Some(node) = node.as_any().downcast_ref::<GraphNode>() else {
            return Ok(None);
        };
        let compiled = match &node.op {
            GraphOp::Match(spec) => {
                let edge_schema = DFSchema::try_from(physical_inputs[0].schema().as_ref().clone())?;
                let compile = |e: &datafusion::logical_expr::Expr, s: &DFSchema| {
                    super::physical(session, e, s)
                };
                let binding = spec.binding.as_ref();
                let node_schema = node.graph.node_schema.as_ref();
                let element = |inner: bool| if inner { node_schema } else { &edge_schema };
                let mut needed = vec![false; binding.fields().len()];
                for e in spec.residual.iter().chain(&spec.project) {
                    for c in e.column_refs() {
                        if let Some(i) = binding.index_of_column_by_name(None, &c.name) {
                            needed[i] = true;
                        }
                    }
                }
                Some(Arc::new(CompiledMatch {
                    node_filters: spec
                        .node_filters
                        .iter()
                        .map(|(v, e)| Ok((*v, compile(e, binding)?)))
                        .collect::<Result<_>>()?,
                    edge_filters: spec
                        .edge_filters
                        .iter()
                        .map(|(v, e)| Ok((*v, compile(e, binding)?)))
                        .collect::<Result<_>>()?,
                    element_filters: spec
                        .element_filters
                        .iter()
                        .map(|(v, inner, e)| Ok((*v, *inner, compile(e, element(*inner))?)))
                        .collect::<Result<_>>()?,
                    lambdas: spec
                        .lambdas
                        .iter()
                        .map(|l| compile(&l.body, element(l.inner_nodes)))
                        .collect::<Result<_>>()?,
                    residual: spec
                        .residual
                        .iter()
                        .map(|e| compile(e, binding))
                        .collect::<Result<_>>()?,
                    project: spec
                        .project
                        .iter()
                        .map(|e| compile(e, binding))
                        .collect::<Result<_>>()?,
                    needed,
                }))
            }
            _ => None,
        };
        let schema: SchemaRef = Arc::new(node.schema.as_arrow().clone());
        let properties = Arc::new(PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Final,
            Boundedness::Bounded,
        ));
        let plan: Arc<dyn ExecutionPlan> = Arc::new(GraphExec {
            node: Arc::new(node.clone()),
            compiled,
            inputs: physical_inputs.to_vec(),
            schema,
            properties,
        });
        Ok(Some(plan))
    }
}

/// The physical expressions of a `graph-match`.
#[derive(Debug)]
struct CompiledMatch {
    node_filters: Vec<(usize, Arc<dyn PhysicalExpr>)>,
    edge_filters: Vec<(usize, Arc<dyn PhysicalExpr>)>,
    element_filters: Vec<(usize, bool, Arc<dyn PhysicalExpr>)>,
    lambdas: Vec<Arc<dyn PhysicalExpr>>,
    residual: Vec<Arc<dyn PhysicalExpr>>,
    project: Vec<Arc<dyn PhysicalExpr>>,
    /// The binding columns the residual and project expressions read.
    needed: Vec<bool>,
}

/// The physical graph operator.
#[derive(Debug)]
pub struct GraphExec {
    node: Arc<GraphNode>,
    compiled: Option<Arc<CompiledMatch>>,
    inputs: Vec<Arc<dyn ExecutionPlan>>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
}

impl DisplayAs for GraphExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "KqlGraphExec")
    }
}

impl ExecutionPlan for GraphExec {
    fn name(&self) -> &str {
        "KqlGraphExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        self.inputs.iter().collect()
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        // The expressions read the graph's binding schema, not the inputs': none to show.
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(GraphExec {
            node: Arc::clone(&self.node),
            compiled: self.compiled.clone(),
            inputs: children,
            schema: Arc::clone(&self.schema),
            properties: Arc::clone(&self.properties),
        }))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        if partition != 0 {
            return exec_err!("KqlGraphExec has one partition, not {partition}");
        }
        let inputs = self.inputs.clone();
        let node = Arc::clone(&self.node);
        let compiled = self.compiled.clone();
        let schema = Arc::clone(&self.schema);
        let out_schema = Arc::clone(&schema);
        let future = async move {
            let mut tables = Vec::new();
            for input in inputs {
                let input_schema = input.schema();
                let batches = collect(input, Arc::clone(&context)).await?;
                tables.push(concat_batches(&input_schema, &batches)?);
            }
            let graph = Graph::build(&node.graph, &tables)?;
            run(&node, &graph, compiled.as_deref(), &out_schema)
        };
        Ok(Box::pin(RecordBatchStreamAdapter::new(
            schema,
            futures::stream::once(future),
        )))
    }
}

/// A graph in memory.
struct Graph {
    /// The edges' rows.
    edges: RecordBatch,
    /// Per edge: source and target node.
    ends: Vec<(usize, usize)>,
    /// Per node: its properties (the node schema of [`GraphSpec`]).
    nodes: RecordBatch,
    /// Per node: `(edge, target)` of the edges out of it, and `(edge, source)` into it.
    out: Vec<Vec<(usize, usize)>>,
    into: Vec<Vec<(usize, usize)>>,
}

/// Where a node's properties come from.
enum NodeOrigin {
    Row(usize, usize),
    EdgesOnly,
}

impl Graph {
    fn build(spec: &GraphSpec, tables: &[RecordBatch]) -> Result<Graph> {
        let edges = tables[0].clone();
        let mut ids: Vec<ScalarValue> = Vec::new();
        let mut index: HashMap<ScalarValue, usize> = HashMap::new();
        let mut origins = Vec::new();
        for (t, key) in spec.node_keys.iter().enumerate() {
            let keys = cast(tables[t + 1].column(*key), &spec.key_type)?;
            for row in 0..keys.len() {
                if keys.is_null(row) {
                    continue;
                }
                let id = ScalarValue::try_from_array(&keys, row)?;
                if !index.contains_key(&id) {
                    index.insert(id.clone(), ids.len());
                    ids.push(id);
                    origins.push(NodeOrigin::Row(t, row));
                }
            }
        }
        let sources = cast(edges.column(spec.source), &spec.key_type)?;
        let targets = cast(edges.column(spec.target), &spec.key_type)?;
        let mut ends = Vec::with_capacity(edges.num_rows());
        let mut kept = Vec::with_capacity(edges.num_rows());
        for row in 0..edges.num_rows() {
            if sources.is_null(row) || targets.is_null(row) {
                continue;
            }
            let mut end = |array: &ArrayRef| -> Result<usize> {
                let id = ScalarValue::try_from_array(array, row)?;
                Ok(match index.get(&id) {
                    Some(i) => *i,
                    None => {
                        index.insert(id.clone(), ids.len());
                        ids.push(id);
                        origins.push(NodeOrigin::EdgesOnly);
                        ids.len() - 1
                    }
                })
            };
            let s = end(&sources)?;
            let d = end(&targets)?;
            ends.push((s, d));
            kept.push(row as u32);
        }
        let edges = if kept.len() == edges.num_rows() {
            edges
        } else {
            take_batch(&edges, &UInt32Array::from(kept))?
        };
        let n = ids.len();
        let id_array = if ids.is_empty() {
            new_null_array(&spec.key_type, 0)
        } else {
            ScalarValue::iter_to_array(ids)?
        };
        let mut out = vec![Vec::new(); n];
        let mut into = vec![Vec::new(); n];
        for (e, (s, d)) in ends.iter().enumerate() {
            out[*s].push((e, *d));
            into[*d].push((e, *s));
        }
        // The node properties.
        let schema = spec.node_schema.as_arrow();
        let visible = schema.fields().len() - HIDDEN_NODE_PROPERTIES;
        let plain = visible - spec.components.len();
        let mut columns: Vec<ArrayRef> = Vec::new();
        for field in schema.fields().iter().take(plain) {
            let ty = field.data_type();
            if spec.node_id_property.is_some() {
                columns.push(cast(&id_array, ty)?);
                continue;
            }
            let mut sources: Vec<ArrayRef> = Vec::new();
            for (t, key) in spec.node_keys.iter().enumerate() {
                let table = &tables[t + 1];
                let source = match table.schema().index_of(field.name()) {
                    Ok(i) if i == *key => cast(&id_array, ty)?,
                    Ok(i) => cast(table.column(i), ty)?,
                    Err(_) => new_null_array(ty, 1),
                };
                sources.push(source);
            }
            let is_key = spec
                .node_keys
                .iter()
                .enumerate()
                .any(|(t, k)| tables[t + 1].schema().field(*k).name() == field.name());
            let ids_source = sources.len();
            sources.push(cast(&id_array, ty)?);
            let null_source = sources.len();
            sources.push(new_null_array(ty, 1));
            let picks: Vec<(usize, usize)> = origins
                .iter()
                .enumerate()
                .map(|(node, origin)| match origin {
                    NodeOrigin::Row(t, row) => {
                        let table = &tables[t + 1];
                        match table.schema().index_of(field.name()) {
                            Ok(i) if i == spec.node_keys[*t] => (ids_source, node),
                            Ok(_) => (*t, *row),
                            Err(_) => (null_source, 0),
                        }
                    }
                    NodeOrigin::EdgesOnly if is_key => (ids_source, node),
                    NodeOrigin::EdgesOnly => (null_source, 0),
                })
                .collect();
            let refs: Vec<&dyn Array> = sources.iter().map(|a| a.as_ref()).collect();
            columns.push(interleave(&refs, &picks)?);
        }
        for (_, strong) in &spec.components {
            let ids = if *strong {
                strong_components(n, &out)
            } else {
                weak_components(n, &ends)
            };
            columns.push(Arc::new(Int64Array::from(ids)));
        }
        columns.push(id_array);
        columns.push(Arc::new(Int64Array::from_iter_values(
            into.iter().map(|v| v.len() as i64),
        )));
        columns.push(Arc::new(Int64Array::from_iter_values(
            out.iter().map(|v| v.len() as i64),
        )));
        let nodes = RecordBatch::try_new(Arc::new(schema.clone()), columns)?;
        Ok(Graph {
            edges,
            ends,
            nodes,
            out,
            into,
        })
    }

    fn node_count(&self) -> usize {
        self.nodes.num_rows()
    }
}

fn take_batch(batch: &RecordBatch, indices: &UInt32Array) -> Result<RecordBatch> {
    let columns = batch
        .columns()
        .iter()
        .map(|c| take(c, indices, None))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(RecordBatch::try_new(batch.schema(), columns)?)
}

/// Component numbers, in the order of each component's first node.
fn number_components(labels: Vec<usize>) -> Vec<i64> {
    let mut numbers: HashMap<usize, i64> = HashMap::new();
    labels
        .into_iter()
        .map(|l| {
            let next = numbers.len() as i64;
            *numbers.entry(l).or_insert(next)
        })
        .collect()
}

fn weak_components(n: usize, ends: &[(usize, usize)]) -> Vec<i64> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (s, d) in ends {
        let (a, b) = (find(&mut parent, *s), find(&mut parent, *d));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let labels = (0..n).map(|x| find(&mut parent, x)).collect();
    number_components(labels)
}

/// Strongly connected components (Kosaraju, iterative).
fn strong_components(n: usize, out: &[Vec<(usize, usize)>]) -> Vec<i64> {
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((v, i)) = stack.pop() {
            if let Some((_, w)) = out[v].get(i) {
                stack.push((v, i + 1));
                if !seen[*w] {
                    seen[*w] = true;
                    stack.push((*w, 0));
                }
            } else {
                order.push(v);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (v, edges) in out.iter().enumerate() {
        for (_, w) in edges {
            reverse[*w].push(v);
        }
    }
    let mut label = vec![usize::MAX; n];
    for &root in order.iter().rev() {
        if label[root] != usize::MAX {
            continue;
        }
        label[root] = root;
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            for &w in &reverse[v] {
                if label[w] == usize::MAX {
                    label[w] = root;
                    stack.push(w);
                }
            }
        }
    }
    number_components(label)
}

/// The node hash Kusto shows for a node id: `hash()` of the id.
fn node_hashes(ids: &ArrayRef, nodes: &[usize]) -> Int64Array {
    Int64Array::from_iter(nodes.iter().map(|&n| {
        if ids.is_null(n) {
            return None;
        }
        let bytes = match ids.data_type() {
            DataType::Int64 => {
                let v = ids.as_any().downcast_ref::<Int64Array>()?.value(n);
                v.to_le_bytes().to_vec()
            }
            DataType::Utf8 => ids
                .as_any()
                .downcast_ref::<StringArray>()?
                .value(n)
                .as_bytes()
                .to_vec(),
            _ => crate::udf::scalar_text(ids, n)
                .unwrap_or_default()
                .into_bytes(),
        };
        Some(crate::udf::xxh64(&bytes) as i64)
    }))
}

fn run(
    node: &GraphNode,
    graph: &Graph,
    compiled: Option<&CompiledMatch>,
    schema: &SchemaRef,
) -> Result<RecordBatch> {
    match &node.op {
        GraphOp::Nodes { node_id } => {
            let mut columns: Vec<ArrayRef> = Vec::new();
            let ids = graph
                .nodes
                .column(graph.nodes.num_columns() - HIDDEN_NODE_PROPERTIES);
            if node_id.is_some() {
                let all: Vec<usize> = (0..graph.node_count()).collect();
                columns.push(Arc::new(node_hashes(ids, &all)));
            }
            let visible = graph.nodes.num_columns() - HIDDEN_NODE_PROPERTIES;
            columns.extend(graph.nodes.columns().iter().take(visible).cloned());
            finish(schema, columns)
        }
        GraphOp::Edges {
            source_id,
            target_id,
        } => {
            let ids = graph
                .nodes
                .column(graph.nodes.num_columns() - HIDDEN_NODE_PROPERTIES);
            let mut columns: Vec<ArrayRef> = Vec::new();
            if source_id.is_some() {
                let s: Vec<usize> = graph.ends.iter().map(|e| e.0).collect();
                columns.push(Arc::new(node_hashes(ids, &s)));
            }
            if target_id.is_some() {
                let d: Vec<usize> = graph.ends.iter().map(|e| e.1).collect();
                columns.push(Arc::new(node_hashes(ids, &d)));
            }
            columns.extend(graph.edges.columns().iter().cloned());
            finish(schema, columns)
        }
        GraphOp::Match(spec) => {
            let Some(compiled) = compiled else {
                return exec_err!("graph-match was not compiled");
            };
            Matcher::new(spec, compiled, graph)?.run(schema)
        }
    }
}

/// A batch of `schema` from `columns`, each cast to its field's type.
fn finish(schema: &SchemaRef, columns: Vec<ArrayRef>) -> Result<RecordBatch> {
    let columns = columns
        .iter()
        .zip(schema.fields())
        .map(|(c, f)| cast(c, f.data_type()))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}

/// Evaluates `expr` on `batch` as a boolean mask (null is false).
fn mask(expr: &Arc<dyn PhysicalExpr>, batch: &RecordBatch) -> Result<Vec<bool>> {
    let value = expr.evaluate(batch)?.into_array(batch.num_rows())?;
    let Some(bools) = value.as_any().downcast_ref::<BooleanArray>() else {
        return exec_err!("a graph-match condition is not boolean");
    };
    Ok((0..bools.len())
        .map(|i| bools.is_valid(i) && bools.value(i))
        .collect())
}

/// Per edge variable in a match: its edges and its inner nodes, left to right.
#[derive(Clone, Debug, Default)]
struct PathBinding {
    edges: Vec<usize>,
    inner: Vec<usize>,
}

#[derive(Clone, Debug)]
struct Found {
    nodes: Vec<usize>,
    paths: Vec<PathBinding>,
}

/// One step of the search.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Bind a node variable to every node (the start of a path).
    Anchor(usize),
    /// Walk edge variable `edge` from node variable `from` to node variable `to`; `forward`
    /// when walking the pattern left to right.
    Walk {
        from: usize,
        edge: usize,
        direction: EdgeDirection,
        forward: bool,
        to: usize,
    },
}

struct Matcher<'a> {
    spec: &'a MatchSpec,
    compiled: &'a CompiledMatch,
    graph: &'a Graph,
    steps: Vec<Step>,
    node_ok: Vec<Option<Vec<bool>>>,
    edge_ok: Vec<Option<Vec<bool>>>,
    inner_ok: Vec<Option<Vec<bool>>>,
    // Search state.
    nodes: Vec<Option<usize>>,
    paths: Vec<PathBinding>,
    edge_used: Vec<u32>,
    node_used: Vec<u32>,
    found: Vec<Found>,
    candidates: usize,
    /// Per lambda, its body's value on every edge or node.
    lambda_values: Vec<ElementValues>,
}

/// A lambda body evaluated on every element: truth values for `all`/`any`, JSON for `map`.
enum ElementValues {
    Truth(Vec<bool>),
    Json(Vec<Value>),
}

fn and_masks(target: &mut Option<Vec<bool>>, mask: Vec<bool>) {
    match target {
        Some(existing) => existing.iter_mut().zip(mask).for_each(|(a, b)| *a &= b),
        None => *target = Some(mask),
    }
}

impl<'a> Matcher<'a> {
    fn new(spec: &'a MatchSpec, compiled: &'a CompiledMatch, graph: &'a Graph) -> Result<Self> {
        let mut node_ok = vec![None; spec.node_vars.len()];
        let mut edge_ok = vec![None; spec.edge_vars.len()];
        let mut inner_ok = vec![None; spec.edge_vars.len()];
        let binding: Arc<Schema> = Arc::new(spec.binding.as_arrow().clone());
        let all_nodes: Vec<usize> = (0..graph.node_count()).collect();
        let all_edges: Vec<usize> = (0..graph.edges.num_rows()).collect();
        for (v, expr) in &compiled.node_filters {
            let mut bound = vec![None; spec.node_vars.len()];
            bound[*v] = Some(all_nodes.as_slice());
            let batch = binding_batch(
                spec,
                graph,
                &binding,
                all_nodes.len(),
                &bound,
                &[],
                &[],
                None,
            )?;
            and_masks(&mut node_ok[*v], mask(expr, &batch)?);
        }
        for (e, expr) in &compiled.edge_filters {
            let mut edges = vec![None; spec.edge_vars.len()];
            edges[*e] = Some(all_edges.as_slice());
            let batch = binding_batch(
                spec,
                graph,
                &binding,
                all_edges.len(),
                &[],
                &edges,
                &[],
                None,
            )?;
            and_masks(&mut edge_ok[*e], mask(expr, &batch)?);
        }
        for (e, inner, expr) in &compiled.element_filters {
            if *inner {
                and_masks(&mut inner_ok[*e], mask(expr, &graph.nodes)?);
            } else {
                and_masks(&mut edge_ok[*e], mask(expr, &graph.edges)?);
            }
        }
        // The search steps: each path from a node already bound (or its first node), walking
        // right, then left.
        let mut steps = Vec::new();
        let mut planned = vec![false; spec.node_vars.len()];
        for path in &spec.paths {
            let anchor = path.nodes.iter().position(|v| planned[*v]).unwrap_or(0);
            if !planned[path.nodes[anchor]] {
                steps.push(Step::Anchor(path.nodes[anchor]));
                planned[path.nodes[anchor]] = true;
            }
            for k in anchor..path.edges.len() {
                let (edge, direction) = path.edges[k];
                steps.push(Step::Walk {
                    from: path.nodes[k],
                    edge,
                    direction,
                    forward: true,
                    to: path.nodes[k + 1],
                });
                planned[path.nodes[k + 1]] = true;
            }
            for k in (1..=anchor).rev() {
                let (edge, direction) = path.edges[k - 1];
                steps.push(Step::Walk {
                    from: path.nodes[k],
                    edge,
                    direction,
                    forward: false,
                    to: path.nodes[k - 1],
                });
                planned[path.nodes[k - 1]] = true;
            }
        }
        let mut lambda_values = Vec::new();
        for (k, lambda) in spec.lambdas.iter().enumerate() {
            let elements = if lambda.inner_nodes {
                &graph.nodes
            } else {
                &graph.edges
            };
            let values = compiled.lambdas[k]
                .evaluate(elements)?
                .into_array(elements.num_rows())?;
            lambda_values.push(match lambda.kind {
                LambdaKind::Map => {
                    let ty: ScalarType = lambda.body_type;
                    ElementValues::Json(
                        (0..values.len())
                            .map(|i| crate::engine::cell_json(&values, i, ty))
                            .collect(),
                    )
                }
                _ => {
                    let Some(bools) = values.as_any().downcast_ref::<BooleanArray>() else {
                        return exec_err!("the condition of all() or any() is not boolean");
                    };
                    ElementValues::Truth(
                        (0..bools.len())
                            .map(|i| bools.is_valid(i) && bools.value(i))
                            .collect(),
                    )
                }
            });
        }
        Ok(Matcher {
            lambda_values,
            spec,
            compiled,
            graph,
            steps,
            node_ok,
            edge_ok,
            inner_ok,
            nodes: vec![None; spec.node_vars.len()],
            paths: vec![PathBinding::default(); spec.edge_vars.len()],
            edge_used: vec![0; graph.edges.num_rows()],
            node_used: vec![0; graph.node_count()],
            found: Vec::new(),
            candidates: 0,
        })
    }

    fn run(mut self, schema: &SchemaRef) -> Result<RecordBatch> {
        self.search(0)?;
        let found = std::mem::take(&mut self.found);
        let mut outputs = Vec::new();
        let mut best: Vec<(usize, usize, usize, Vec<Found>)> = Vec::new();
        let mut best_index: HashMap<(usize, usize), usize> = HashMap::new();
        for chunk in found.chunks(CHUNK) {
            let batch = self.bindings(chunk)?;
            let mut keep = vec![true; chunk.len()];
            for expr in &self.compiled.residual {
                keep.iter_mut()
                    .zip(mask(expr, &batch)?)
                    .for_each(|(k, m)| *k &= m);
            }
            match self.spec.shortest {
                None => {
                    let batch = filter_record_batch(&batch, &BooleanArray::from(keep))?;
                    outputs.push(self.project(&batch, schema)?);
                }
                Some(all) => {
                    let path = &self.spec.paths[0];
                    let (first, last) = (path.nodes[0], path.nodes[path.nodes.len() - 1]);
                    for (m, _) in chunk.iter().zip(&keep).filter(|(_, k)| **k) {
                        let length: usize = path
                            .edges
                            .iter()
                            .map(|(e, _)| m.paths[*e].edges.len())
                            .sum();
                        let key = (m.nodes[first], m.nodes[last]);
                        match best_index.get(&key) {
                            None => {
                                best_index.insert(key, best.len());
                                best.push((key.0, key.1, length, vec![m.clone()]));
                            }
                            Some(&i) => {
                                let entry = &mut best[i];
                                if length < entry.2 {
                                    entry.2 = length;
                                    entry.3 = vec![m.clone()];
                                } else if length == entry.2 && all {
                                    entry.3.push(m.clone());
                                }
                            }
                        }
                    }
                }
            }
        }
        if self.spec.shortest.is_some() {
            let chosen: Vec<Found> = best.into_iter().flat_map(|b| b.3).collect();
            for chunk in chosen.chunks(CHUNK) {
                let batch = self.bindings(chunk)?;
                outputs.push(self.project(&batch, schema)?);
            }
        }
        Ok(concat_batches(schema, &outputs)?)
    }

    fn project(&self, batch: &RecordBatch, schema: &SchemaRef) -> Result<RecordBatch> {
        let columns = self
            .compiled
            .project
            .iter()
            .map(|e| e.evaluate(batch)?.into_array(batch.num_rows()))
            .collect::<Result<Vec<_>>>()?;
        if batch.num_rows() == 0 {
            return Ok(RecordBatch::new_empty(Arc::clone(schema)));
        }
        finish(schema, columns)
    }

    /// The binding batch of `found`: the needed columns of every variable, and the lambdas.
    fn bindings(&self, found: &[Found]) -> Result<RecordBatch> {
        let binding: Arc<Schema> = Arc::new(self.spec.binding.as_arrow().clone());
        let node_lists: Vec<Vec<usize>> = (0..self.spec.node_vars.len())
            .map(|v| found.iter().map(|f| f.nodes[v]).collect())
            .collect();
        let edge_lists: Vec<Vec<usize>> = (0..self.spec.edge_vars.len())
            .map(|e| {
                found
                    .iter()
                    .map(|f| f.paths[e].edges.first().copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        let nodes: Vec<Option<&[usize]>> = node_lists.iter().map(|l| Some(l.as_slice())).collect();
        let edges: Vec<Option<&[usize]>> = self
            .spec
            .edge_vars
            .iter()
            .zip(&edge_lists)
            .map(|(v, l)| (!v.variable_length).then_some(l.as_slice()))
            .collect();
        let lambdas = self.lambda_columns(found);
        binding_batch(
            self.spec,
            self.graph,
            &binding,
            found.len(),
            &nodes,
            &edges,
            &lambdas,
            Some(self.compiled.needed.as_slice()),
        )
    }

    fn lambda_columns(&self, found: &[Found]) -> Vec<ArrayRef> {
        let mut columns: Vec<ArrayRef> = Vec::new();
        for (lambda, values) in self.spec.lambdas.iter().zip(&self.lambda_values) {
            let items = |f: &Found| -> Vec<usize> {
                let path = &f.paths[lambda.var];
                if lambda.inner_nodes {
                    path.inner.clone()
                } else {
                    path.edges.clone()
                }
            };
            match values {
                ElementValues::Truth(truth) => {
                    let result: BooleanArray = found
                        .iter()
                        .map(|f| {
                            let items = items(f);
                            Some(match lambda.kind {
                                LambdaKind::All => items.iter().all(|i| truth[*i]),
                                _ => items.iter().any(|i| truth[*i]),
                            })
                        })
                        .collect();
                    columns.push(Arc::new(result));
                }
                ElementValues::Json(json) => {
                    let result: StringArray = found
                        .iter()
                        .map(|f| {
                            let array: Vec<Value> =
                                items(f).iter().map(|i| json[*i].clone()).collect();
                            Some(Value::Array(array).to_string())
                        })
                        .collect();
                    columns.push(Arc::new(result));
                }
            }
        }
        columns
    }

    fn search(&mut self, step: usize) -> Result<()> {
        let Some(&current) = self.steps.get(step) else {
            self.candidates += 1;
            if self.candidates > MAX_CANDIDATES {
                return Err(DataFusionError::ResourcesExhausted(format!(
                    "graph-match considered more than {MAX_CANDIDATES} candidate matches; \
                     narrow the pattern (shorter variable-length edges, more conditions)"
                )));
            }
            self.found.push(Found {
                nodes: self.nodes.iter().map(|n| n.unwrap_or(0)).collect(),
                paths: self.paths.clone(),
            });
            return Ok(());
        };
        match current {
            Step::Anchor(v) => {
                for node in 0..self.graph.node_count() {
                    if self.bind(v, node) {
                        self.search(step + 1)?;
                        self.unbind(v);
                    }
                }
                Ok(())
            }
            Step::Walk {
                from,
                edge,
                direction,
                forward,
                to,
            } => {
                let start = self.nodes[from].unwrap_or(0);
                let mut edges = Vec::new();
                let mut inner = Vec::new();
                self.walk(
                    step, start, edge, direction, forward, to, &mut edges, &mut inner,
                )
            }
        }
    }

    /// Binds node variable `v` to `node` if that is allowed; false when not (nothing changed).
    fn bind(&mut self, v: usize, node: usize) -> bool {
        if let Some(ok) = &self.node_ok[v]
            && !ok[node]
        {
            return false;
        }
        if self.spec.cycles == Cycles::None && self.node_used[node] > 0 {
            return false;
        }
        self.nodes[v] = Some(node);
        self.node_used[node] += 1;
        true
    }

    fn unbind(&mut self, v: usize) {
        if let Some(node) = self.nodes[v].take() {
            self.node_used[node] -= 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &mut self,
        step: usize,
        at: usize,
        edge: usize,
        direction: EdgeDirection,
        forward: bool,
        to: usize,
        edges: &mut Vec<usize>,
        inner: &mut Vec<usize>,
    ) -> Result<()> {
        let spec = self.spec;
        let (min, max) = (spec.edge_vars[edge].min, spec.edge_vars[edge].max);
        let depth = edges.len();
        if depth >= min {
            let mut ordered = PathBinding {
                edges: edges.clone(),
                inner: inner.clone(),
            };
            if !forward {
                ordered.edges.reverse();
                ordered.inner.reverse();
            }
            match self.nodes[to] {
                Some(bound) if bound == at => {
                    self.paths[edge] = ordered;
                    self.search(step + 1)?;
                }
                Some(_) => {}
                None => {
                    if self.bind(to, at) {
                        self.paths[edge] = ordered;
                        self.search(step + 1)?;
                        self.unbind(to);
                    }
                }
            }
        }
        if depth >= max {
            return Ok(());
        }
        // Walking on from `at` makes it an inner node (unless it is the start).
        if depth > 0 {
            if let Some(ok) = &self.inner_ok[edge]
                && !ok[at]
            {
                return Ok(());
            }
            if self.spec.cycles == Cycles::None && self.node_used[at] > 0 {
                return Ok(());
            }
            self.node_used[at] += 1;
            inner.push(at);
        }
        let out = matches!(
            (direction, forward),
            (EdgeDirection::Right, true) | (EdgeDirection::Left, false) | (EdgeDirection::Any, _)
        );
        let into = matches!(
            (direction, forward),
            (EdgeDirection::Left, true) | (EdgeDirection::Right, false) | (EdgeDirection::Any, _)
        );
        let graph = self.graph;
        let lists: [(&[(usize, usize)], bool); 2] = [
            (graph.out[at].as_slice(), out),
            (graph.into[at].as_slice(), into),
        ];
        let mut result = Ok(());
        'lists: for (list, wanted) in lists {
            if !wanted {
                continue;
            }
            for &(e, next) in list {
                if let Some(ok) = &self.edge_ok[edge]
                    && !ok[e]
                {
                    continue;
                }
                if self.spec.cycles != Cycles::All && self.edge_used[e] > 0 {
                    continue;
                }
                self.edge_used[e] += 1;
                edges.push(e);
                result = self.walk(step, next, edge, direction, forward, to, edges, inner);
                edges.pop();
                self.edge_used[e] -= 1;
                if result.is_err() {
                    break 'lists;
                }
            }
        }
        if depth > 0 {
            inner.pop();
            self.node_used[at] -= 1;
        }
        result
    }
}

/// A batch of the binding schema with `rows` rows: node variable `v`'s columns from the nodes
/// `nodes[v]`, single edge `e`'s from the edges `edges[e]`, the lambda columns, nulls elsewhere
/// (and where `needed` says a column is not read).
#[allow(clippy::too_many_arguments)]
fn binding_batch(
    spec: &MatchSpec,
    graph: &Graph,
    schema: &Arc<Schema>,
    rows: usize,
    nodes: &[Option<&[usize]>],
    edges: &[Option<&[usize]>],
    lambdas: &[ArrayRef],
    needed: Option<&[bool]>,
) -> Result<RecordBatch> {
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
    let node_props = graph.nodes.num_columns();
    let edge_props = graph.edges.num_columns();
    let mut position = 0;
    let mut push =
        |columns: &mut Vec<ArrayRef>, source: Option<(&ArrayRef, &[usize])>| -> Result<()> {
            let field = schema.field(position);
            let wanted = needed.is_none_or(|n| n[position]);
            let column = match source {
                Some((array, indices)) if wanted => {
                    let indices = UInt32Array::from_iter_values(indices.iter().map(|i| *i as u32));
                    cast(&take(array, &indices, None)?, field.data_type())?
                }
                _ => new_null_array(field.data_type(), rows),
            };
            columns.push(column);
            position += 1;
            Ok(())
        };
    for v in 0..spec.node_vars.len() {
        for p in 0..node_props {
            let source = nodes
                .get(v)
                .copied()
                .flatten()
                .map(|list| (graph.nodes.column(p), list));
            push(&mut columns, source)?;
        }
    }
    for (e, var) in spec.edge_vars.iter().enumerate() {
        if var.variable_length {
            continue;
        }
        for p in 0..edge_props {
            let source = edges
                .get(e)
                .copied()
                .flatten()
                .map(|list| (graph.edges.column(p), list));
            push(&mut columns, source)?;
        }
    }
    for k in 0..spec.lambdas.len() {
        let field = schema.field(position);
        columns.push(match lambdas.get(k) {
            Some(array) => cast(array, field.data_type())?,
            None => new_null_array(field.data_type(), rows),
        });
        position += 1;
    }
    Ok(RecordBatch::try_new_with_options(
        Arc::clone(schema),
        columns,
        &datafusion::arrow::array::RecordBatchOptions::new().with_row_count(Some(rows)),
    )?)
}
