//! The planner: a KQL syntax tree to a DataFusion [`LogicalPlan`], built with
//! [`LogicalPlanBuilder`] (never through SQL text).
//!
//! Shaped like DataFusion's `SqlToRel`: a [`Planner`] over a [`Catalog`], one method per tabular
//! operator, each a builder step. The planner tracks the KQL type of every column alongside the
//! plan (dynamic values are JSON text in `Utf8` columns; see `docs/dynamic.md`) and applies
//! Kusto's semantics rather than SQL's: default column names (`count_`, `sum_X`, `Column1`,
//! `print_0`), `summarize` keys first, `sort` descending by default with nulls last, `ago()` and
//! `now()` fixed once per query, Kusto's null and case rules in comparisons, and promoted
//! `RawEventData` paths read from their columns (see [`promoted`]).
//!
//! ```text
//! let catalog = SessionCatalog::new(&ctx).await?;
//! let query = syntax::parse("CloudAuditEvents | where OperationName == 'create' | count")?;
//! let planned = Planner::new(&catalog, &PlanOptions::default()).plan_query(&query)?;
//! ```

pub mod catalog;
pub mod types;

mod arith;
mod compare;
pub(crate) mod convert;
mod evaluate;
mod expr;
mod functions;
pub mod graph;
mod join;
pub(crate) mod literal;
mod make_series;
mod mv_apply;
mod mv_expand;
mod naming;
mod operators;
mod parse_kv;
mod parse_op;
mod partition;
mod pivot;
mod plugins;
pub mod promoted;
mod sample;
pub(crate) mod scan;
mod scope;
mod sources;
mod summarize;
mod top_nested;
mod union;
pub(crate) mod window;

#[cfg(test)]
mod ops_tests;
#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use datafusion::common::TableReference;
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};
use serde::Serialize;

pub use catalog::{Catalog, SessionCatalog};

pub(crate) use arith::arithmetic;
pub(crate) use compare::{check_regex, regex_groups};
pub(crate) use expr::{ExprLowerer, Typed, not_supported};
pub(crate) use literal::constant as constant_value;
pub(crate) use naming::default_name;
pub(crate) use scope::{ColumnInfo, Origin, Scope, Tabular};

use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::{
    ExprKind, FunctionDef, Ident, LetStatement, LetValue, Operator, OperatorKind, Query,
    ScalarType, Source, SourceKind, StatementKind, TabularExpr,
};
use types::kql_type_of_field;

/// Settings that hold for one query.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// The value of `now()`; `ago(x)` is `now - x`. Fixed once per query.
    pub now: DateTime<Utc>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions { now: Utc::now() }
    }
}

/// A result column: its name and KQL type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutputColumn {
    pub name: String,
    #[serde(serialize_with = "serialize_type")]
    pub ty: ScalarType,
}

fn serialize_type<S: serde::Serializer>(ty: &ScalarType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(ty.name())
}

/// A planned query: the DataFusion plan and the KQL view of its output columns.
#[derive(Clone, Debug)]
pub struct PlannedQuery {
    pub plan: LogicalPlan,
    pub columns: Vec<OutputColumn>,
    /// The `render` operator at the end of the query, if any (rows pass through unchanged).
    pub render: Option<RenderSpec>,
}

/// What a `render` operator asks for: the visualization and its `with (...)` properties, each
/// value as text (a string literal unquoted, anything else as written).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenderSpec {
    pub visualization: String,
    pub properties: Vec<(String, String)>,
}

/// What a `let` name stands for.
#[derive(Clone, Debug)]
enum Binding {
    Scalar(Typed),
    Tabular(Tabular),
    /// A user function (`let f = (a:long) { ... }`), inlined where it is called.
    Function(Arc<FunctionDef>),
}

/// Plans KQL queries over a [`Catalog`].
pub struct Planner<'a> {
    catalog: &'a dyn Catalog,
    now_micros: Cell<i64>,
    /// Query options set by `set name = value` statements (`query_bin_auto_size`, ...).
    options: RefCell<Vec<(String, crate::syntax::Expr)>>,
    /// The names in scope: `let`s, `as` names and, while a user function is inlined, its
    /// parameters. Later entries shadow earlier ones.
    lets: RefCell<Vec<(String, Binding)>>,
    scans: Cell<usize>,
    /// How deep user-function calls are nested (a recursive function is an error).
    call_depth: Cell<usize>,
    /// The last `render` seen.
    render: RefCell<Option<RenderSpec>>,
}

/// Plans a parsed query.
pub fn plan_query(
    catalog: &dyn Catalog,
    query: &Query,
    options: &PlanOptions,
) -> Result<PlannedQuery, Diagnostic> {
    Planner::new(catalog, options).plan_query(query)
}

