//! Sources that are not tables: `datatable`, `print` and `range`.

use std::sync::Arc;

use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::common::{Column, DFSchema};
use datafusion::logical_expr::{EmptyRelation, Expr, LogicalPlan, LogicalPlanBuilder, cast};

use super::convert;
use super::expr::Typed;
use super::literal::constant;
use super::scope::ScopeEntry;
use super::types::{arrow_type, field_metadata, is_numeric};
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Alias, Datatable, NamedExpr, Range, ScalarType};
use crate::udf;

impl Planner<'_> {
    /// `datatable(a:long, b:string) [1, "x", ...]`.
    pub(crate) fn plan_datatable(
        &self,
        table: &Datatable,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let width = table.columns.len();
        if width == 0 {
            return Err(
                Diagnostic::error(Code::InvalidArgument, "a datatable needs columns")
                    .with_span(span),
            );
        }
        if !table.values.len().is_multiple_of(width) {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                format!(
                    "{} values do not fill rows of {width} columns",
                    table.values.len()
                ),
            )
            .with_span(span));
        }
        let columns: Vec<ColumnInfo> = table
            .columns
            .iter()
            .map(|c| ColumnInfo {
                name: c.name.name.clone(),
                ty: c.ty,
                origin: None,
            })
            .collect();
        let fields: Vec<Field> = columns
            .iter()
            .map(|c| {
                let field = Field::new(&c.name, arrow_type(c.ty), true);
                match field_metadata(c.ty) {
                    Some(m) => field.with_metadata(m.to_hashmap()),
                    None => field,
                }
            })
            .collect();
        let schema = DFSchema::try_from(Schema::new(fields)).map_err(|e| plan_error(e, span))?;
        if table.values.is_empty() {
            return Ok(Tabular {
                plan: LogicalPlan::EmptyRelation(EmptyRelation {
                    produce_one_row: false,
                    schema: Arc::new(schema),
                }),
                columns,
            });
        }
        let scope = Scope::empty();
        let mut rows = Vec::with_capacity(table.values.len() / width);
        for cells in table.values.chunks(width) {
            let mut row = Vec::with_capacity(width);
            for (cell, column) in cells.iter().zip(&columns) {
                let value = ExprLowerer::new(self, &scope).lower(cell)?;
                let is_null = constant(&value.expr).is_some_and(|v| v.is_null());
                let expr = if is_null {
                    Some(Expr::Literal(super::types::null_of(column.ty), None))
                } else {
                    convert::convert(&value, column.ty)
                };
                let Some(expr) = expr else {
                    return Err(Diagnostic::error(
                        Code::TypeMismatch,
                        format!(
                            "column `{}` is {}, this value is {}",
                            column.name,
                            column.ty.name(),
                            value.ty.name()
                        ),
                    )
                    .with_span(cell.span));
                };
                row.push(cast(expr, arrow_type(column.ty)));
            }
            rows.push(row);
        }
        let plan = LogicalPlanBuilder::values_with_schema(rows, &Arc::new(schema))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular { plan, columns })
    }

    /// `print a = 1, 2`: one row; unnamed items are `print_0`, `print_1`, ... by position.
    pub(crate) fn plan_print(
        &self,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::empty();
        let mut entries = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(columns) =
                super::operators::item_columns(&mut ExprLowerer::new(self, &scope), item)?
            {
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
            let name = match &item.alias {
                Some(Alias::Name(id)) => id.name.clone(),
                Some(Alias::Tuple(_)) => {
                    return Err(super::expr::not_supported(
                        "naming several columns with `(a, b) =` in `print`",
                        item.expr.span,
                    ));
                }
                // `print` has no input columns: a name read from an identifier would be a `let`
                // value's, and Kusto names those `print_<n>` as well.
                None => format!("print_{i}"),
            };
            entries.push(ScopeEntry {
                name,
                value,
                origin: None,
            });
        }
        let input = Tabular {
            plan: LogicalPlanBuilder::empty(true)
                .build()
                .map_err(|e| plan_error(e, span))?,
            columns: Vec::new(),
        };
        self.project_entries(input, &scope, entries, span)
    }

    /// `range x from a to b step s`: longs, reals, datetimes with a timespan step, or timespans.
    pub(crate) fn plan_range(&self, range: &Range, span: Span) -> Result<Tabular, Diagnostic> {
        let scope = Scope::empty();
        let lower = |e: &crate::syntax::Expr| ExprLowerer::new(self, &scope).lower(e);
        let (from, to, step) = (lower(&range.from)?, lower(&range.to)?, lower(&range.step)?);
        let mismatch = || {
            Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "range needs numbers, datetimes with a timespan step, or timespans; found {}, {} and {}",
                    from.ty.name(),
                    to.ty.name(),
                    step.ty.name()
                ),
            )
            .with_span(span)
        };
        let (ty, step_ty) = match (from.ty, to.ty, step.ty) {
            (ScalarType::DateTime, ScalarType::DateTime, ScalarType::TimeSpan) => {
                (ScalarType::DateTime, ScalarType::TimeSpan)
            }
            (ScalarType::TimeSpan, ScalarType::TimeSpan, ScalarType::TimeSpan) => {
                (ScalarType::TimeSpan, ScalarType::TimeSpan)
            }
            (a, b, c) if is_numeric(a) && is_numeric(b) && is_numeric(c) => {
                let real = [a, b, c]
                    .iter()
                    .any(|t| !matches!(t, ScalarType::Int | ScalarType::Long));
                let ty = if real {
                    ScalarType::Real
                } else {
                    ScalarType::Long
                };
                (ty, ty)
            }
            _ => return Err(mismatch()),
        };
        let as_type = |t: &Typed, ty: ScalarType| cast(t.expr.clone(), arrow_type(ty));
        let list = udf::range()
            .call(vec![
                as_type(&from, ty),
                as_type(&to, ty),
                as_type(&step, step_ty),
            ])
            .alias("__kql_range");
        let name = range.column.name.clone();
        let plan = LogicalPlanBuilder::empty(true)
            .project(vec![list])
            .and_then(|b| b.unnest_column("__kql_range"))
            .and_then(|b| {
                b.project(vec![
                    Expr::Column(Column::new_unqualified("__kql_range")).alias(name.clone()),
                ])
            })
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: vec![ColumnInfo {
                name,
                ty,
                origin: None,
            }],
        })
    }
}
