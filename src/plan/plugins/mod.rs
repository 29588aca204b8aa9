//! `evaluate` plugins planned as DataFusion plan nodes (joins, aggregates, window functions),
//! one file each, and the argument helpers they share.
//!
//! - [`ipv4_lookup`], [`ipv6_lookup`]: a nested-loop join on an address-in-range predicate,
//!   keeping the longest matching prefix per input row.
//! - [`schema_merge`]: `getschema` tables merged at plan time.
//! - [`sliding_window_counts`], [`activity_counts_metrics`], [`active_users_count`],
//!   [`rolling_percentile`]: time-binned activity statistics.
//!
//! The time-like arguments (start, end, windows, bins) are constants, evaluated at plan time; the
//! timeline column is handled as 64-bit integers (microseconds for `datetime` and `timespan`).

mod active_users_count;
mod activity_counts_metrics;
mod ipv4_lookup;
mod ipv6_lookup;
mod rolling_percentile;
mod schema_merge;
mod sliding_window_counts;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, ScalarValue};
use datafusion::logical_expr::{
    Expr, LogicalPlan, LogicalPlanBuilder, SortExpr, WindowFunctionDefinition, cast,
    expr::WindowFunction, lit,
};

use super::evaluate::run_now;
use super::literal::constant;
use super::types::arrow_type;
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Expr as Ast, ExprKind, FunctionCall, ScalarType};

/// A plugin's arguments: the positional ones in order, and the `name = value` ones.
pub(super) struct PluginArgs<'a> {
    pub positional: Vec<&'a Ast>,
    pub named: Vec<(&'a str, &'a Ast)>,
}

impl<'a> PluginArgs<'a> {
    pub fn of(call: &'a FunctionCall) -> Self {
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for arg in &call.args {
            match &arg.kind {
                ExprKind::NamedArgument { name, value } => {
                    named.push((name.name.as_str(), &**value))
                }
                _ => positional.push(arg),
            }
        }
        PluginArgs { positional, named }
    }

    /// At least `min` positional arguments, else a diagnostic naming what is missing.
    pub fn require(&self, call: &FunctionCall, min: usize, usage: &str) -> Result<(), Diagnostic> {
        if self.positional.len() < min {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                format!(
                    "`{}()` needs at least {min} arguments: {usage}",
                    call.name.name
                ),
            )
            .with_span(call.name.span));
        }
        Ok(())
    }

    /// No `name = value` argument (for plugins that take none).
    pub fn no_named(&self, call: &FunctionCall) -> Result<(), Diagnostic> {
        match self.named.first() {
            Some((name, value)) => Err(Diagnostic::error(
                Code::InvalidArgument,
                format!("`{}()` has no parameter `{name}`", call.name.name),
            )
            .with_span(value.span)),
            None => Ok(()),
        }
    }
}

/// A column of the input named by an argument (a plain column name): its index and name.
pub(super) fn column_arg(
    input: &Tabular,
    e: &Ast,
    what: &str,
) -> Result<(usize, String), Diagnostic> {
    let id = match &e.kind {
        ExprKind::Ident(id) => id,
        ExprKind::Paren(inner) => return column_arg(input, inner, what),
        _ => {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                format!("{what} must be a column name"),
            )
            .with_span(e.span));
        }
    };
    let index = input.require(&id.name, id.span)?;
    Ok((index, id.name.clone()))
}

/// The value of a constant argument, evaluated now, and its KQL type.
pub(super) fn constant_arg(
    planner: &Planner<'_>,
    e: &Ast,
) -> Result<(ScalarValue, ScalarType), Diagnostic> {
    let scope = Scope::empty();
    let value = ExprLowerer::new(planner, &scope).lower(e)?;
    if let Some(v) = constant(&value.expr) {
        return Ok((v.clone(), value.ty));
    }
    let plan = LogicalPlanBuilder::empty(true)
        .project(vec![value.materialize().alias("v")])
        .and_then(LogicalPlanBuilder::build)
        .map_err(|err| plan_error(err, e.span))?;
    let batches = run_now(plan).map_err(|message| {
        Diagnostic::error(
            Code::InvalidArgument,
            format!("cannot evaluate this argument: {message}"),
        )
        .with_span(e.span)
    })?;
    let v = batches
        .iter()
        .find(|b| b.num_rows() > 0)
        .map(|b| ScalarValue::try_from_array(b.column(0), 0))
        .transpose()
        .map_err(|err| plan_error(err, e.span))?;
    match v {
        Some(v) => Ok((v, value.ty)),
        None => Err(
            Diagnostic::error(Code::InvalidArgument, "this argument must be a constant")
                .with_span(e.span),
        ),
    }
}