/// A DataFusion error while building a plan, located at the operator that caused it.
pub(crate) fn plan_error(e: DataFusionError, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::ExecutionError,
        format!("cannot plan this operator: {}", e.strip_backtrace()),
    )
    .with_span(span)
}

impl<'a> Planner<'a> {
    pub fn new(catalog: &'a dyn Catalog, options: &PlanOptions) -> Self {
        Planner {
            catalog,
            now_micros: Cell::new(options.now.timestamp_micros()),
            options: RefCell::new(Vec::new()),
            lets: RefCell::new(Vec::new()),
            scans: Cell::new(0),
            call_depth: Cell::new(0),
            render: RefCell::new(None),
        }
    }

    /// Plans the query's `let` statements and its one tabular statement.
    pub fn plan_query(&mut self, query: &Query) -> Result<PlannedQuery, Diagnostic> {
        let mut result: Option<Tabular> = None;
        for statement in &query.statements {
            match &statement.kind {
                StatementKind::Let(binding) => self.plan_let(binding, statement.span)?,
                StatementKind::Set(set) => self.plan_set(set)?,
                StatementKind::Query(tabular) => {
                    if result.is_some() {
                        return Err(not_supported(
                            "more than one tabular statement (a batch)",
                            statement.span,
                        ));
                    }
                    *self.render.borrow_mut() = None;
                    let planned = self.plan_tabular(tabular)?;
                    if !matches!(
                        tabular.operators.last().map(|o| &o.kind),
                        Some(OperatorKind::Render(_))
                    ) {
                        *self.render.borrow_mut() = None;
                    }
                    result = Some(planned);
                }
            }
        }
        let Some(result) = result else {
            return Err(Diagnostic::error(
                Code::WrongKindOfExpression,
                "the query has no tabular statement",
            )
            .with_span(Span::at(query.span.end))
            .with_help("end the query with a tabular expression, such as a table name"));
        };
        Ok(PlannedQuery {
            columns: result
                .columns
                .iter()
                .map(|c| OutputColumn {
                    name: c.name.clone(),
                    ty: c.ty,
                })
                .collect(),
            plan: result.plan,
            render: self.render.borrow_mut().take(),
        })
    }

