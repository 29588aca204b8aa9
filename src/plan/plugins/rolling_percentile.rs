//! `evaluate rolling_percentile(ValueColumn, Percentile, IndexColumn, BinSize, BinsPerWindow
//! [, dim1, ...])`: for each bin of `IndexColumn` (`bin(IndexColumn, BinSize)`) up to the last
//! bin of the input, per combination of the dimensions, the percentile of the values in the
//! window of `BinsPerWindow` bins that ends with it (inclusive). The column is named
//! `rolling_<BinsPerWindow>_percentile_<ValueColumn>_<Percentile>`; the percentile is exact
//! nearest rank, as `percentile()` in kqlhunt.
//!
//! The plan: each row's bin, the row repeated once per window it falls in (a cross join with the
//! constant offsets 0 .. n - 1), the windows after the input's last bin dropped (`max` as a
//! window function), then `array_agg` by window and dimensions and `kql_percentile` of each list.

use datafusion::functions_aggregate::expr_fn::array_agg;
use datafusion::functions_aggregate::min_max::max_udaf;
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, lit};

use super::{
    PluginArgs, Timeline, bin_at, c, column_arg, dimension_args, finish, number_arg, offsets,
    window_aggregate,
};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::plan::{Planner, Tabular, plan_error};
use crate::syntax::{FunctionCall, ScalarType};
use crate::udf;

/// The percentile as it appears in the column name: `50`, `99_5`.
fn percentile_label(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p}").replace('.', "_")
    }
}

impl Planner<'_> {
    pub(super) fn plan_rolling_percentile(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let args = PluginArgs::of(call);
        args.require(
            call,
            5,
            "ValueColumn, Percentile, IndexColumn, BinSize, BinsPerWindow",
        )?;
        args.no_named(call)?;
        let a = &args.positional;
        let (value, value_name) = column_arg(&input, a[0], "the value column")?;
        let value_ty = input.columns[value].ty;
        if !matches!(
            value_ty,
            ScalarType::Int
                | ScalarType::Long
                | ScalarType::Real
                | ScalarType::DateTime
                | ScalarType::TimeSpan
        ) {
            return Err(Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "`rolling_percentile()` needs a number, datetime or timespan column, not {}",
                    value_ty.name()
                ),
            )
            .with_span(a[0].span));
        }
        let percentile = number_arg(self, a[1], "the percentile")?;
        if !(0.0..=100.0).contains(&percentile) {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the percentile must be between 0 and 100",
            )
            .with_span(a[1].span));
        }
        let (index, index_name) = column_arg(&input, a[2], "the index column")?;
        let timeline = Timeline::of(input.columns[index].ty, a[2].span, "index column")?;
        let size = timeline.step(self, a[3], "`BinSize`")?;
        let bins = number_arg(self, a[4], "`BinsPerWindow`")?;
        if bins < 1.0 || bins.fract() != 0.0 {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "`BinsPerWindow` must be a whole number of bins, at least 1",
            )
            .with_span(a[4].span));
        }
        let bins = bins as i64;
        let dims = dimension_args(&input, &a[5..])?;

        let dim_names: Vec<String> = (0..dims.len()).map(|i| format!("__d{i}")).collect();
        let mut first: Vec<Expr> = vec![
            input.column_expr(value).alias("__v"),
            bin_at(timeline.to_i64(input.column_expr(index)), size, 0).alias("__b"),
        ];
        first.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((i, _), n)| input.column_expr(*i).alias(n)),
        );
        let last_bin =
            window_aggregate(max_udaf(), c("__b"), Vec::new(), Vec::new(), span)?.alias("__last");
        let mut spread: Vec<Expr> = vec![
            c("__v"),
            c("__last"),
            (c("__b") + c("__k") * lit(size)).alias("__w"),
        ];
        spread.extend(dim_names.iter().map(|n| c(n)));
        let mut group = vec![c("__w")];
        group.extend(dim_names.iter().map(|n| c(n)));
        let name = format!(
            "rolling_{bins}_percentile_{value_name}_{}",
            percentile_label(percentile)
        );
        let mut last: Vec<Expr> = vec![timeline.value_of_i64(c("__w")).alias(&index_name)];
        last.extend(
            dims.iter()
                .zip(&dim_names)
                .map(|((_, name), n)| c(n).alias(name)),
        );
        last.push(
            udf::percentile()
                .call(vec![c("__list"), lit(percentile)])
                .alias(&name),
        );
        let mut sort = vec![c("__w").sort(true, false)];
        sort.extend(dim_names.iter().map(|n| c(n).sort(true, false)));

        let ks = offsets("__k", bins, span)?;
        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .project(first)
            .and_then(|b| b.filter(c("__b").is_not_null()))
            .and_then(|b| b.window(vec![last_bin]))
            .and_then(|b| b.cross_join(ks))
            .and_then(|b| b.project(spread))
            .and_then(|b| b.filter(c("__w").lt_eq(c("__last"))))
            .and_then(|b| b.aggregate(group, vec![array_agg(c("__v")).alias("__list")]))
            .and_then(|b| b.sort(sort))
            .and_then(|b| b.project(last))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut columns = vec![(index_name, timeline.ty)];
        columns.extend(dims.iter().map(|(i, n)| (n.clone(), input.columns[*i].ty)));
        columns.push((name, value_ty));
        Ok(finish(plan, columns))
    }
}
