//! `summarize`: group keys first, then the aggregations, with Kusto's default names.
//!
//! Aggregation items may wrap aggregations in scalar expressions (`summarize rate =
//! countif(x) * 100.0 / count()`): each aggregate call becomes an output of DataFusion's
//! `Aggregate` node (`__kql_agg_<n>`), and a projection computes the items from them.
//! `arg_max`/`arg_min` expand into one `first_value(... ORDER BY ...)` per returned column.

use datafusion::common::Column;
use datafusion::functions_aggregate::expr_fn::{first_value, max, min};
use datafusion::logical_expr::{Expr, LogicalPlanBuilder};

use super::expr::aggregate_column;
use super::naming::{ColumnNames, default_name};
use super::operators::{item_name, output_expr};
use super::scope::ScopeEntry;
use super::{ExprLowerer, Planner, Scope, Tabular, Typed, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Alias, Expr as Ast, ExprKind, NamedExpr, ScalarType, Summarize};

/// An output of the summarize: its name and value over the aggregate's output.
struct Output {
    name: String,
    value: Typed,
}

/// The aggregate calls of a summarize and the outputs computed from them.
#[derive(Default)]
struct Aggregation {
    aggregates: Vec<Expr>,
    outputs: Vec<Output>,
    numbers: ColumnNames,
}

impl Aggregation {
    /// Adds an output that is exactly one aggregate call.
    fn push(&mut self, name: String, aggregate: Expr, ty: ScalarType) {
        let column = aggregate_column(self.aggregates.len());
        self.aggregates.push(aggregate.alias(&column));
        self.outputs.push(Output {
            name,
            value: Typed::new(Expr::Column(Column::new_unqualified(column)), ty),
        });
    }

    fn has_output(&self, name: &str) -> bool {
        self.outputs.iter().any(|o| o.name == name)
    }
}

impl Planner<'_> {
    pub(crate) fn plan_summarize(
        &self,
        input: Tabular,
        summarize: &Summarize,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let mut acc = Aggregation::default();
        let mut keys: Vec<ScopeEntry> = Vec::new();
        for item in &summarize.by {
            let value = ExprLowerer::new(self, &scope).lower(&item.expr)?;
            let name = item_name(item, &mut acc.numbers, |n| keys.iter().any(|k| k.name == n))?;
            keys.push(ScopeEntry {
                name,
                value,
                origin: None,
            });
        }
        let items = crate::functions::expand_percentiles(&summarize.aggregates);
        for item in &items {
            if let Some((maximize, args)) = arg_extreme(&item.expr) {
                self.plan_arg_extreme(&scope, item, maximize, args, &keys, &mut acc)?;
                continue;
            }
            let mut lowerer = ExprLowerer::for_aggregates(self, &scope, &mut acc.aggregates);
            lowerer.input_order = super::window::input_order(&input.plan);
            let value = lowerer.lower(&item.expr)?;
            let outputs = &acc.outputs;
            let taken =
                |n: &str| keys.iter().any(|k| k.name == n) || outputs.iter().any(|o| o.name == n);
            let name = item_name(item, &mut acc.numbers, taken)?;
            acc.outputs.push(Output { name, value });
        }
        let group: Vec<Expr> = keys.iter().map(|k| output_expr(&scope, k)).collect();
        let plan = LogicalPlanBuilder::from(input.plan)
            .aggregate(group, acc.aggregates)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let after = Tabular {
            plan,
            columns: Vec::new(),
        };
        let after_scope = Scope {
            entries: Vec::new(),
            schema: std::sync::Arc::clone(after.plan.schema()),
        };
        let mut entries: Vec<ScopeEntry> = keys
            .into_iter()
            .map(|k| ScopeEntry {
                value: Typed::new(
                    Expr::Column(Column::new_unqualified(k.name.clone())),
                    k.value.ty,
                ),
                name: k.name,
                origin: None,
            })
            .collect();
        entries.extend(acc.outputs.into_iter().map(|o| ScopeEntry {
            name: o.name,
            value: o.value,
            origin: None,
        }));
        self.project_entries(after, &after_scope, entries, span)
    }

    /// `arg_max(by, cols...)` / `arg_min(...)` as a top-level aggregation item: the extreme value
    /// of `by`, then each returned expression (`*`: every column not already output) at the row
    /// where it is reached.
    fn plan_arg_extreme(
        &self,
        scope: &Scope,
        item: &NamedExpr,
        maximize: bool,
        args: &[Ast],
        keys: &[ScopeEntry],
        acc: &mut Aggregation,
    ) -> Result<(), Diagnostic> {
        let function = if maximize { "arg_max" } else { "arg_min" };
        let [by, returned @ ..] = args else {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                format!(
                    "`{function}()` needs the expression to maximize and the columns to return"
                ),
            )
            .with_span(item.expr.span));
        };
        if returned.is_empty() {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                format!("`{function}()` needs the columns to return (or `*`)"),
            )
            .with_span(item.expr.span));
        }
        let aliases: Vec<String> = match &item.alias {
            Some(Alias::Tuple(names)) => names.iter().map(|n| n.name.clone()).collect(),
            Some(Alias::Name(n)) => vec![n.name.clone()],
            None => Vec::new(),
        };
        let mut next_alias = aliases.into_iter();
        let by_value = ExprLowerer::new(self, scope).lower(by)?;
        let order = vec![by_value.expr.clone().sort(!maximize, false)];
        let first_name = match next_alias.next().or_else(|| default_name(by)) {
            Some(name) => name,
            None => acc.numbers.next(|_| false),
        };
        let extreme = if maximize {
            max(by_value.materialize())
        } else {
            min(by_value.materialize())
        };
        acc.push(first_name, extreme, by_value.ty);
        for expr in returned {
            if matches!(expr.kind, ExprKind::Wildcard) {
                for entry in &scope.entries {
                    if keys.iter().any(|k| k.name == entry.name) || acc.has_output(&entry.name) {
                        continue;
                    }
                    let value = first_value(entry.value.materialize(), order.clone());
                    acc.push(entry.name.clone(), value, entry.value.ty);
                }
                continue;
            }
            let value = ExprLowerer::new(self, scope).lower(expr)?;
            let name = match next_alias.next().or_else(|| default_name(expr)) {
                Some(name) => name,
                None => {
                    let outputs = &acc.outputs;
                    acc.numbers.next(|n| outputs.iter().any(|o| o.name == n))
                }
            };
            acc.push(
                name,
                first_value(value.materialize(), order.clone()),
                value.ty,
            );
        }
        Ok(())
    }

    /// `summarize by keys` without aggregations (also `distinct a, b`).
    pub(crate) fn plan_group(
        &self,
        input: Tabular,
        keys: &[NamedExpr],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let summarize = Summarize {
            hints: Vec::new(),
            aggregates: Vec::new(),
            by: keys.to_vec(),
        };
        self.plan_summarize(input, &summarize, span)
    }
}

/// `arg_max(...)` / `arg_min(...)` at the top of an aggregation item: (maximize?, arguments).
fn arg_extreme(e: &Ast) -> Option<(bool, &[Ast])> {
    match &e.kind {
        ExprKind::Call(call) => match call.name.name.as_str() {
            "arg_max" => Some((true, &call.args)),
            "arg_min" => Some((false, &call.args)),
            _ => None,
        },
        _ => None,
    }
}