    /// `now()` for this query, in microseconds since the epoch.
    /// The value of a query option set by a `set` statement.
    pub(crate) fn query_option(&self, name: &str) -> Option<crate::syntax::Expr> {
        self.options
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, e)| e.clone())
    }

    /// `set name [= value]`: `query_now` fixes `now()`; `query_bin_auto_size`/`_at` are kept for
    /// `bin_auto()`; the truncation options are accepted (kqlhunt truncates only on request).
    fn plan_set(&self, set: &crate::syntax::SetStatement) -> Result<(), Diagnostic> {
        let name = set.name.name.as_str();
        let value = || {
            set.value.clone().ok_or_else(|| {
                Diagnostic::error(
                    Code::InvalidArgument,
                    format!("the query option `{name}` needs a value: `set {name} = ...`"),
                )
                .with_span(set.name.span)
            })
        };
        match name {
            "query_now" => {
                let v = value()?;
                let t = ExprLowerer::new(self, &Scope::empty()).lower(&v)?;
                match (t.ty, literal::constant(&t.expr)) {
                    (
                        crate::syntax::ScalarType::DateTime,
                        Some(datafusion::common::ScalarValue::TimestampMicrosecond(Some(us), _)),
                    ) => self.now_micros.set(*us),
                    _ => {
                        return Err(Diagnostic::error(
                            Code::TypeMismatch,
                            "`query_now` must be a constant datetime",
                        )
                        .with_span(v.span));
                    }
                }
            }
            "query_bin_auto_size" | "query_bin_auto_at" => {
                let v = value()?;
                self.options.borrow_mut().push((name.to_string(), v));
            }
            "notruncation" | "truncationmaxrecords" | "truncationmaxsize" => {}
            _ => {
                return Err(not_supported(
                    &format!("the query option `{name}`"),
                    set.name.span,
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn now_micros(&self) -> i64 {
        self.now_micros.get()
    }

    fn binding(&self, name: &str) -> Option<Binding> {
        self.lets
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
    }

    /// Binds `name` for the rest of the current scope.
    fn bind(&self, name: &str, binding: Binding) {
        self.lets.borrow_mut().push((name.to_string(), binding));
    }

    /// Runs `f` with the names it binds dropped afterwards (a function body's scope).
    fn scoped<R>(&self, f: impl FnOnce() -> R) -> R {
        let depth = self.lets.borrow().len();
        let result = f();
        self.lets.borrow_mut().truncate(depth);
        result
    }

    /// The value of a scalar `let`.
    pub(crate) fn scalar_binding(&self, name: &str) -> Option<Typed> {
        match self.binding(name) {
            Some(Binding::Scalar(t)) => Some(t),
            _ => None,
        }
    }

    /// The user function named `name`, if one is in scope.
    pub(crate) fn function_binding(&self, name: &str) -> Option<Arc<FunctionDef>> {
        match self.binding(name) {
            Some(Binding::Function(f)) => Some(f),
            _ => None,
        }
    }

    /// The names of the scalar `let`s, for suggestions.
    pub(crate) fn scalar_names(&self) -> Vec<String> {
        self.lets
            .borrow()
            .iter()
            .filter_map(|(n, b)| match b {
                Binding::Scalar(_) => Some(n.clone()),
                _ => None,
            })
            .collect()
    }

    /// The names of the tabular `let`s (and views).
    fn tabular_names(&self) -> Vec<String> {
        self.lets
            .borrow()
            .iter()
            .filter_map(|(n, b)| match b {
                Binding::Tabular(_) => Some(n.clone()),
                Binding::Function(f) if f.params.is_empty() => Some(n.clone()),
                _ => None,
            })
            .collect()
    }

    /// Whether `name` is a tabular `let`, a view (a function without parameters) or a table.
    pub(crate) fn is_tabular_name(&self, name: &str) -> bool {
        match self.binding(name) {
            Some(Binding::Tabular(_)) => true,
            Some(Binding::Function(f)) => f.params.is_empty() && self.function_is_tabular(&f),
            Some(Binding::Scalar(_)) => false,
            None => self.catalog.table(name).is_some(),
        }
    }

    fn plan_let(&self, binding: &LetStatement, span: Span) -> Result<(), Diagnostic> {
        let value = match &binding.value {
            LetValue::Tabular(tabular) => Binding::Tabular(self.plan_tabular(tabular)?),
            LetValue::Scalar(e) => match &e.kind {
                ExprKind::Ident(id) if self.is_tabular_name(&id.name) => {
                    Binding::Tabular(self.plan_table_name(id)?)
                }
                _ if self.is_tabular_value(e) => Binding::Tabular(self.tabular_argument(e)?),
                _ => {
                    let scope = Scope::empty();
                    let value = ExprLowerer::new(self, &scope).lower(e)?;
                    Binding::Scalar(value)
                }
            },
            LetValue::Function(def) => {
                self.check_function(def, span)?;
                Binding::Function(Arc::new(def.clone()))
            }
        };
        self.bind(&binding.name.name, value);
        Ok(())
    }

    /// Plans a tabular expression: its source, then each operator in turn.
    pub(crate) fn plan_tabular(&self, tabular: &TabularExpr) -> Result<Tabular, Diagnostic> {
        let mut current = self.plan_source(&tabular.source)?;
        let mut rest = tabular.operators.as_slice();
        while let Some(operator) = rest.first() {
            if matches!(operator.kind, OperatorKind::MakeGraph(_)) {
                let (table, used) = self.plan_graph(current, rest)?;
                current = table;
                rest = &rest[used..];
                continue;
            }
            current = self.plan_operator(current, operator)?;
            rest = &rest[1..];
        }
        Ok(current)
    }

    fn plan_source(&self, source: &Source) -> Result<Tabular, Diagnostic> {
        match &source.kind {
            SourceKind::Table(id) => self.plan_table_name(id),
            SourceKind::Paren(inner) => self.plan_tabular(inner),
            SourceKind::Datatable(table) => self.plan_datatable(table, source.span),
            SourceKind::Print(items) => self.plan_print(items, source.span),
            SourceKind::Range(range) => self.plan_range(range, source.span),
            SourceKind::Call(call) => self.plan_tabular_call(call, None, source.span),
            SourceKind::Union(union) => self.plan_union(None, union, source.span),
        }
    }

    /// A table or tabular `let` by name.
    pub(crate) fn plan_table_name(&self, id: &Ident) -> Result<Tabular, Diagnostic> {
        match self.binding(&id.name) {
            Some(Binding::Tabular(t)) => return Ok(t.clone()),
            Some(Binding::Function(def)) => {
                return self.call_tabular_function(&def, &id.name, &[], None, id.span);
            }
            Some(Binding::Scalar(_)) => {
                return Err(Diagnostic::error(
                    Code::WrongKindOfExpression,
                    format!("`{}` is a scalar value, not a table", id.name),
                )
                .with_span(id.span));
            }
            None => {}
        }
        let Some(source) = self.catalog.table(&id.name) else {
            let mut candidates = self.catalog.table_names();
            candidates.extend(self.tabular_names());
            let mut d =
                Diagnostic::error(Code::UnknownTable, format!("no table named `{}`", id.name))
                    .with_span(id.span)
                    .with_label("unknown table");
            if let Some(s) = did_you_mean(&id.name, &candidates) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            return Err(d);
        };
        let scan = self.scans.get();
        self.scans.set(scan + 1);
        let plan = LogicalPlanBuilder::scan(TableReference::bare(id.name.as_str()), source, None)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, id.span))?;
        let table: std::sync::Arc<str> = id.name.as_str().into();
        let columns = plan
            .schema()
            .fields()
            .iter()
            .map(|f| ColumnInfo {
                name: f.name().clone(),
                ty: kql_type_of_field(f),
                origin: Some(Origin {
                    table: table.clone(),
                    column: f.name().as_str().into(),
                    scan,
                }),
            })
            .collect();
        Ok(Tabular { plan, columns })
    }

    fn plan_operator(&self, input: Tabular, operator: &Operator) -> Result<Tabular, Diagnostic> {
        let span = operator.span;
        match &operator.kind {
            OperatorKind::Where(predicate) => self.plan_where(input, predicate),
            OperatorKind::Extend(items) | OperatorKind::Serialize(items) => {
                self.plan_extend(input, items, span)
            }
            OperatorKind::Project(items) => self.plan_project(input, items, span),
            OperatorKind::ProjectAway(patterns) => self.plan_project_away(input, patterns, span),
            OperatorKind::ProjectKeep(patterns) => self.plan_project_keep(input, patterns, span),
            OperatorKind::ProjectByNames(names) => self.plan_project_by_names(input, names, span),
            OperatorKind::ProjectRename(renames) => self.plan_project_rename(input, renames, span),
            OperatorKind::ProjectReorder(items) => self.plan_project_reorder(input, items, span),
            OperatorKind::Summarize(summarize) => self.plan_summarize(input, summarize, span),
            OperatorKind::Count => self.plan_count(input, span),
            OperatorKind::Take(count) => self.plan_take(input, count, span),
            OperatorKind::Sort(keys) => self.plan_sort(input, keys, None, span),
            OperatorKind::Top(top) => self.plan_top(input, top, span),
            OperatorKind::TopHitters(top) => self.plan_top_hitters(input, top, span),
            OperatorKind::Sample(count) => self.plan_sample(input, count, span),
            OperatorKind::SampleDistinct(s) => self.plan_sample_distinct(input, s, span),
            OperatorKind::Distinct(distinct) => self.plan_distinct(input, distinct, span),
            OperatorKind::MvExpand(expand) => self.plan_mv_expand(input, expand, span),
            OperatorKind::GetSchema => self.plan_getschema(&input, span),
            OperatorKind::Join(join) => self.plan_join(input, join, span),
            OperatorKind::Lookup(lookup) => self.plan_lookup(input, lookup, span),
            OperatorKind::Union(union) => self.plan_union(Some(input), union, span),
            OperatorKind::As(as_) => self.plan_as(input, as_),
            OperatorKind::Invoke(call) => self.plan_tabular_call(call, Some(input), span),
            OperatorKind::Render(render) => self.plan_render(input, render),
            OperatorKind::Parse(parse) => self.plan_parse(input, parse, false, span),
            OperatorKind::ParseWhere(parse) => self.plan_parse(input, parse, true, span),
            OperatorKind::ParseKv(kv) => self.plan_parse_kv(input, kv, span),
            OperatorKind::Partition(partition) => self.plan_partition(input, partition, span),
            OperatorKind::TopNested(nested) => self.plan_top_nested(input, nested, span),
            OperatorKind::MvApply(apply) => self.plan_mv_apply(input, apply, span),
            OperatorKind::MakeSeries(series) => self.plan_make_series(input, series, span),
            OperatorKind::Evaluate(evaluate) => self.plan_evaluate(input, evaluate, span),
            OperatorKind::Scan(scan) => self.plan_scan(input, scan, None, span),
            OperatorKind::MakeGraph(_)
            | OperatorKind::GraphMatch(_)
            | OperatorKind::GraphShortestPaths(_)
            | OperatorKind::GraphToTable(_)
            | OperatorKind::GraphMarkComponents(_) => Err(Diagnostic::error(
                Code::WrongKindOfExpression,
                format!(
                    "`{}` reads a graph: it must follow `make-graph`",
                    operator.kind.name()
                ),
            )
            .with_span(span)
            .with_help("build the graph first: `| make-graph source --> target | ...`")),
        }
    }
}
