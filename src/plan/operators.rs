//! The row and column operators: `where`, `extend`, `project` and its variants, `take`, `sort`,
//! `top`, `count`, `distinct`, `getschema`.

use std::collections::HashSet;
use std::sync::Arc;

use datafusion::common::Column;
use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::{
    Expr, ExprSchemable, LogicalPlan, LogicalPlanBuilder, Projection, SortExpr, cast, lit,
};

use super::naming::{ColumnNames, default_name, glob_match};
use super::scope::{ScopeEntry, unknown_column};
use super::types::{arrow_type, field_metadata};
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{
    Alias, ColumnPattern, Distinct, NamedExpr, NullsPosition, Rename, ReorderItem, ScalarType,
    SortKey, SortOrder, Top,
};

use super::expr::not_supported;

/// The value of an output column, in its stored form, named and typed for the plan.
pub(crate) fn output_expr(scope: &Scope, entry: &ScopeEntry) -> Expr {
    let expr = entry.value.materialize();
    if let Expr::Column(c) = &expr
        && c.name == entry.name
        && entry.value.native.is_none()
    {
        return expr;
    }
    let wanted = arrow_type(entry.value.ty);
    let expr = match expr.get_type(scope.schema.as_ref()) {
        Ok(actual) if actual == wanted => expr,
        // A column read as it is stored (Utf8View, ...) keeps its physical type.
        Ok(_) if matches!(expr, Expr::Column(_)) => expr,
        _ => cast(expr, wanted),
    };
    expr.alias_with_metadata(entry.name.clone(), field_metadata(entry.value.ty))
}

/// The name of an item of `extend`/`project`/`summarize ... by`: its alias, else its default
/// name, else the next `ColumnN`.
pub(crate) fn item_name(
    item: &NamedExpr,
    numbers: &mut ColumnNames,
    taken: impl Fn(&str) -> bool,
) -> Result<String, Diagnostic> {
    match &item.alias {
        Some(Alias::Name(id)) => Ok(id.name.clone()),
        Some(Alias::Tuple(_)) => Err(not_supported(
            "naming several columns with `(a, b) =` here",
            item.expr.span,
        )),
        None => Ok(default_name(&item.expr).unwrap_or_else(|| numbers.next(taken))),
    }
}

/// The columns of an item whose expression gives several (`series_stats(x)`, ...), named by its
/// `(a, b) =` alias (fewer names keep only the first columns) or by default; `None` for an item
/// that gives one column.
pub(crate) fn item_columns(
    lw: &mut ExprLowerer<'_>,
    item: &NamedExpr,
) -> Result<Option<Vec<(String, super::Typed)>>, Diagnostic> {
    let Some(mut columns) = crate::functions::lower_columns(lw, &item.expr)? else {
        return Ok(None);
    };
    match &item.alias {
        None => {}
        Some(Alias::Tuple(names)) => {
            if names.len() > columns.len() {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("{} names for {} columns", names.len(), columns.len()),
                )
                .with_span(item.expr.span));
            }
            columns.truncate(names.len());
            for (column, name) in columns.iter_mut().zip(names) {
                column.0 = name.name.clone();
            }
        }
        Some(Alias::Name(id)) => {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                format!(
                    "this expression gives {} columns: name them with `(a, b, ...) =`, not `{} =`",
                    columns.len(),
                    id.name
                ),
            )
            .with_span(item.expr.span));
        }
    }
    Ok(Some(columns))
}

