//! `mv-apply`: for each input row, expand its arrays (as `mv-expand` does), run a subquery over
//! that row's elements, and join the subquery's rows back to the row.
//!
//! Plan: number the input rows (`row_number()` window, `__kql_row`), expand the items (plus the
//! `with_itemindex` column: a `range(0, n)` list unnested alongside the items), then plan each
//! operator of the subquery *per row*: `where`, `extend`, `project*`, `mv-expand` and `mv-apply` are
//! row-wise already (`project` keeps the row number); `summarize`, `count` and `distinct` also
//! group by the row number; `top` and `take` keep the first rows of each row number by a
//! `row_number()` window partitioned by it; `sort` sorts by the row number first. The other
//! operators get a "not supported yet" diagnostic. Last, the input columns the subquery's result
//! lacks are joined back on the row number.
//!
//! The result has the input's columns (an expanded column replaced by the subquery's column of
//! the same name, or dropped when the subquery has none), then the subquery's other columns. A
//! row whose subquery returns no rows is dropped.

use super::mv_expand::unnested_element;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, JoinType, UnnestOptions};
use datafusion::functions::core::expr_fn::greatest;
use datafusion::functions_aggregate::expr_fn::count;
use datafusion::functions_nested::expr_fn::{cardinality, range};
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{
    Expr, ExprFunctionExt, LogicalPlanBuilder, SortExpr, cast, col, lit,
};

use super::expr::{Typed, not_supported, type_error};
use super::naming::{ColumnNames, default_name};
use super::operators::output_expr;
use super::scope::ScopeEntry;
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{
    Alias, BagExpansion, ColumnPattern, Expr as Ast, ExprKind, Ident, MvApply, MvExpand,
    MvExpandItem, NamedExpr, NullsPosition, Operator, OperatorKind, ScalarType, SortKey, SortOrder,
    Summarize,
};

/// The names of the helper columns, unique at this nesting depth.
pub(super) struct Helpers {
    pub(super) row: String,
    rank: String,
    /// The operator, for messages: `mv-apply` or `partition`.
    pub(super) within: &'static str,
}

impl Helpers {
    pub(super) fn for_input(input: &Tabular) -> Helpers {
        let mut depth = 0;
        while input
            .columns
            .iter()
            .any(|c| c.name == format!("__kql_row_{depth}"))
        {
            depth += 1;
        }
        Helpers {
            row: format!("__kql_row_{depth}"),
            rank: format!("__kql_rank_{depth}"),
            within: "mv-apply",
        }
    }
}

/// A reference to the column named `name` of `t`'s plan.
fn column_of(t: &Tabular, name: &str) -> Option<Expr> {
    t.position(name).map(|i| t.column_expr(i))
}

/// Every column of `t`, as plain references.
fn all_columns(t: &Tabular) -> Vec<Expr> {
    (0..t.columns.len()).map(|i| t.column_expr(i)).collect()
}

