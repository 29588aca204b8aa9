//! `make-series`: per group of the `by` keys, one dynamic array per aggregation over the bins of
//! an axis (`on Axis from start to end step s`), and the axis itself as an array.
//!
//! Bins are `start + k * step` for `0 <= k < ceil((end - start) / step)` (`end` is exclusive);
//! a row falls in bin `floor((axis - start) / step)`, rows outside are dropped. Plan: a filter
//! and a projection add the bin number (`__kql_bin`), a `summarize` (the same planning as the
//! operator) aggregates by the keys and the bin, and `kql_make_series` (a UDAF, bounded by the
//! number of bins per group) collects each group's values into a dense JSON array, the
//! `default` (0 when omitted) where a bin has no rows. The axis array is a constant computed at
//! plan time. Without `by` keys an empty input gives no row, or with `kind=nonempty` one row of
//! defaults.

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::datatypes::Float64Type;
use datafusion::common::{Column, ScalarValue};
use datafusion::functions_aggregate::expr_fn::{count, max, min};
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, cast, col, lit};

use super::convert;
use super::evaluate::{is_constant_plan, run_now};
use super::expr::{Typed, not_supported};
use super::literal::constant;
use super::naming::default_name;
use super::operators::output_expr;
use super::scope::ScopeEntry;
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Expr as Ast, ExprKind, Ident, MakeSeries, NamedExpr, ScalarType, Summarize};
use crate::udf::series::{MAX_SERIES_BINS, make_series};

const BIN: &str = "__kql_bin";
const ROWS: &str = "__kql_rows";

/// A constant bound or step as a number: microseconds for datetimes and timespans.
#[allow(clippy::cast_precision_loss)]
fn number(value: &ScalarValue) -> Option<f64> {
    match value {
        ScalarValue::TimestampMicrosecond(Some(v), _)
        | ScalarValue::DurationMicrosecond(Some(v))
        | ScalarValue::Int64(Some(v)) => Some(*v as f64),
        ScalarValue::Int32(Some(v)) => Some(f64::from(*v)),
        ScalarValue::Float64(Some(v)) => Some(*v),
        ScalarValue::Decimal128(Some(v), _, scale) => {
            Some(*v as f64 / 10f64.powi(i32::from(*scale)))
        }
        _ => None,
    }
}

fn is_numeric(ty: ScalarType) -> bool {
    matches!(
        ty,
        ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal
    )
}

/// A datetime as Kusto writes it in a dynamic array: `2017-01-01T00:00:00.0000000Z`.
fn datetime_json(micros: i64) -> String {
    match chrono::DateTime::from_timestamp_micros(micros) {
        Some(t) => format!("\"{}0Z\"", t.format("%Y-%m-%dT%H:%M:%S%.6f")),
        None => "null".to_string(),
    }
}

/// A real as JSON.
fn real_json(v: f64) -> String {
    if v.is_finite() {
        let text = v.to_string();
        if text.contains(['.', 'e', 'E']) {
            text
        } else {
            format!("{text}.0")
        }
    } else {
        "null".to_string()
    }
}

/// A constant as JSON text, for `default = value`.
fn constant_json(value: &ScalarValue) -> Option<String> {
    Some(match value {
        ScalarValue::Null => "null".to_string(),
        ScalarValue::Boolean(Some(b)) => b.to_string(),
        ScalarValue::Int32(Some(v)) => v.to_string(),
        ScalarValue::Int64(Some(v)) => v.to_string(),
        ScalarValue::Float64(Some(v)) => real_json(*v),
        ScalarValue::Utf8(Some(s)) => serde_json::Value::String(s.clone()).to_string(),
        ScalarValue::TimestampMicrosecond(Some(v), _) => datetime_json(*v),
        v if v.is_null() => "null".to_string(),
        _ => return None,
    })
}

