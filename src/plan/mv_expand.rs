//! `mv-expand`: one row per element of a dynamic array (or property of a bag), the element as
//! `dynamic`. Several expressions expand in parallel (the shorter padded with nulls); a null value
//! gives one row with a null element, an empty array none.
//!
//! Plan: a projection adds `kql_mv_items(value)` lists (`__kql_mv_<n>`), DataFusion's `Unnest`
//! expands them, and a last projection puts each element where Kusto puts it (in place of the
//! column of the same name, else at the end).

use datafusion::common::{Column, UnnestOptions};
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, lit};

use super::convert;
use super::expr::{Typed, not_supported, type_error};
use super::naming::{ColumnNames, default_name};
use super::operators::output_expr;
use super::scope::ScopeEntry;
use super::{ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::{BagExpansion, MvExpand, ScalarType};
use crate::udf;

fn list_column(n: usize) -> String {
    format!("__kql_mv_{n}")
}

impl Planner<'_> {
    pub(crate) fn plan_mv_expand(
        &self,
        input: Tabular,
        expand: &MvExpand,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let limit = self.item_limit(expand.limit.as_ref())?;
        if let Some(index) = &expand.with_item_index {
            return self.plan_mv_expand_indexed(input, expand, index, limit, span);
        }
        let kind = match expand.bag_expansion {
            Some(BagExpansion::Array) => "array",
            _ => "bag",
        };
        let scope = Scope::of(&input);
        let mut numbers = ColumnNames::default();
        // (output name, list column, element type)
        let mut targets: Vec<(String, String, ScalarType)> = Vec::new();
        let mut exprs: Vec<Expr> = scope
            .entries
            .iter()
            .map(|e| output_expr(&scope, e))
            .collect();
        for (n, item) in expand.items.iter().enumerate() {
            let value = ExprLowerer::new(self, &scope).lower(&item.expr)?;
            if value.ty != ScalarType::Dynamic {
                return Err(type_error(
                    &value,
                    "a dynamic array or property bag",
                    item.expr.span,
                ));
            }
            let name = match (&item.name, default_name(&item.expr)) {
                (Some(id), _) => id.name.clone(),
                (None, Some(name)) => name,
                (None, None) => numbers.next(|n| scope.get(n).is_some()),
            };
            let list = list_column(n);
            exprs.push(expanded_items(&value, kind, limit).alias(&list));
            targets.push((name, list, item.to_type.unwrap_or(ScalarType::Dynamic)));
        }
        let lists: Vec<Column> = targets
            .iter()
            .map(|(_, list, _)| Column::new_unqualified(list.clone()))
            .collect();
        let plan = LogicalPlanBuilder::from(input.plan)
            .project(exprs)
            .and_then(|b| {
                b.unnest_columns_with_options(lists, UnnestOptions::new().with_preserve_nulls(true))
            })
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
        let element = |list: &str, ty: ScalarType| unnested_element(list, ty, "mv-expand", span);
        let mut entries: Vec<ScopeEntry> = Vec::new();
        for entry in &scope.entries {
            let value = match targets.iter().find(|(name, _, _)| *name == entry.name) {
                Some((_, list, ty)) => element(list, *ty)?,
                None => Typed::new(
                    Expr::Column(Column::new_unqualified(entry.name.clone())),
                    entry.value.ty,
                ),
            };
            let replaced = targets.iter().any(|(name, _, _)| *name == entry.name);
            entries.push(ScopeEntry {
                name: entry.name.clone(),
                value,
                origin: if replaced { None } else { entry.origin.clone() },
            });
        }
        for (name, list, ty) in &targets {
            if scope.get(name).is_none() {
                entries.push(ScopeEntry {
                    name: name.clone(),
                    value: element(list, *ty)?,
                    origin: None,
                });
            }
        }
        self.project_entries(expanded, &after, entries, span)
    }
}

impl Planner<'_> {
    /// The `limit N` of `mv-expand`/`mv-apply`: at most N items of each row.
    pub(crate) fn item_limit(
        &self,
        limit: Option<&crate::syntax::Expr>,
    ) -> Result<Option<usize>, Diagnostic> {
        limit
            .map(|e| ExprLowerer::new(self, &Scope::empty()).constant_count(e))
            .transpose()
    }
}

/// The items `mv-expand`/`mv-apply` expand from a value (a list column), the first `limit` only
/// when one is given.
pub(crate) fn expanded_items(value: &Typed, kind: &str, limit: Option<usize>) -> Expr {
    let items = udf::mv_items().call(vec![value.materialize(), lit(kind.to_string())]);
    match limit {
        Some(n) => datafusion::functions_nested::expr_fn::array_slice(
            items,
            lit(1i64),
            lit(i64::try_from(n).unwrap_or(i64::MAX)),
            None,
        ),
        None => items,
    }
}

/// An element of an unnested list column (dynamic), converted to the `to typeof(...)` type;
/// shared by `mv-expand` and `mv-apply`.
pub(crate) fn unnested_element(
    list: &str,
    ty: ScalarType,
    operator: &str,
    span: Span,
) -> Result<Typed, Diagnostic> {
    let raw = Typed::new(
        Expr::Column(Column::new_unqualified(list.to_string())),
        ScalarType::Dynamic,
    );
    match convert::convert(&raw, ty) {
        Some(expr) => Ok(Typed::new(expr, ty)),
        None => Err(not_supported(
            &format!("`to typeof({})` in `{operator}`", ty.name()),
            span,
        )),
    }
}