impl Planner<'_> {
    /// Projects `entries` (each a column of the result) over `input`.
    pub(crate) fn project_entries(
        &self,
        input: Tabular,
        scope: &Scope,
        entries: Vec<ScopeEntry>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let mut seen = HashSet::new();
        for entry in &entries {
            if !seen.insert(entry.name.as_str()) {
                return Err(Diagnostic::error(
                    Code::DuplicateColumn,
                    format!("two columns would be named `{}`", entry.name),
                )
                .with_span(span)
                .with_help("give one of them another name with `name = ...`"));
            }
        }
        if entries.is_empty() {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "this operator would leave no columns",
            )
            .with_span(span));
        }
        let exprs: Vec<Expr> = entries.iter().map(|e| output_expr(scope, e)).collect();
        // Window functions (`prev`, `row_cumsum`, ...) are planned under the projection.
        let (input_plan, exprs) =
            super::window::plan_windows(input.plan, exprs).map_err(|e| plan_error(e, span))?;
        // The expressions come from the scope, already resolved against the input's schema, and
        // their names are unique (checked above): `Projection::try_new` skips the builder's
        // re-normalisation (a walk of the whole input plan per projection) and its name check
        // (every expression formatted), 40 % of planning a hunt.
        let plan = Projection::try_new(exprs, Arc::new(input_plan))
            .map(LogicalPlan::Projection)
            .map_err(|e| plan_error(e, span))?;
        let columns = entries
            .into_iter()
            .map(|e| ColumnInfo {
                name: e.name,
                ty: e.value.ty,
                origin: e.origin,
            })
            .collect();
        Ok(Tabular { plan, columns })
    }

    pub(crate) fn plan_where(
        &self,
        input: Tabular,
        predicate: &crate::syntax::Expr,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let filter = ExprLowerer::new(self, &scope).lower_predicate(predicate)?;
        let plan = if super::window::contains_window(&filter) {
            // `where prev(x) ...`: the windows under the filter, then back to the input's columns.
            let keep: Vec<Expr> = input
                .plan
                .schema()
                .columns()
                .into_iter()
                .map(Expr::Column)
                .collect();
            super::window::plan_windows(input.plan, vec![filter]).and_then(|(plan, mut f)| {
                LogicalPlanBuilder::from(plan)
                    .filter(f.remove(0))?
                    .project(keep)?
                    .build()
            })
        } else {
            LogicalPlanBuilder::from(input.plan)
                .filter(filter)
                .and_then(LogicalPlanBuilder::build)
        }
        .map_err(|e| plan_error(e, predicate.span))?;
        Ok(Tabular {
            plan,
            columns: input.columns,
        })
    }

    /// `extend`: each item sees the columns defined before it; a name that exists is replaced in
    /// place, a new one is appended.
    pub(crate) fn plan_extend(
        &self,
        input: Tabular,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let base = Scope::of(&input);
        let mut scope = base.clone();
        let mut numbers = ColumnNames::default();
        for item in items {
            if let Some(columns) = item_columns(&mut ExprLowerer::new(self, &scope), item)? {
                for (name, value) in columns {
                    scope.set(ScopeEntry {
                        name,
                        value,
                        origin: None,
                    });
                }
                continue;
            }
            let mut lowerer = ExprLowerer::new(self, &scope);
            lowerer.row = Some(&base);
            let value = lowerer.lower(&item.expr)?;
            let name = item_name(item, &mut numbers, |n| scope.get(n).is_some())?;
            scope.set(ScopeEntry {
                name,
                value,
                origin: None,
            });
        }
        let entries = scope.entries.clone();
        self.project_entries(input, &base, entries, span)
    }

    /// `project`: exactly the listed columns, each computed over the input.
    pub(crate) fn plan_project(
        &self,
        input: Tabular,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let mut numbers = ColumnNames::default();
        let mut entries: Vec<ScopeEntry> = Vec::new();
        for item in items {
            if let Some(columns) = item_columns(&mut ExprLowerer::new(self, &scope), item)? {
                for (name, value) in columns {
                    entries.push(ScopeEntry {
                        name,
                        value,
                        origin: None,
                    });
                }
                continue;
            }
            let value = ExprLowerer::new(self, &scope).lower(&item.expr)?;
            let name = item_name(item, &mut numbers, |n| {
                entries.iter().any(|e| e.name == n) || scope.get(n).is_some()
            })?;
            let origin = match &item.expr.kind {
                crate::syntax::ExprKind::Ident(id) => {
                    scope.get(&id.name).and_then(|e| e.origin.clone())
                }
                _ => None,
            };
            entries.push(ScopeEntry {
                name,
                value,
                origin,
            });
        }
        self.project_entries(input, &scope, entries, span)
    }

    /// The indexes of the columns matching `patterns`; a plain name must exist.
    fn matching(input: &Tabular, patterns: &[ColumnPattern]) -> Result<Vec<usize>, Diagnostic> {
        let mut out = Vec::new();
        for pattern in patterns {
            match pattern {
                ColumnPattern::Name(id) => out.push(input.require(&id.name, id.span)?),
                ColumnPattern::Wildcard(p) => out.extend(
                    input
                        .columns
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| glob_match(p, &c.name))
                        .map(|(i, _)| i),
                ),
            }
        }
        Ok(out)
    }

    pub(crate) fn keep_columns(
        &self,
        input: Tabular,
        keep: impl Fn(usize) -> bool,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let entries = scope
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, e)| e.clone())
            .collect();
        self.project_entries(input, &scope, entries, span)
    }

    /// `project-by-names`: the columns named (or matched by `*` patterns) by constant strings or
    /// dynamic arrays of them, in the order given; names that match nothing are skipped.
    pub(crate) fn plan_project_by_names(
        &self,
        input: Tabular,
        names: &[crate::syntax::Expr],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let empty = Scope::empty();
        let mut patterns: Vec<String> = Vec::new();
        for name in names {
            let value = ExprLowerer::new(self, &empty).lower(name)?;
            let constant = super::constant_value(&value.expr).and_then(|v| match v {
                datafusion::common::ScalarValue::Utf8(s)
                | datafusion::common::ScalarValue::LargeUtf8(s)
                | datafusion::common::ScalarValue::Utf8View(s) => Some(s.clone()),
                _ => None,
            });
            let not_names = || {
                Diagnostic::error(
                    Code::InvalidArgument,
                    "`project-by-names` takes constant strings or dynamic arrays of strings",
                )
                .with_span(name.span)
            };
            let Some(text) = constant else {
                return Err(not_names());
            };
            if value.ty == ScalarType::Dynamic {
                match text
                    .as_deref()
                    .map(serde_json::from_str::<serde_json::Value>)
                {
                    None => {}
                    Some(Ok(serde_json::Value::Array(items))) => {
                        for item in items {
                            match item {
                                serde_json::Value::String(s) => patterns.push(s),
                                _ => return Err(not_names()),
                            }
                        }
                    }
                    Some(Ok(serde_json::Value::String(s))) => patterns.push(s),
                    Some(_) => return Err(not_names()),
                }
            } else if value.ty == ScalarType::String {
                patterns.extend(text);
            } else {
                return Err(not_names());
            }
        }
        let mut keep: Vec<usize> = Vec::new();
        for pattern in &patterns {
            for (i, c) in input.columns.iter().enumerate() {
                let hit = if pattern.contains('*') {
                    glob_match(pattern, &c.name)
                } else {
                    *pattern == c.name
                };
                if hit && !keep.contains(&i) {
                    keep.push(i);
                }
            }
        }
        let scope = Scope::of(&input);
        let entries = keep.iter().map(|&i| scope.entries[i].clone()).collect();
        self.project_entries(input, &scope, entries, span)
    }

    pub(crate) fn plan_project_away(
        &self,
        input: Tabular,
        patterns: &[ColumnPattern],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let away: HashSet<usize> = Self::matching(&input, patterns)?.into_iter().collect();
        self.keep_columns(input, |i| !away.contains(&i), span)
    }

    pub(crate) fn plan_project_keep(
        &self,
        input: Tabular,
        patterns: &[ColumnPattern],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let keep: HashSet<usize> = Self::matching(&input, patterns)?.into_iter().collect();
        self.keep_columns(input, |i| keep.contains(&i), span)
    }

    /// `project-rename new = old, ...`: renamed in place.
    pub(crate) fn plan_project_rename(
        &self,
        input: Tabular,
        renames: &[Rename],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let mut entries = scope.entries.clone();
        for rename in renames {
            let Some(at) = entries.iter().position(|e| e.name == rename.old_name.name) else {
                return Err(unknown_column(
                    &rename.old_name.name,
                    rename.old_name.span,
                    entries.iter().map(|e| e.name.clone()),
                ));
            };
            entries[at].name = rename.new_name.name.clone();
        }
        self.project_entries(input, &scope, entries, span)
    }

    /// `project-reorder a, b*`: the listed columns first, the others after, in their order.
    pub(crate) fn plan_project_reorder(
        &self,
        input: Tabular,
        items: &[ReorderItem],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        if items.iter().any(|i| i.order.is_some()) {
            return Err(not_supported(
                "ordering in `project-reorder` (asc/desc)",
                span,
            ));
        }
        let patterns: Vec<ColumnPattern> = items.iter().map(|i| i.column.clone()).collect();
        let mut order = Vec::new();
        for i in Self::matching(&input, &patterns)? {
            if !order.contains(&i) {
                order.push(i);
            }
        }
        let rest: Vec<usize> = (0..input.columns.len())
            .filter(|i| !order.contains(i))
            .collect();
        order.extend(rest);
        let scope = Scope::of(&input);
        let entries = order.iter().map(|&i| scope.entries[i].clone()).collect();
        self.project_entries(input, &scope, entries, span)
    }

    pub(crate) fn plan_take(
        &self,
        input: Tabular,
        count: &crate::syntax::Expr,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::empty();
        let n = ExprLowerer::new(self, &scope).constant_count(count)?;
        let plan = LogicalPlanBuilder::from(input.plan)
            .limit(0, Some(n))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: input.columns,
        })
    }

    fn sort_exprs(&self, input: &Tabular, keys: &[SortKey]) -> Result<Vec<SortExpr>, Diagnostic> {
        let scope = Scope::of(input);
        keys.iter()
            .map(|key| {
                let value = ExprLowerer::new(self, &scope).lower(&key.expr)?;
                // KQL sorts descending unless told otherwise; nulls go first ascending, last
                // descending.
                let asc = key.order == Some(SortOrder::Asc);
                let nulls_first = match key.nulls {
                    Some(NullsPosition::First) => true,
                    Some(NullsPosition::Last) => false,
                    None => asc,
                };
                Ok(value.expr.sort(asc, nulls_first))
            })
            .collect()
    }

    /// `sort by` (and `top`, with a limit).
    pub(crate) fn plan_sort(
        &self,
        input: Tabular,
        keys: &[SortKey],
        fetch: Option<usize>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let sorts = self.sort_exprs(&input, keys)?;
        let plan = LogicalPlanBuilder::from(input.plan)
            .sort_with_limit(sorts, fetch)
            // `top 0`: no rows (DataFusion's top-K operator needs K > 0).
            .and_then(|b| match fetch {
                Some(0) => b.limit(0, Some(0)),
                _ => Ok(b),
            })
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: input.columns,
        })
    }

    pub(crate) fn plan_top(
        &self,
        input: Tabular,
        top: &Top,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::empty();
        let n = ExprLowerer::new(self, &scope).constant_count(&top.count)?;
        self.plan_sort(input, std::slice::from_ref(&top.key), Some(n), span)
    }

    /// `count`: one row, one `Count` column.
    pub(crate) fn plan_count(&self, input: Tabular, span: Span) -> Result<Tabular, Diagnostic> {
        let plan = LogicalPlanBuilder::from(input.plan)
            .aggregate(Vec::<Expr>::new(), vec![count(lit(1i64)).alias("Count")])
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: vec![ColumnInfo {
                name: "Count".to_string(),
                ty: ScalarType::Long,
                origin: None,
            }],
        })
    }

    /// `distinct a, b` / `distinct *`.
    pub(crate) fn plan_distinct(
        &self,
        input: Tabular,
        distinct: &Distinct,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        if distinct.columns.is_empty() {
            let plan = LogicalPlanBuilder::from(input.plan)
                .distinct()
                .and_then(LogicalPlanBuilder::build)
                .map_err(|e| plan_error(e, span))?;
            return Ok(Tabular {
                plan,
                columns: input.columns,
            });
        }
        let items: Vec<NamedExpr> = distinct
            .columns
            .iter()
            .map(|e| NamedExpr {
                alias: None,
                expr: e.clone(),
            })
            .collect();
        self.plan_group(input, &items, span)
    }

    /// `getschema`: one row per column (name, ordinal, .NET type, KQL type).
    pub(crate) fn plan_getschema(
        &self,
        input: &Tabular,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let rows: Vec<Vec<Expr>> = input
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    lit(c.name.clone()),
                    lit(i32::try_from(i).unwrap_or(i32::MAX)),
                    lit(dotnet_type(c.ty)),
                    lit(c.ty.name()),
                ]
            })
            .collect();
        let names = ["ColumnName", "ColumnOrdinal", "DataType", "ColumnType"];
        let types = [
            ScalarType::String,
            ScalarType::Int,
            ScalarType::String,
            ScalarType::String,
        ];
        let plan = LogicalPlanBuilder::values(rows)
            .and_then(|b| {
                let exprs: Vec<Expr> = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        Expr::Column(Column::from_name(format!("column{}", i + 1))).alias(*n)
                    })
                    .collect();
                b.project(exprs)
            })
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: names
                .iter()
                .zip(types)
                .map(|(n, ty)| ColumnInfo {
                    name: n.to_string(),
                    ty,
                    origin: None,
                })
                .collect(),
        })
    }
}

/// The .NET type `getschema` reports for a KQL type.
fn dotnet_type(ty: ScalarType) -> &'static str {
    match ty {
        ScalarType::Bool => "System.Boolean",
        ScalarType::Int => "System.Int32",
        ScalarType::Long => "System.Int64",
        ScalarType::Real => "System.Double",
        ScalarType::Decimal => "System.Data.SqlTypes.SqlDecimal",
        ScalarType::String => "System.String",
        ScalarType::DateTime => "System.DateTime",
        ScalarType::TimeSpan => "System.TimeSpan",
        ScalarType::Guid => "System.Guid",
        ScalarType::Dynamic => "System.Object",
    }
}