impl Planner<'_> {
    /// A constant operand of `make-series`, as a number.
    fn series_constant(&self, e: &Ast, what: &str) -> Result<(f64, ScalarType), Diagnostic> {
        let scope = Scope::empty();
        let value = ExprLowerer::new(self, &scope).lower(e)?;
        match constant(&value.expr).and_then(number) {
            Some(n) => Ok((n, value.ty)),
            None => Err(Diagnostic::error(
                Code::InvalidArgument,
                format!("the {what} of `make-series` must be a constant"),
            )
            .with_span(e.span)),
        }
    }

    /// The smallest and largest axis values (as numbers), read now from a constant input;
    /// `None` when there are none.
    fn axis_range(
        &self,
        input: &Tabular,
        position: &Expr,
        span: Span,
    ) -> Result<Option<(f64, f64)>, Diagnostic> {
        if !is_constant_plan(&input.plan) {
            return Err(not_supported(
                "`make-series` without `from` or `to` over a stored table",
                span,
            ));
        }
        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .aggregate(
                Vec::<Expr>::new(),
                vec![
                    min(position.clone()).alias("low"),
                    max(position.clone()).alias("high"),
                ],
            )
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let batches = run_now(plan).map_err(|e| {
            Diagnostic::error(
                Code::ExecutionError,
                format!("cannot read the range of the axis: {e}"),
            )
            .with_span(span)
        })?;
        let Some(batch) = batches.iter().find(|b| b.num_rows() > 0) else {
            return Ok(None);
        };
        let low = batch.column(0).as_primitive::<Float64Type>();
        let high = batch.column(1).as_primitive::<Float64Type>();
        if low.is_null(0) || high.is_null(0) {
            return Ok(None);
        }
        Ok(Some((low.value(0), high.value(0))))
    }

    pub(crate) fn plan_make_series(
        &self,
        input: Tabular,
        series: &MakeSeries,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let axis = ExprLowerer::new(self, &scope).lower(&series.axis)?;
        let datetime = match axis.ty {
            ScalarType::DateTime => true,
            ty if is_numeric(ty) => false,
            _ => {
                return Err(Diagnostic::error(
                    Code::TypeMismatch,
                    format!(
                        "the axis of `make-series` must be a datetime or a number, not {}",
                        axis.ty.name()
                    ),
                )
                .with_span(series.axis.span));
            }
        };
        let (step, step_ty) = self.series_constant(&series.step, "step")?;
        if step <= 0.0 || !step.is_finite() {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the step of `make-series` must be positive",
            )
            .with_span(series.step.span));
        }
        let position = cast(
            match axis.ty {
                ScalarType::DateTime => cast(axis.expr.clone(), DataType::Int64),
                _ => axis.expr.clone(),
            },
            DataType::Float64,
        );
        let (start, end) = match (&series.from, &series.to) {
            (Some(from), Some(to)) => (
                self.series_constant(from, "start (`from`)")?.0,
                self.series_constant(to, "end (`to`)")?.0,
            ),
            (from, to) => {
                // The data's range: from the bin (a multiple of the step) of the smallest value
                // to the end of the bin of the largest.
                let range = self.axis_range(&input, &position, span)?;
                let start = match from {
                    Some(from) => self.series_constant(from, "start (`from`)")?.0,
                    None => range.map_or(0.0, |(low, _)| (low / step).floor() * step),
                };
                let end = match to {
                    Some(to) => self.series_constant(to, "end (`to`)")?.0,
                    None => range.map_or(start, |(_, high)| {
                        ((high - start) / step).floor() * step + start + step
                    }),
                };
                (start, end)
            }
        };
        let wanted = ((end - start) / step).ceil().max(0.0);
        if wanted > MAX_SERIES_BINS as f64 {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                format!(
                    "`make-series` would make {wanted} bins; at most {MAX_SERIES_BINS} are allowed"
                ),
            )
            .with_span(series.step.span));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bins = wanted as usize;
        let integral = !datetime
            && matches!(axis.ty, ScalarType::Int | ScalarType::Long)
            && matches!(step_ty, ScalarType::Int | ScalarType::Long)
            && start.fract() == 0.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let axis_values: Vec<String> = (0..bins)
            .map(|k| {
                let v = start + k as f64 * step;
                if datetime {
                    datetime_json(v.round() as i64)
                } else if integral {
                    format!("{}", v.round() as i64)
                } else {
                    real_json(v)
                }
            })
            .collect();
        let axis_json = format!("[{}]", axis_values.join(","));

        // The bin number of each row; rows outside the bins are dropped.
        let bin_real =
            datafusion::functions::math::expr_fn::floor((position - lit(start)) / lit(step));
        let keep = bin_real
            .clone()
            .gt_eq(lit(0.0))
            .and(bin_real.clone().lt(lit(bins as f64)));
        let bin = cast(bin_real, DataType::Int64);
        let mut exprs: Vec<Expr> = scope
            .entries
            .iter()
            .map(|e| output_expr(&scope, e))
            .collect();
        exprs.push(bin.alias(BIN));
        let plan = LogicalPlanBuilder::from(input.plan)
            .filter(keep)
            .and_then(|b| b.project(exprs))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut columns = input.columns;
        columns.push(ColumnInfo {
            name: BIN.to_string(),
            ty: ScalarType::Long,
            origin: None,
        });
        let binned = Tabular { plan, columns };

        // Aggregate by the keys and the bin.
        let bin_item = NamedExpr {
            alias: None,
            expr: Ast::new(
                ExprKind::Ident(Ident {
                    name: BIN.to_string(),
                    span,
                }),
                span,
            ),
        };
        let mut by = series.by.clone();
        by.push(bin_item);
        let summarize = Summarize {
            hints: series.hints.clone(),
            aggregates: series
                .aggregates
                .iter()
                .map(|a| a.aggregate.clone())
                .collect(),
            by,
        };
        let grouped = self.plan_summarize(binned, &summarize, span)?;
        let keys = series.by.len();
        let axis_name = default_name(&series.axis).unwrap_or_else(|| "Column1".to_string());

        // Collect each group's bins into arrays.
        let bin_col = grouped.column_expr(keys);
        let group: Vec<Expr> = (0..keys)
            .map(|i| {
                grouped
                    .column_expr(i)
                    .alias(grouped.columns[i].name.clone())
            })
            .collect();
        let mut aggregates: Vec<Expr> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for (n, item) in series.aggregates.iter().enumerate() {
            let i = keys + 1 + n;
            let value = Typed::new(grouped.column_expr(i), grouped.columns[i].ty);
            let default = match &item.default {
                Some(e) => {
                    let scope = Scope::empty();
                    let t = ExprLowerer::new(self, &scope).lower(e)?;
                    match constant(&t.expr).and_then(constant_json) {
                        Some(json) => json,
                        None => {
                            return Err(Diagnostic::error(
                                Code::InvalidArgument,
                                "the default of a `make-series` aggregation must be a constant",
                            )
                            .with_span(e.span));
                        }
                    }
                }
                None => "0".to_string(),
            };
            let name = grouped.columns[i].name.clone();
            let bins_lit = lit(i64::try_from(bins).unwrap_or(i64::MAX));
            aggregates.push(
                make_series()
                    .call(vec![
                        bin_col.clone(),
                        convert::to_dynamic(&value),
                        bins_lit,
                        lit(default),
                    ])
                    .alias(format!("__kql_series_{n}")),
            );
            names.push(name);
        }
        let filter_empty = keys == 0 && !series.nonempty;
        if filter_empty {
            aggregates.push(count(lit(1i64)).alias(ROWS));
        }
        let mut builder = LogicalPlanBuilder::from(grouped.plan.clone())
            .aggregate(group, aggregates)
            .map_err(|e| plan_error(e, span))?;
        if filter_empty {
            builder = builder
                .filter(col(ROWS).gt(lit(0i64)))
                .map_err(|e| plan_error(e, span))?;
        }
        let plan = builder.build().map_err(|e| plan_error(e, span))?;
        let collected = Tabular {
            plan,
            columns: Vec::new(),
        };
        let after = Scope {
            entries: Vec::new(),
            schema: std::sync::Arc::clone(collected.plan.schema()),
        };
        let mut entries: Vec<ScopeEntry> = (0..keys)
            .map(|i| ScopeEntry {
                name: grouped.columns[i].name.clone(),
                value: Typed::new(
                    Expr::Column(Column::new_unqualified(grouped.columns[i].name.clone())),
                    grouped.columns[i].ty,
                ),
                origin: None,
            })
            .collect();
        for (n, name) in names.into_iter().enumerate() {
            entries.push(ScopeEntry {
                name,
                value: Typed::new(
                    Expr::Column(Column::new_unqualified(format!("__kql_series_{n}"))),
                    ScalarType::Dynamic,
                ),
                origin: None,
            });
        }
        entries.retain(|e| e.name != axis_name);
        entries.push(ScopeEntry {
            name: axis_name,
            value: Typed::new(lit(axis_json), ScalarType::Dynamic),
            origin: None,
        });
        self.project_entries(collected, &after, entries, span)
    }
}
