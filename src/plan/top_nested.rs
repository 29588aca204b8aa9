//! `top-nested [N] of Expr by Aggregate [asc|desc], top-nested ...`: a hierarchy of top values.
//!
//! Plan: the level expressions are added as helper columns (`__kql_tn_k1`, ...); level `k` is a
//! `summarize Aggregate_k by key_1..key_k`, ranked by a `row_number()` window partitioned by
//! `key_1..key_(k-1)` and ordered by the aggregate (descending unless `asc`), keeping the first
//! `N_k` (all without `N`). The levels are then inner-joined on their common keys (nulls equal),
//! so a value is kept only under kept parents. Output: `Expr_1, Aggregate_1, ..., Expr_n,
//! Aggregate_n`; an unnamed aggregate is `aggregated_<Expr>`. `with others` is not supported yet.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, JoinType, NullEquality};
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{Expr, ExprFunctionExt, LogicalPlanBuilder, cast, col, lit};

use super::expr::not_supported;
use super::naming::default_name;
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{
    Alias, Expr as Ast, ExprKind, Ident, NamedExpr, SortOrder, Summarize, TopNested,
};

fn key(j: usize) -> String {
    format!("__kql_tn_k{j}")
}

fn agg(j: usize) -> String {
    format!("__kql_tn_a{j}")
}

fn named(name: String, expr: Ast, span: Span) -> NamedExpr {
    NamedExpr {
        alias: Some(Alias::Name(Ident { name, span })),
        expr,
    }
}

fn ident(name: String, span: Span) -> NamedExpr {
    NamedExpr {
        alias: None,
        expr: Ast::new(ExprKind::Ident(Ident { name, span }), span),
    }
}

/// `t` projected to the columns `names` (in that order), renamed by `rename`.
fn select(
    t: Tabular,
    names: &[String],
    rename: impl Fn(&str) -> String,
    span: Span,
) -> Result<Tabular, Diagnostic> {
    let mut exprs = Vec::new();
    let mut columns = Vec::new();
    for name in names {
        let Some(i) = t.position(name) else {
            return Err(Diagnostic::error(
                Code::ExecutionError,
                format!("the helper column `{name}` of `top-nested` is missing"),
            )
            .with_span(span));
        };
        let new = rename(name);
        exprs.push(t.column_expr(i).alias(&new));
        columns.push(ColumnInfo {
            name: new,
            ty: t.columns[i].ty,
            origin: None,
        });
    }
    let plan = LogicalPlanBuilder::from(t.plan)
        .project(exprs)
        .and_then(LogicalPlanBuilder::build)
        .map_err(|e| plan_error(e, span))?;
    Ok(Tabular { plan, columns })
}