/// A constant number argument as `f64`.
pub(super) fn number_arg(planner: &Planner<'_>, e: &Ast, what: &str) -> Result<f64, Diagnostic> {
    let (v, _) = constant_arg(planner, e)?;
    let n = match v {
        ScalarValue::Int32(Some(n)) => Some(f64::from(n)),
        ScalarValue::Int64(Some(n)) => Some(n as f64),
        ScalarValue::Float64(Some(n)) => Some(n),
        ScalarValue::Decimal128(Some(n), _, scale) => Some(n as f64 / 10f64.powi(scale.into())),
        _ => None,
    };
    n.ok_or_else(|| {
        Diagnostic::error(
            Code::TypeMismatch,
            format!("{what} must be a constant number"),
        )
        .with_span(e.span)
    })
}

/// A constant bool argument.
pub(super) fn bool_arg(planner: &Planner<'_>, e: &Ast, what: &str) -> Result<bool, Diagnostic> {
    match constant_arg(planner, e)? {
        (ScalarValue::Boolean(Some(b)), _) => Ok(b),
        _ => Err(Diagnostic::error(
            Code::TypeMismatch,
            format!("{what} must be a constant bool"),
        )
        .with_span(e.span)),
    }
}

/// The timeline of an activity plugin: a column of type `datetime`, `timespan`, `int` or
/// `long`, handled as `Int64` (microseconds for the first two).
#[derive(Clone, Copy)]
pub(super) struct Timeline {
    pub ty: ScalarType,
}

impl Timeline {
    pub fn of(ty: ScalarType, span: Span, what: &str) -> Result<Timeline, Diagnostic> {
        match ty {
            ScalarType::DateTime | ScalarType::TimeSpan | ScalarType::Int | ScalarType::Long => {
                Ok(Timeline { ty })
            }
            ScalarType::Real | ScalarType::Decimal => Err(super::not_supported(
                &format!("a {} {what}", ty.name()),
                span,
            )),
            other => Err(Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "{what} must be a datetime, timespan or number column, not {}",
                    other.name()
                ),
            )
            .with_span(span)),
        }
    }

    /// The column as `Int64`.
    pub fn to_i64(self, e: Expr) -> Expr {
        cast(e, DataType::Int64)
    }

    /// An `Int64` back to the timeline's type.
    pub fn value_of_i64(self, e: Expr) -> Expr {
        match self.ty {
            ScalarType::Int | ScalarType::Long => e,
            ty => cast(e, arrow_type(ty)),
        }
    }

    fn is_time(self) -> bool {
        self.ty == ScalarType::DateTime
    }

    /// A point on the timeline (start, end): a constant of the timeline's type, as `i64`.
    pub fn point(self, planner: &Planner<'_>, e: &Ast, what: &str) -> Result<i64, Diagnostic> {
        let (v, ty) = constant_arg(planner, e)?;
        let n = match (&v, self.ty) {
            (ScalarValue::TimestampMicrosecond(Some(n), _), ScalarType::DateTime) => Some(*n),
            (ScalarValue::DurationMicrosecond(Some(n)), ScalarType::TimeSpan) => Some(*n),
            (ScalarValue::Int32(Some(n)), ScalarType::Int | ScalarType::Long) => {
                Some(i64::from(*n))
            }
            (ScalarValue::Int64(Some(n)), ScalarType::Int | ScalarType::Long) => Some(*n),
            _ => None,
        };
        n.ok_or_else(|| {
            Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "{what} must be a constant {} like the timeline column, not {}",
                    self.ty.name(),
                    ty.name()
                ),
            )
            .with_span(e.span)
        })
    }

    /// A positive length on the timeline (window, bin): a `timespan` for a time timeline, a
    /// number otherwise, as `i64`.
    pub fn step(self, planner: &Planner<'_>, e: &Ast, what: &str) -> Result<i64, Diagnostic> {
        let (v, ty) = constant_arg(planner, e)?;
        let n = match (&v, self.is_time() || self.ty == ScalarType::TimeSpan) {
            (ScalarValue::DurationMicrosecond(Some(n)), true) => Some(*n),
            (ScalarValue::Int32(Some(n)), false) => Some(i64::from(*n)),
            (ScalarValue::Int64(Some(n)), false) => Some(*n),
            (ScalarValue::Utf8(Some(s)), _) if ["week", "month", "year"].contains(&s.as_str()) => {
                return Err(super::not_supported(
                    &format!("the calendar period `{s}` as {what}"),
                    e.span,
                ));
            }
            _ => None,
        };
        match n {
            Some(n) if n > 0 => Ok(n),
            Some(_) => Err(Diagnostic::error(
                Code::InvalidArgument,
                format!("{what} must be greater than zero"),
            )
            .with_span(e.span)),
            None => Err(Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "{what} must be a constant {}, not {}",
                    if self.is_time() || self.ty == ScalarType::TimeSpan {
                        "timespan"
                    } else {
                        "number"
                    },
                    ty.name()
                ),
            )
            .with_span(e.span)),
        }
    }
}

