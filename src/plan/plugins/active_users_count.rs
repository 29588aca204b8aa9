//! `evaluate active_users_count(IdColumn, TimelineColumn, Start, End, LookbackWindow, Period,
//! ActivePeriodsCount, Bin [, dim1, ...])`: for each bin from `Start` to `End` (bins counted
//! from `Start`), per combination of the dimensions, the number of distinct ids (`dcount`) with
//! an appearance in the bin at which they were active: seen in at least `ActivePeriodsCount`
//! distinct periods (`Period`-long, counted from the epoch) within the lookback window
//! `(appearance - LookbackWindow, appearance]`. Appearances before `Start` count toward the
//! lookback, not as results.
//!
//! The plan: the distinct appearances in the analysis, joined (hash join on id and dimensions,
//! with the time condition as its filter) with all the distinct appearances and their periods,
//! `count(distinct period)` per appearance, the active ones kept, then `count(distinct id)` by
//! bin and dimensions.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::JoinType;
use datafusion::functions_aggregate::expr_fn::count_distinct;
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, cast, lit};

use super::{ActivityArgs, PluginArgs, bin_at, c, dimension_args, finish, number_arg};
use crate::diagnostic::{Diagnostic, Span};
use crate::plan::{Planner, Tabular, plan_error};
use crate::syntax::{FunctionCall, ScalarType};

impl Planner<'_> {
    pub(super) fn plan_active_users_count(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let args = PluginArgs::of(call);
        args.require(
            call,
            8,
            "IdColumn, TimelineColumn, Start, End, LookbackWindow, Period, ActivePeriodsCount, Bin",
        )?;
        args.no_named(call)?;
        let a = &args.positional;
        let ActivityArgs {
            id,
            time,
            time_name,
            timeline,
            start,
            end,
        } = self.activity_args(&input, a)?;
        let lookback = timeline.step(self, a[4], "`LookbackWindow`")?;
        let period = timeline.step(self, a[5], "`Period`")?;
        let active = number_arg(self, a[6], "`ActivePeriodsCount`")?;
        let bin = timeline.step(self, a[7], "`Bin`")?;
        let dims = dimension_args(&input, &a[8..])?;

        let dim_names: Vec<String> = (0..dims.len()).map(|i| format!("__d{i}")).collect();
        let other_dims: Vec<String> = (0..dims.len()).map(|i| format!("__e{i}")).collect();
        let cols = |names: &[String]| names.iter().map(|n| c(n)).collect::<Vec<_>>();

        // All the appearances: id, dimensions, time.
        let mut base: Vec<Expr> = vec![
            input.column_expr(id).alias("__id"),
            timeline.to_i64(input.column_expr(time)).alias("__t"),
        ];
        base.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((i, _), n)| input.column_expr(*i).alias(n)),
        );
        let appearances = LogicalPlanBuilder::from(input.plan.clone())
            .project(base)
            .and_then(|b| b.filter(c("__id").is_not_null().and(c("__t").is_not_null())))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        // The appearances in the analysis bins.
        let mut keys = vec![c("__id"), c("__t")];
        keys.extend(cols(&dim_names));
        let current = LogicalPlanBuilder::from(appearances.clone())
            .filter(
                bin_at(c("__t"), bin, start)
                    .lt_eq(lit(end))
                    .and(c("__t").gt_eq(lit(start))),
            )
            .and_then(|b| b.distinct())
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        // Every appearance with its period.
        let mut other: Vec<Expr> = vec![
            c("__id").alias("__id2"),
            c("__t").alias("__t2"),
            bin_at(c("__t"), period, 0).alias("__p2"),
        ];
        other.extend(
            dim_names
                .iter()
                .zip(&other_dims)
                .map(|(d, e)| c(d).alias(e)),
        );
        let history = LogicalPlanBuilder::from(appearances)
            .project(other)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;

        let mut on = vec![
            c("__id").eq(c("__id2")),
            c("__t2").gt(c("__t") - lit(lookback)),
            c("__t2").lt_eq(c("__t")),
        ];
        on.extend(
            dim_names
                .iter()
                .zip(&other_dims)
                .map(|(d, e)| c(d).eq(c(e))),
        );
        let mut by_bin = vec![c("__b")];
        by_bin.extend(cols(&dim_names));
        let mut last: Vec<Expr> = vec![timeline.value_of_i64(c("__b")).alias(&time_name)];
        last.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((_, name), n)| c(n).alias(name)),
        );
        last.push(c("__dcount").alias("dcount"));
        let mut sort = vec![c("__b").sort(true, false)];
        sort.extend(dim_names.iter().map(|n| c(n).sort(true, false)));
        let mut binned = vec![bin_at(c("__t"), bin, start).alias("__b"), c("__id")];
        binned.extend(cols(&dim_names));

        let plan = LogicalPlanBuilder::from(current)
            .join_on(history, JoinType::Inner, on)
            .and_then(|b| {
                b.aggregate(
                    keys.clone(),
                    vec![count_distinct(c("__p2")).alias("__periods")],
                )
            })
            .and_then(|b| b.filter(cast(c("__periods"), DataType::Float64).gt_eq(lit(active))))
            .and_then(|b| b.project(binned))
            .and_then(|b| b.aggregate(by_bin, vec![count_distinct(c("__id")).alias("__dcount")]))
            .and_then(|b| b.sort(sort))
            .and_then(|b| b.project(last))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut columns = vec![(time_name, timeline.ty)];
        columns.extend(dims.iter().map(|(i, n)| (n.clone(), input.columns[*i].ty)));
        columns.push(("dcount".to_string(), ScalarType::Long));
        Ok(finish(plan, columns))
    }
}