impl Planner<'_> {
    pub(crate) fn plan_top_nested(
        &self,
        input: Tabular,
        nested: &TopNested,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        // The output names.
        let mut names: Vec<(String, String)> = Vec::new();
        for (j, level) in nested.levels.iter().enumerate() {
            if let Some(others) = &level.others {
                return Err(not_supported("`with others` in `top-nested`", others.span));
            }
            let key_name = match &level.of.alias {
                Some(Alias::Name(id)) => id.name.clone(),
                Some(Alias::Tuple(ids)) => {
                    return Err(Diagnostic::error(
                        Code::InvalidArgument,
                        "a `top-nested` level takes one name",
                    )
                    .with_span(ids.first().map_or(span, |id| id.span)));
                }
                None => default_name(&level.of.expr).unwrap_or_else(|| format!("Column{}", j + 1)),
            };
            let agg_name = match &level.by.alias {
                Some(Alias::Name(id)) => id.name.clone(),
                _ => format!("aggregated_{key_name}"),
            };
            names.push((key_name, agg_name));
        }
        let extend: Vec<NamedExpr> = nested
            .levels
            .iter()
            .enumerate()
            .map(|(j, level)| named(key(j), level.of.expr.clone(), level.of.expr.span))
            .collect();
        let keyed = self.plan_extend(input, &extend, span)?;
        let mut acc: Option<Tabular> = None;
        for (k, level) in nested.levels.iter().enumerate() {
            let summarize = Summarize {
                hints: Vec::new(),
                aggregates: vec![named(agg(k), level.by.expr.clone(), level.by.expr.span)],
                by: (0..=k).map(|j| ident(key(j), span)).collect(),
            };
            let summarized = self.plan_summarize(keyed.clone(), &summarize, span)?;
            let mut wanted: Vec<String> = (0..=k).map(key).collect();
            wanted.push(agg(k));
            let mut current = select(summarized, &wanted, str::to_string, span)?;
            if let Some(count) = &level.count {
                let n = ExprLowerer::new(self, &Scope::empty()).constant_count(count)?;
                let asc = level.order == Some(SortOrder::Asc);
                let rank = row_number()
                    .partition_by((0..k).map(|j| col(key(j))).collect())
                    .order_by(vec![col(agg(k)).sort(asc, asc)])
                    .build()
                    .map_err(|e| plan_error(e, span))?
                    .alias("__kql_tn_rank");
                let limit = i64::try_from(n).unwrap_or(i64::MAX);
                let kept: Vec<Expr> = wanted.iter().map(|c| col(c.as_str())).collect();
                let plan = LogicalPlanBuilder::from(current.plan)
                    .window(vec![rank])
                    .and_then(|b| {
                        b.filter(cast(col("__kql_tn_rank"), DataType::Int64).lt_eq(lit(limit)))
                    })
                    .and_then(|b| b.project(kept))
                    .and_then(LogicalPlanBuilder::build)
                    .map_err(|e| plan_error(e, span))?;
                current = Tabular {
                    plan,
                    columns: current.columns,
                };
            }
            acc = Some(match acc {
                None => current,
                Some(parent) => {
                    // The parent's keys renamed, so that both sides' names differ.
                    let parent_names: Vec<String> =
                        (0..k).map(key).chain((0..k).map(agg)).collect();
                    let parent = select(parent, &parent_names, |n| format!("{n}_p"), span)?;
                    let left: Vec<Column> = (0..k).map(|j| Column::from_name(key(j))).collect();
                    let right: Vec<Column> = (0..k)
                        .map(|j| Column::from_name(format!("{}_p", key(j))))
                        .collect();
                    let mut columns = current.columns.clone();
                    columns.extend(parent.columns.clone());
                    let plan = LogicalPlanBuilder::from(current.plan)
                        .join_detailed(
                            parent.plan,
                            JoinType::Inner,
                            (left, right),
                            None,
                            NullEquality::NullEqualsNull,
                        )
                        .and_then(LogicalPlanBuilder::build)
                        .map_err(|e| plan_error(e, span))?;
                    let joined = Tabular { plan, columns };
                    // Back to key_0..key_k, agg_0..agg_k.
                    let mut wanted: Vec<String> = (0..=k).map(key).collect();
                    wanted.extend((0..k).map(|j| format!("{}_p", agg(j))));
                    wanted.push(agg(k));
                    select(
                        joined,
                        &wanted,
                        |n| n.trim_end_matches("_p").to_string(),
                        span,
                    )?
                }
            });
        }
        let Some(result) = acc else {
            return Err(
                Diagnostic::error(Code::ExecutionError, "`top-nested` without levels")
                    .with_span(span),
            );
        };
        // key_0, agg_0, key_1, agg_1, ... under their output names.
        let order: Vec<String> = (0..names.len()).flat_map(|j| [key(j), agg(j)]).collect();
        let out_names: Vec<String> = names
            .iter()
            .flat_map(|(k, a)| [k.clone(), a.clone()])
            .collect();
        if let Some(dup) = out_names
            .iter()
            .enumerate()
            .find(|(i, n)| out_names[..*i].contains(n))
            .map(|(_, n)| n)
        {
            return Err(Diagnostic::error(
                Code::DuplicateColumn,
                format!("`top-nested` produces the column `{dup}` twice; name the levels"),
            )
            .with_span(span));
        }
        select(
            result,
            &order,
            |n| {
                let at = order.iter().position(|o| o == n).unwrap_or(0);
                out_names[at].clone()
            },
            span,
        )
    }
}
