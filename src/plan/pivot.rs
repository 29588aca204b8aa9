//! `evaluate pivot(PivotColumn [, Aggregation] [, Column, ...])`: one output column per distinct
//! value of `PivotColumn` (its text, in ascending order), holding the aggregation (`count()` by
//! default) over the rows with that value, grouped by the listed columns (by default every
//! column but the pivot column and the columns the aggregation reads).
//!
//! The columns depend on the data, so, as for `bag_unpack`, the planner reads the distinct
//! values at plan time, only for an input computed from constants. Each output column is the
//! aggregation with a filter (`FILTER (WHERE tostring(PivotColumn) == value)`), all in one
//! `Aggregate` node.

use std::collections::BTreeSet;

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Column;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, cast, lit};

use super::convert;
use super::evaluate::{is_constant_plan, run_now};
use super::expr::{Typed, aggregate_column};
use super::operators::output_expr;
use super::scope::ScopeEntry;
use super::{ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Expr as Ast, ExprKind, FunctionCall, Ident};

/// The column names an expression reads.
fn idents(e: &Ast, out: &mut BTreeSet<String>) {
    match &e.kind {
        ExprKind::Ident(id) => {
            out.insert(id.name.clone());
        }
        ExprKind::Member { base, .. } => idents(base, out),
        ExprKind::Index { base, index } => {
            idents(base, out);
            idents(index, out);
        }
        ExprKind::Call(call) => call.args.iter().for_each(|a| idents(a, out)),
        ExprKind::Unary { operand, .. } => idents(operand, out),
        ExprKind::Binary { left, right, .. } => {
            idents(left, out);
            idents(right, out);
        }
        ExprKind::Paren(inner) => idents(inner, out),
        _ => {}
    }
}

impl Planner<'_> {
    pub(crate) fn plan_pivot(
        &self,
        input: Tabular,
        plugin: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let Some(pivot) = plugin.args.first() else {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                "`pivot()` needs the column whose values become columns",
            )
            .with_span(plugin.name.span));
        };
        let ExprKind::Ident(pivot_name) = &pivot.kind else {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the first argument of `pivot()` must be a column",
            )
            .with_span(pivot.span));
        };
        let scope = Scope::of(&input);
        input.require(&pivot_name.name, pivot_name.span)?;
        let count_call = Ast::new(
            ExprKind::Call(FunctionCall {
                name: Ident {
                    name: "count".to_string(),
                    span: plugin.name.span,
                },
                args: Vec::new(),
            }),
            plugin.name.span,
        );
        let aggregation = plugin.args.get(1).unwrap_or(&count_call);
        let mut keys: Vec<String> = Vec::new();
        for arg in plugin.args.iter().skip(2) {
            let ExprKind::Ident(id) = &arg.kind else {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    "the grouping arguments of `pivot()` must be columns",
                )
                .with_span(arg.span));
            };
            input.require(&id.name, id.span)?;
            keys.push(id.name.clone());
        }
        if plugin.args.len() <= 2 {
            let mut read = BTreeSet::new();
            idents(aggregation, &mut read);
            keys = scope
                .names()
                .filter(|n| *n != pivot_name.name && !read.contains(*n))
                .map(str::to_string)
                .collect();
        }

        // The distinct values of the pivot column, now.
        if !is_constant_plan(&input.plan) {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "`pivot` is only supported over constant inputs (`datatable`, `print`, ...)",
            )
            .with_span(span));
        }
        let pivot_value = ExprLowerer::new(self, &scope).lower(pivot)?;
        let pivot_text = cast(
            convert::to_string_value(&pivot_value, scope.schema.as_ref()),
            DataType::Utf8,
        );
        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .project(vec![pivot_text.clone().alias("__kql_pivot")])
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let batches = run_now(plan).map_err(|e| {
            Diagnostic::error(
                Code::ExecutionError,
                format!("cannot read the pivot values: {e}"),
            )
            .with_span(span)
        })?;
        let mut values = BTreeSet::new();
        for batch in &batches {
            let texts = batch.column(0).as_string::<i32>();
            for row in 0..texts.len() {
                if !texts.is_null(row) {
                    values.insert(texts.value(row).to_string());
                }
            }
        }

        // One filtered copy of the aggregation per value.
        let mut aggregates: Vec<Expr> = Vec::new();
        let mut outputs: Vec<(String, Typed)> = Vec::new();
        for (j, value) in values.iter().enumerate() {
            let mut found: Vec<Expr> = Vec::new();
            let lowered =
                ExprLowerer::for_aggregates(self, &scope, &mut found).lower(aggregation)?;
            let condition = pivot_text.clone().eq(lit(value.clone()));
            let rename = |n: usize| format!("__kql_pivot_{j}_{n}");
            for (n, aggregate) in found.into_iter().enumerate() {
                let filtered = aggregate
                    .transform(|e| match e {
                        Expr::AggregateFunction(mut f) => {
                            f.params.filter = Some(Box::new(condition.clone()));
                            Ok(Transformed::yes(Expr::AggregateFunction(f)))
                        }
                        other => Ok(Transformed::no(other)),
                    })
                    .map_err(|e| plan_error(e, span))?
                    .data;
                let filtered = match filtered {
                    Expr::Alias(alias) => *alias.expr,
                    other => other,
                };
                aggregates.push(filtered.alias(rename(n)));
            }
            let expr = lowered
                .expr
                .transform(|e| match e {
                    Expr::Column(c) if c.name.starts_with("__kql_agg_") => {
                        let n = (0..).find(|n| aggregate_column(*n) == c.name).unwrap_or(0);
                        Ok(Transformed::yes(Expr::Column(Column::new_unqualified(
                            rename(n),
                        ))))
                    }
                    other => Ok(Transformed::no(other)),
                })
                .map_err(|e| plan_error(e, span))?
                .data;
            outputs.push((value.clone(), Typed::new(expr, lowered.ty)));
        }
        let key_entries: Vec<ScopeEntry> =
            keys.iter().filter_map(|k| scope.get(k).cloned()).collect();
        let group: Vec<Expr> = key_entries.iter().map(|k| output_expr(&scope, k)).collect();
        let plan = LogicalPlanBuilder::from(input.plan)
            .aggregate(group, aggregates)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let grouped = Tabular {
            plan,
            columns: Vec::new(),
        };
        let after = Scope {
            entries: Vec::new(),
            schema: std::sync::Arc::clone(grouped.plan.schema()),
        };
        let mut entries: Vec<ScopeEntry> = key_entries
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
        for (name, value) in outputs {
            if entries.iter().any(|e| e.name == name) {
                return Err(Diagnostic::error(
                    Code::DuplicateColumn,
                    format!("the pivot value `{name}` is also the name of a grouping column"),
                )
                .with_span(span));
            }
            entries.push(ScopeEntry {
                name,
                value,
                origin: None,
            });
        }
        self.project_entries(grouped, &after, entries, span)
    }
}
