//! `evaluate sliding_window_counts(IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin
//! [, dim1, dim2, ...])`: for each bin from `Start` to `End` (bins counted from `Start`), the
//! number of rows (`Count`) and of distinct ids (`dcount`) in the window of the
//! `LookbackWindow / Bin` bins (rounded down, at least one) that ends with that bin, per
//! combination of the dimensions.
//!
//! The plan: each row's bin, the row repeated once per window it falls in (a cross join with the
//! constant offsets 0 .. n - 1), the windows outside `Start .. End` dropped, then one aggregate
//! (`count(*)`, `count(distinct id)`) by window and dimensions.

use datafusion::functions_aggregate::expr_fn::{count, count_distinct};
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, lit};

use super::{ActivityArgs, PluginArgs, bin_at, c, dimension_args, finish, offsets};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::plan::{Planner, Tabular, plan_error};
use crate::syntax::{FunctionCall, ScalarType};

impl Planner<'_> {
    pub(super) fn plan_sliding_window_counts(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let args = PluginArgs::of(call);
        args.require(
            call,
            6,
            "IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin",
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
        let bin = timeline.step(self, a[5], "`Bin`")?;
        let dims = dimension_args(&input, &a[6..])?;
        if end < start {
            return Err(
                Diagnostic::error(Code::InvalidArgument, "`End` is before `Start`")
                    .with_span(a[3].span),
            );
        }
        let windows = (lookback / bin).max(1);

        let dim_names: Vec<String> = (0..dims.len()).map(|i| format!("__d{i}")).collect();
        let mut first: Vec<Expr> = vec![
            input.column_expr(id).alias("__id"),
            bin_at(timeline.to_i64(input.column_expr(time)), bin, start).alias("__b"),
        ];
        first.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((i, _), n)| input.column_expr(*i).alias(n)),
        );
        let mut spread: Vec<Expr> = vec![c("__id"), (c("__b") + c("__k") * lit(bin)).alias("__w")];
        spread.extend(dim_names.iter().map(|n| c(n)));
        let mut group: Vec<Expr> = vec![c("__w")];
        group.extend(dim_names.iter().map(|n| c(n)));
        let mut last: Vec<Expr> = vec![timeline.value_of_i64(c("__w")).alias(&time_name)];
        last.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((_, name), n)| c(n).alias(name)),
        );
        last.push(c("__count").alias("Count"));
        last.push(c("__dcount").alias("dcount"));
        let mut sort = vec![c("__w").sort(true, false)];
        sort.extend(dim_names.iter().map(|n| c(n).sort(true, false)));

        let ks = offsets("__k", windows, span)?;
        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .project(first)
            .and_then(|b| b.cross_join(ks))
            .and_then(|b| b.project(spread))
            .and_then(|b| b.filter(c("__w").gt_eq(lit(start)).and(c("__w").lt_eq(lit(end)))))
            .and_then(|b| {
                b.aggregate(
                    group,
                    vec![
                        count(lit(1i64)).alias("__count"),
                        count_distinct(c("__id")).alias("__dcount"),
                    ],
                )
            })
            .and_then(|b| b.sort(sort))
            .and_then(|b| b.project(last))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut columns = vec![(time_name, timeline.ty)];
        columns.extend(dims.iter().map(|(i, n)| (n.clone(), input.columns[*i].ty)));
        columns.push(("Count".to_string(), ScalarType::Long));
        columns.push(("dcount".to_string(), ScalarType::Long));
        Ok(finish(plan, columns))
    }
}
