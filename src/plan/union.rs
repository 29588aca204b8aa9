//! `union`, as a source (`union T, U`) and as an operator (`T | union U`).
//!
//! - `kind=outer` (the default) keeps every column, null where an input lacks it; a name that
//!   has different types in different inputs becomes one column per type, `name_type`
//!   (`x_long`, `x_int`), numbered if that name is taken (`x_long1`).
//! - `kind=inner` keeps the columns (name and type) every input has, in the first input's order.
//! - `withsource=Name` adds a first column with each row's input: the table or view name, or
//!   `union_argN` (N its position) for other inputs.
//! - `Cloud*` stands for every table (and tabular `let`) whose name matches.
//! - `isfuzzy=true` lets a pattern match nothing and leaves out tables that do not exist.

use datafusion::logical_expr::{Expr, LogicalPlanBuilder, cast, lit};

use super::join::free_name;
use super::naming::glob_match;
use super::types::{arrow_type, field_metadata, null_of};
use super::{ColumnInfo, Planner, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Ident, ScalarType, SourceKind, Union, UnionKind, UnionTable};

/// An output column of the union: its name and the input columns (by name and type) it takes.
struct Slot {
    source_name: String,
    ty: ScalarType,
    name: String,
}

impl Planner<'_> {
    pub(crate) fn plan_union(
        &self,
        input: Option<Tabular>,
        union: &Union,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let mut inputs: Vec<(String, Tabular)> = Vec::new();
        if let Some(input) = input {
            inputs.push(("union_arg0".to_string(), input));
        }
        for table in &union.tables {
            let position = inputs.len();
            match table {
                UnionTable::Tabular(t) => {
                    if let SourceKind::Table(id) = &t.source.kind
                        && union.is_fuzzy == Some(true)
                        && self.binding(&id.name).is_none()
                        && self.catalog.table(&id.name).is_none()
                    {
                        // `isfuzzy=true`: a missing table is left out.
                        continue;
                    }
                    let name = match &t.source.kind {
                        SourceKind::Table(id) if t.operators.is_empty() => id.name.clone(),
                        SourceKind::Call(call) if t.operators.is_empty() => {
                            if call.name.name == "materialize" {
                                format!("union_arg{position}")
                            } else {
                                call.name.name.clone()
                            }
                        }
                        _ => format!("union_arg{position}"),
                    };
                    let name = match self.binding(&name) {
                        // A tabular `let` is not a table: Kusto names it by position.
                        Some(super::Binding::Tabular(_)) => format!("union_arg{position}"),
                        _ => name,
                    };
                    inputs.push((name, self.plan_tabular(t)?));
                }
                UnionTable::Wildcard(pattern) => {
                    let mut names: Vec<String> = self
                        .catalog
                        .table_names()
                        .into_iter()
                        .chain(self.tabular_names())
                        .filter(|n| glob_match(pattern, n))
                        .collect();
                    names.sort();
                    names.dedup();
                    if names.is_empty() && union.is_fuzzy != Some(true) {
                        return Err(Diagnostic::error(
                            Code::UnknownTable,
                            format!("no table matches `{pattern}`"),
                        )
                        .with_span(span)
                        .with_label("in this union"));
                    }
                    for name in names {
                        let t = self.plan_table_name(&Ident::new(name.clone(), span))?;
                        inputs.push((name, t));
                    }
                }
            }
        }
        if inputs.is_empty() {
            return Err(
                Diagnostic::error(Code::UnknownTable, "this union has no inputs").with_span(span),
            );
        }
        let slots = match union.kind.unwrap_or(UnionKind::Outer) {
            UnionKind::Outer => outer_slots(&inputs),
            UnionKind::Inner => inner_slots(&inputs),
        };
        if slots.is_empty() && union.with_source.is_none() {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the inputs of this `union kind=inner` have no column in common",
            )
            .with_span(span));
        }
        let mut columns: Vec<ColumnInfo> = Vec::new();
        if let Some(source) = &union.with_source {
            if slots.iter().any(|s| s.name == source.name) {
                return Err(Diagnostic::error(
                    Code::DuplicateColumn,
                    format!("two columns would be named `{}`", source.name),
                )
                .with_span(source.span));
            }
            columns.push(ColumnInfo {
                name: source.name.clone(),
                ty: ScalarType::String,
                origin: None,
            });
        }
        columns.extend(slots.iter().map(|s| ColumnInfo {
            name: s.name.clone(),
            ty: s.ty,
            origin: None,
        }));
        let mut plan: Option<LogicalPlanBuilder> = None;
        for (source_name, input) in inputs {
            let mut exprs: Vec<Expr> = Vec::new();
            if let Some(source) = &union.with_source {
                exprs.push(lit(source_name.clone()).alias(source.name.clone()));
            }
            for slot in &slots {
                let value = match input
                    .columns
                    .iter()
                    .position(|c| c.name == slot.source_name && c.ty == slot.ty)
                {
                    Some(i) => cast(input.column_expr(i), arrow_type(slot.ty)),
                    None => Expr::Literal(null_of(slot.ty), None),
                };
                exprs.push(value.alias_with_metadata(slot.name.clone(), field_metadata(slot.ty)));
            }
            let projected = LogicalPlanBuilder::from(input.plan)
                .project(exprs)
                .and_then(LogicalPlanBuilder::build)
                .map_err(|e| plan_error(e, span))?;
            plan = Some(match plan {
                None => LogicalPlanBuilder::from(projected),
                Some(b) => b.union(projected).map_err(|e| plan_error(e, span))?,
            });
        }
        let plan = plan
            .map(LogicalPlanBuilder::build)
            .transpose()
            .map_err(|e| plan_error(e, span))?
            .ok_or_else(|| Diagnostic::error(Code::UnknownTable, "empty union").with_span(span))?;
        Ok(Tabular { plan, columns })
    }
}

/// Every (name, type) in order of first appearance; names with several types become `name_type`.
fn outer_slots(inputs: &[(String, Tabular)]) -> Vec<Slot> {
    let mut pairs: Vec<(String, ScalarType)> = Vec::new();
    for (_, t) in inputs {
        for c in &t.columns {
            if !pairs.iter().any(|(n, ty)| *n == c.name && *ty == c.ty) {
                pairs.push((c.name.clone(), c.ty));
            }
        }
    }
    let typed = |name: &str| pairs.iter().filter(|(n, _)| n == name).count() > 1;
    let plain: Vec<String> = pairs
        .iter()
        .filter(|(n, _)| !typed(n))
        .map(|(n, _)| n.clone())
        .collect();
    let mut slots: Vec<Slot> = Vec::new();
    for (name, ty) in &pairs {
        let out = if typed(name) {
            let base = format!("{name}_{}", ty.name());
            free_name(&base, |n| {
                plain.iter().any(|p| p == n) || slots.iter().any(|s| s.name == n)
            })
        } else {
            name.clone()
        };
        slots.push(Slot {
            source_name: name.clone(),
            ty: *ty,
            name: out,
        });
    }
    slots
}

/// The columns every input has, in the first input's order.
fn inner_slots(inputs: &[(String, Tabular)]) -> Vec<Slot> {
    let Some((_, first)) = inputs.first() else {
        return Vec::new();
    };
    first
        .columns
        .iter()
        .filter(|c| {
            inputs
                .iter()
                .all(|(_, t)| t.columns.iter().any(|d| d.name == c.name && d.ty == c.ty))
        })
        .map(|c| Slot {
            source_name: c.name.clone(),
            ty: c.ty,
            name: c.name.clone(),
        })
        .collect()
}
