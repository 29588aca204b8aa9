//! `evaluate activity_counts_metrics(IdColumn, TimelineColumn, Start, End, Step [, dim1, ...])`:
//! for each window of `Step` from `Start` to `End` (windows counted from `Start`), per
//! combination of the dimensions: `count` (rows), `dcount` (distinct ids), `new_dcount` (the
//! distinct ids not seen in an earlier window of the analysis) and `aggregated_dcount` (the
//! distinct ids of all the windows up to this one).
//!
//! The plan: each row's window, the rows outside `Start .. End` dropped, each id's first window
//! (`min` as a window function over id and dimensions), one aggregate by window and dimensions
//! (`count(distinct id) filter (where window = first window)` is `new_dcount`), then the
//! running sum of `new_dcount` (a window function) as `aggregated_dcount`.

use datafusion::functions_aggregate::expr_fn::{count, count_distinct};
use datafusion::functions_aggregate::min_max::min_udaf;
use datafusion::functions_aggregate::sum::sum_udaf;
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, lit};

use super::{ActivityArgs, PluginArgs, bin_at, c, dimension_args, finish, window_aggregate};
use crate::diagnostic::{Diagnostic, Span};
use crate::plan::{Planner, Tabular, plan_error};
use crate::syntax::{FunctionCall, ScalarType};

impl Planner<'_> {
    pub(super) fn plan_activity_counts_metrics(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let args = PluginArgs::of(call);
        args.require(call, 5, "IdColumn, TimelineColumn, Start, End, Step")?;
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
        let step = timeline.step(self, a[4], "`Step`")?;
        let dims = dimension_args(&input, &a[5..])?;

        let dim_names: Vec<String> = (0..dims.len()).map(|i| format!("__d{i}")).collect();
        let dim_cols = || dim_names.iter().map(|n| c(n)).collect::<Vec<_>>();
        let mut first: Vec<Expr> = vec![
            input.column_expr(id).alias("__id"),
            bin_at(timeline.to_i64(input.column_expr(time)), step, start).alias("__b"),
        ];
        first.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((i, _), n)| input.column_expr(*i).alias(n)),
        );
        let mut by_id = vec![c("__id")];
        by_id.extend(dim_cols());
        let first_window =
            window_aggregate(min_udaf(), c("__b"), by_id, Vec::new(), span)?.alias("__first");
        let mut group = vec![c("__b")];
        group.extend(dim_cols());
        // The ids whose first window is this one (`count(distinct)` skips the nulls; an
        // aggregate FILTER beside other distinct aggregates is lost by DataFusion's rewrite).
        let new_ids = count_distinct(
            datafusion::logical_expr::when(c("__b").eq(c("__first")), c("__id"))
                .end()
                .map_err(|e| plan_error(e, span))?,
        );
        let running = window_aggregate(
            sum_udaf(),
            c("__new"),
            dim_cols(),
            vec![c("__b").sort(true, false)],
            span,
        )?
        .alias("__aggregated");
        let mut last: Vec<Expr> = vec![timeline.value_of_i64(c("__b")).alias(&time_name)];
        last.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((_, name), n)| c(n).alias(name)),
        );
        last.push(c("__count").alias("count"));
        last.push(c("__dcount").alias("dcount"));
        last.push(c("__new").alias("new_dcount"));
        last.push(
            datafusion::logical_expr::cast(
                c("__aggregated"),
                datafusion::arrow::datatypes::DataType::Int64,
            )
            .alias("aggregated_dcount"),
        );
        let mut sort = vec![c("__b").sort(true, false)];
        sort.extend(dim_names.iter().map(|n| c(n).sort(true, false)));

        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .project(first)
            .and_then(|b| b.filter(c("__b").gt_eq(lit(start)).and(c("__b").lt_eq(lit(end)))))
            .and_then(|b| b.window(vec![first_window]))
            .and_then(|b| {
                b.aggregate(
                    group,
                    vec![
                        count(lit(1i64)).alias("__count"),
                        count_distinct(c("__id")).alias("__dcount"),
                        new_ids.alias("__new"),
                    ],
                )
            })
            .and_then(|b| b.window(vec![running]))
            .and_then(|b| b.sort(sort))
            .and_then(|b| b.project(last))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut columns = vec![(time_name, timeline.ty)];
        columns.extend(dims.iter().map(|(i, n)| (n.clone(), input.columns[*i].ty)));
        for name in ["count", "dcount", "new_dcount", "aggregated_dcount"] {
            columns.push((name.to_string(), ScalarType::Long));
        }
        Ok(finish(plan, columns))
    }
}