/// An unqualified column reference (names may hold dots or capitals).
pub(super) fn c(name: &str) -> Expr {
    Expr::Column(Column::new_unqualified(name))
}

/// `t` rounded down to a multiple of `step` counted from `origin` (`bin_at`), in `Int64`.
pub(super) fn bin_at(t: Expr, step: i64, origin: i64) -> Expr {
    let offset = t.clone() - lit(origin);
    let remainder = ((offset % lit(step)) + lit(step)) % lit(step);
    t - remainder
}

/// The constant table `name` = 0, 1, ..., n - 1 (`Int64`).
pub(super) fn offsets(name: &str, n: i64, span: Span) -> Result<LogicalPlan, Diagnostic> {
    let rows: Vec<Vec<Expr>> = (0..n.max(1)).map(|k| vec![lit(k)]).collect();
    LogicalPlanBuilder::values(rows)
        .and_then(|b| b.project(vec![c("column1").alias(name)]))
        .and_then(LogicalPlanBuilder::build)
        .map_err(|e| plan_error(e, span))
}

/// An aggregate function used as a window function over `partition`, ordered by `order`.
pub(super) fn window_aggregate(
    udaf: Arc<datafusion::logical_expr::AggregateUDF>,
    arg: Expr,
    partition: Vec<Expr>,
    order: Vec<SortExpr>,
    span: Span,
) -> Result<Expr, Diagnostic> {
    let _ = span;
    let mut w = WindowFunction::new(WindowFunctionDefinition::AggregateUDF(udaf), vec![arg]);
    w.params.partition_by = partition;
    // Without an order the frame is the whole partition; with one, the rows up to the current
    // one (an empty ORDER BY with a running frame is an error in DataFusion's coercion).
    if !order.is_empty() {
        w.params.order_by = order;
        w.params.window_frame = datafusion::logical_expr::WindowFrame::new(Some(false));
    }
    Ok(Expr::from(w))
}

/// The result of a plugin: `plan` with these KQL columns (one per field, in order).
pub(super) fn finish(plan: LogicalPlan, columns: Vec<(String, ScalarType)>) -> Tabular {
    Tabular {
        plan,
        columns: columns
            .into_iter()
            .map(|(name, ty)| ColumnInfo {
                name,
                ty,
                origin: None,
            })
            .collect(),
    }
}

/// The dimension columns (`dim1, dim2, ...`) after the required arguments: their indexes and
/// names.
pub(super) fn dimension_args(
    input: &Tabular,
    args: &[&Ast],
) -> Result<Vec<(usize, String)>, Diagnostic> {
    args.iter()
        .map(|a| column_arg(input, a, "a dimension"))
        .collect()
}

impl Planner<'_> {
    /// Plans the plugins of this module; `None` for another name.
    pub(super) fn plan_plugin(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Option<Result<Tabular, Diagnostic>> {
        Some(match call.name.name.as_str() {
            "ipv4_lookup" => self.plan_ipv4_lookup(input, call, span),
            "ipv6_lookup" => self.plan_ipv6_lookup(input, call, span),
            "schema_merge" => self.plan_schema_merge(input, call, span),
            "sliding_window_counts" => self.plan_sliding_window_counts(input, call, span),
            "activity_counts_metrics" => self.plan_activity_counts_metrics(input, call, span),
            "active_users_count" => self.plan_active_users_count(input, call, span),
            "rolling_percentile" => self.plan_rolling_percentile(input, call, span),
            _ => return None,
        })
    }
}

/// The arguments the activity plugins open with: `IdColumn, TimelineColumn, Start, End`.
pub(super) struct ActivityArgs {
    pub id: usize,
    pub time: usize,
    pub time_name: String,
    pub timeline: Timeline,
    pub start: i64,
    pub end: i64,
}

impl Planner<'_> {
    /// Reads `IdColumn, TimelineColumn, Start, End` from the first four positional arguments.
    pub(super) fn activity_args(
        &self,
        input: &Tabular,
        a: &[&Ast],
    ) -> Result<ActivityArgs, Diagnostic> {
        let (id, _) = column_arg(input, a[0], "the id column")?;
        let (time, time_name) = column_arg(input, a[1], "the timeline column")?;
        let timeline = Timeline::of(input.columns[time].ty, a[1].span, "timeline column")?;
        let start = timeline.point(self, a[2], "`Start`")?;
        let end = timeline.point(self, a[3], "`End`")?;
        Ok(ActivityArgs {
            id,
            time,
            time_name,
            timeline,
            start,
            end,
        })
    }
}