impl Planner<'_> {
    pub(crate) fn plan_mv_apply(
        &self,
        input: Tabular,
        apply: &MvApply,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let limit = self.item_limit(apply.limit.as_ref())?;
        let helpers = Helpers::for_input(&input);
        let outer = self.number_rows(input, &helpers, span)?;
        let (expanded, in_place) = self.expand_for_apply(
            &outer,
            &apply.items,
            apply.with_item_index.as_ref(),
            "array",
            limit,
            span,
        )?;
        let mut current = expanded;
        for operator in &apply.subquery {
            current = self.plan_per_row(current, operator, &helpers)?;
            if current.position(&helpers.row).is_none() {
                return Err(not_supported(
                    "removing every column of the element rows in a `mv-apply` subquery",
                    operator.span,
                ));
            }
        }
        self.join_back(outer, &in_place, current, &helpers, span)
    }

    /// `mv-expand with_itemindex=i ...`: as `mv-expand`, plus the element's index from 0.
    pub(crate) fn plan_mv_expand_indexed(
        &self,
        input: Tabular,
        expand: &MvExpand,
        index: &Ident,
        limit: Option<usize>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let kind = match expand.bag_expansion {
            Some(BagExpansion::Array) => "array",
            _ => "bag",
        };
        let (expanded, _) =
            self.expand_for_apply(&input, &expand.items, Some(index), kind, limit, span)?;
        Ok(expanded)
    }

    /// The input with its row number (`long`) as the last column.
    fn number_rows(
        &self,
        input: Tabular,
        helpers: &Helpers,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let mut exprs = all_columns(&input);
        let numbered = "__kql_row_number";
        exprs.push(cast(col(numbered), DataType::Int64).alias(&helpers.row));
        // The input is read twice (to expand it and to join the results back), so the numbering
        // must not depend on the order rows happen to arrive in: by the input's sort if it has
        // one, then by every column (equal rows give equal results, so their ties are harmless).
        let mut order = super::window::input_order(&input.plan);
        order.extend(
            input
                .plan
                .schema()
                .columns()
                .into_iter()
                .map(|c| Expr::Column(c).sort(true, true)),
        );
        let mut number = datafusion::logical_expr::expr::WindowFunction::new(
            datafusion::functions_window::row_number::row_number_udwf(),
            vec![],
        );
        number.params.order_by = order;
        let plan = LogicalPlanBuilder::from(input.plan)
            .window(vec![Expr::from(number).alias(numbered)])
            .and_then(|b| b.project(exprs))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut columns = input.columns;
        columns.push(ColumnInfo {
            name: helpers.row.clone(),
            ty: ScalarType::Long,
            origin: None,
        });
        Ok(Tabular { plan, columns })
    }

    /// `mv-expand` of the items (with the item index column), keeping the row number. Also
    /// returns the names of the input columns replaced by an element.
    fn expand_for_apply(
        &self,
        outer: &Tabular,
        items: &[MvExpandItem],
        index: Option<&Ident>,
        kind: &str,
        limit: Option<usize>,
        span: Span,
    ) -> Result<(Tabular, Vec<String>), Diagnostic> {
        let scope = Scope::of(outer);
        let mut numbers = ColumnNames::default();
        // (output name, list column, element type)
        let mut targets: Vec<(String, String, ScalarType)> = Vec::new();
        let mut exprs: Vec<Expr> = scope
            .entries
            .iter()
            .map(|e| output_expr(&scope, e))
            .collect();
        for (n, item) in items.iter().enumerate() {
            let value = ExprLowerer::new(self, &scope).lower(&item.expr)?;
            if value.ty != ScalarType::Dynamic {
                return Err(type_error(&value, "a dynamic array", item.expr.span));
            }
            let name = match (&item.name, default_name(&item.expr)) {
                (Some(id), _) => id.name.clone(),
                (None, Some(name)) => name,
                (None, None) => numbers.next(|n| scope.get(n).is_some()),
            };
            let list = format!("__kql_apply_{n}");
            exprs.push(super::mv_expand::expanded_items(&value, kind, limit).alias(&list));
            targets.push((name, list, item.to_type.unwrap_or(ScalarType::Dynamic)));
        }
        let index_list = "__kql_apply_index";
        let mut builder = LogicalPlanBuilder::from(outer.plan.clone())
            .project(exprs)
            .map_err(|e| plan_error(e, span))?;
        let mut lists: Vec<Column> = targets
            .iter()
            .map(|(_, list, _)| Column::new_unqualified(list.clone()))
            .collect();
        if index.is_some() {
            let lengths: Vec<Expr> = targets
                .iter()
                .map(|(_, list, _)| cast(cardinality(col(list.as_str())), DataType::Int64))
                .collect();
            let length = if lengths.len() == 1 {
                lengths.into_iter().next().unwrap_or(lit(0i64))
            } else {
                greatest(lengths)
            };
            let mut exprs: Vec<Expr> = builder
                .schema()
                .iter()
                .map(|(q, f)| Expr::Column(Column::from((q, f.as_ref()))))
                .collect();
            exprs.push(range(lit(0i64), length, lit(1i64)).alias(index_list));
            builder = builder.project(exprs).map_err(|e| plan_error(e, span))?;
            lists.push(Column::new_unqualified(index_list));
        }
        let plan = builder
            .unnest_columns_with_options(lists, UnnestOptions::new().with_preserve_nulls(true))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let expanded = Tabular {
            plan,
            columns: Vec::new(),
        };
        let after = Scope {
            entries: Vec::new(),
            schema: std::sync::Arc::clone(expanded.plan.schema()),
        };
        let element = |list: &str, ty: ScalarType| unnested_element(list, ty, "mv-apply", span);
        let mut entries: Vec<ScopeEntry> = Vec::new();
        let mut in_place = Vec::new();
        for entry in &scope.entries {
            let target = targets.iter().find(|(name, _, _)| *name == entry.name);
            let value = match target {
                Some((_, list, ty)) => {
                    in_place.push(entry.name.clone());
                    element(list, *ty)?
                }
                None => Typed::new(
                    Expr::Column(Column::new_unqualified(entry.name.clone())),
                    entry.value.ty,
                ),
            };
            entries.push(ScopeEntry {
                name: entry.name.clone(),
                value,
                origin: None,
            });
        }
        for (name, list, ty) in &targets {
            if scope.get(name).is_none() && !entries.iter().any(|e| e.name == *name) {
                entries.push(ScopeEntry {
                    name: name.clone(),
                    value: element(list, *ty)?,
                    origin: None,
                });
            }
        }
        if let Some(index) = index {
            entries.retain(|e| e.name != index.name);
            entries.push(ScopeEntry {
                name: index.name.clone(),
                value: Typed::new(
                    Expr::Column(Column::new_unqualified(index_list)),
                    ScalarType::Long,
                ),
                origin: None,
            });
        }
        let expanded = self.project_entries(expanded, &after, entries, span)?;
        Ok((expanded, in_place))
    }

    /// One operator of the subquery, applied to each input row's elements separately.
    pub(super) fn plan_per_row(
        &self,
        current: Tabular,
        operator: &Operator,
        helpers: &Helpers,
    ) -> Result<Tabular, Diagnostic> {
        let span = operator.span;
        let row_ident = || Ident {
            name: helpers.row.clone(),
            span,
        };
        let row_item = || NamedExpr {
            alias: None,
            expr: Ast::new(ExprKind::Ident(row_ident()), span),
        };
        match &operator.kind {
            OperatorKind::Where(_)
            | OperatorKind::Extend(_)
            | OperatorKind::Serialize(_)
            | OperatorKind::MvExpand(_)
            | OperatorKind::MvApply(_)
            | OperatorKind::ProjectAway(_)
            | OperatorKind::ProjectByNames(_)
            | OperatorKind::ProjectRename(_)
            | OperatorKind::ProjectReorder(_) => self.plan_operator(current, operator),
            OperatorKind::Project(items) => {
                let mut items = items.clone();
                if !items.iter().any(|i| names_row(i, &helpers.row)) {
                    items.push(row_item());
                }
                self.plan_project(current, &items, span)
            }
            OperatorKind::ProjectKeep(patterns) => {
                let mut patterns = patterns.clone();
                patterns.push(ColumnPattern::Name(row_ident()));
                self.plan_project_keep(current, &patterns, span)
            }
            OperatorKind::Summarize(summarize) => {
                let mut by = summarize.by.clone();
                by.push(row_item());
                let summarize = Summarize {
                    hints: summarize.hints.clone(),
                    aggregates: summarize.aggregates.clone(),
                    by,
                };
                self.plan_summarize(current, &summarize, span)
            }
            OperatorKind::Distinct(distinct) if !distinct.columns.is_empty() => {
                let mut keys: Vec<NamedExpr> = distinct
                    .columns
                    .iter()
                    .map(|e| NamedExpr {
                        alias: None,
                        expr: e.clone(),
                    })
                    .collect();
                keys.push(row_item());
                self.plan_group(current, &keys, span)
            }
            OperatorKind::Distinct(_) => self.plan_operator(current, operator),
            OperatorKind::Count => {
                let row = column_of(&current, &helpers.row).unwrap_or(lit(0i64));
                let plan = LogicalPlanBuilder::from(current.plan)
                    .aggregate(
                        vec![row.alias(&helpers.row)],
                        vec![count(lit(1i64)).alias("Count")],
                    )
                    .and_then(LogicalPlanBuilder::build)
                    .map_err(|e| plan_error(e, span))?;
                let columns = [
                    (helpers.row.as_str(), ScalarType::Long),
                    ("Count", ScalarType::Long),
                ]
                .into_iter()
                .map(|(name, ty)| ColumnInfo {
                    name: name.to_string(),
                    ty,
                    origin: None,
                })
                .collect();
                Ok(Tabular { plan, columns })
            }
            OperatorKind::Take(n) => {
                let n = ExprLowerer::new(self, &Scope::empty()).constant_count(n)?;
                self.first_per_row(current, n, &[], helpers, span)
            }
            OperatorKind::Top(top) => {
                let n = ExprLowerer::new(self, &Scope::empty()).constant_count(&top.count)?;
                self.first_per_row(current, n, std::slice::from_ref(&top.key), helpers, span)
            }
            OperatorKind::Sort(keys) => {
                let mut all = vec![SortKey {
                    expr: Ast::new(ExprKind::Ident(row_ident()), span),
                    order: Some(SortOrder::Asc),
                    nulls: None,
                }];
                all.extend(keys.iter().cloned());
                self.plan_sort(current, &all, None, span)
            }
            // Each row's elements (each value's rows) have their own state.
            OperatorKind::Scan(scan) => self.plan_scan(current, scan, Some(&helpers.row), span),
            other => Err(not_supported(
                &format!(
                    "the `{}` operator inside `{}`",
                    other.name(),
                    helpers.within
                ),
                span,
            )),
        }
    }

    /// The first `n` rows of each input row's elements, by `keys` (any order when empty), sorted
    /// by row number and rank.
    fn first_per_row(
        &self,
        current: Tabular,
        n: usize,
        keys: &[SortKey],
        helpers: &Helpers,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&current);
        let mut order: Vec<SortExpr> = Vec::new();
        for key in keys {
            let value = ExprLowerer::new(self, &scope).lower(&key.expr)?;
            let asc = key.order == Some(SortOrder::Asc);
            let nulls_first = match key.nulls {
                Some(NullsPosition::First) => true,
                Some(NullsPosition::Last) => false,
                None => asc,
            };
            order.push(value.expr.sort(asc, nulls_first));
        }
        let Some(row) = column_of(&current, &helpers.row) else {
            return Err(Diagnostic::error(
                Code::ExecutionError,
                "the row number of `mv-apply` is missing",
            )
            .with_span(span));
        };
        let mut rank = row_number().partition_by(vec![row.clone()]);
        if !order.is_empty() {
            rank = rank.order_by(order);
        }
        let rank = rank
            .build()
            .map_err(|e| plan_error(e, span))?
            .alias(&helpers.rank);
        let limit = i64::try_from(n).unwrap_or(i64::MAX);
        let kept = all_columns(&current);
        let rank_col = col(helpers.rank.as_str());
        let plan = LogicalPlanBuilder::from(current.plan)
            .window(vec![rank])
            .and_then(|b| b.filter(cast(rank_col.clone(), DataType::Int64).lt_eq(lit(limit))))
            .and_then(|b| b.sort(vec![row.sort(true, false), rank_col.sort(true, false)]))
            .and_then(|b| b.project(kept))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: current.columns,
        })
    }

    /// The subquery's rows with the input row's columns they lack, joined on the row number.
    fn join_back(
        &self,
        outer: Tabular,
        in_place: &[String],
        sub: Tabular,
        helpers: &Helpers,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        enum From {
            Sub(usize),
            Outer(usize),
        }
        let mut layout: Vec<(String, ScalarType, From)> = Vec::new();
        for (i, c) in outer.columns.iter().enumerate() {
            if c.name == helpers.row {
                continue;
            }
            match sub.position(&c.name) {
                Some(s) => layout.push((c.name.clone(), sub.columns[s].ty, From::Sub(s))),
                None if in_place.contains(&c.name) => {}
                None => layout.push((c.name.clone(), c.ty, From::Outer(i))),
            }
        }
        for (s, c) in sub.columns.iter().enumerate() {
            if c.name != helpers.row && outer.position(&c.name).is_none() {
                layout.push((c.name.clone(), c.ty, From::Sub(s)));
            }
        }
        let sub_name = |s: usize| format!("__kql_sub_{s}");
        let outer_name = |i: usize| format!("__kql_outer_{i}");
        let needs_outer = layout.iter().any(|(_, _, f)| matches!(f, From::Outer(_)));
        let sub_exprs: Vec<Expr> = (0..sub.columns.len())
            .map(|s| sub.column_expr(s).alias(sub_name(s)))
            .collect();
        let mut builder = LogicalPlanBuilder::from(sub.plan.clone())
            .project(sub_exprs)
            .map_err(|e| plan_error(e, span))?;
        if needs_outer {
            let outer_row = "__kql_outer_row";
            let mut outer_exprs: Vec<Expr> = layout
                .iter()
                .filter_map(|(_, _, f)| match f {
                    From::Outer(i) => Some(outer.column_expr(*i).alias(outer_name(*i))),
                    From::Sub(_) => None,
                })
                .collect();
            let Some(row) = column_of(&outer, &helpers.row) else {
                return Err(Diagnostic::error(
                    Code::ExecutionError,
                    "the row number of `mv-apply` is missing",
                )
                .with_span(span));
            };
            outer_exprs.push(row.alias(outer_row));
            let right = LogicalPlanBuilder::from(outer.plan)
                .project(outer_exprs)
                .and_then(LogicalPlanBuilder::build)
                .map_err(|e| plan_error(e, span))?;
            let sub_row = sub.position(&helpers.row).map(sub_name).unwrap_or_default();
            builder = builder
                .join(
                    right,
                    JoinType::Inner,
                    (
                        vec![Column::new_unqualified(sub_row)],
                        vec![Column::new_unqualified(outer_row)],
                    ),
                    None,
                )
                .map_err(|e| plan_error(e, span))?;
        }
        let plan = builder.build().map_err(|e| plan_error(e, span))?;
        let joined = Tabular {
            plan,
            columns: Vec::new(),
        };
        let scope = Scope {
            entries: Vec::new(),
            schema: std::sync::Arc::clone(joined.plan.schema()),
        };
        let entries = layout
            .into_iter()
            .map(|(name, ty, from)| {
                let source = match from {
                    From::Sub(s) => sub_name(s),
                    From::Outer(i) => outer_name(i),
                };
                ScopeEntry {
                    name,
                    value: Typed::new(Expr::Column(Column::new_unqualified(source)), ty),
                    origin: None,
                }
            })
            .collect();
        self.project_entries(joined, &scope, entries, span)
    }
}

/// Whether a `project` item is the row number column itself.
fn names_row(item: &NamedExpr, row: &str) -> bool {
    match (&item.alias, &item.expr.kind) {
        (Some(Alias::Name(id)), _) => id.name == row,
        (None, ExprKind::Ident(id)) => id.name == row,
        _ => false,
    }
}
