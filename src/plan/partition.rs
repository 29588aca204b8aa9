//! `partition [hints] by Col (operators)`: the subquery runs on the rows of each value of `Col`.
//!
//! Planned like the subquery of `mv-apply` (see `mv_apply.rs`), with a copy of `Col` as the
//! "row number": row-wise operators run as they are, `summarize`/`count`/`distinct` also group by
//! it, `top`/`take` keep the first rows of each value (a `row_number()` window partitioned by
//! it), `sort` sorts by it first, `scan` keeps one state per value of it. The copy is dropped at
//! the end; other operators are "not supported yet". Hints are ignored.

use datafusion::logical_expr::LogicalPlanBuilder;

use super::expr::not_supported;
use super::mv_apply::Helpers;
use super::{ColumnInfo, Planner, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::Partition;

impl Planner<'_> {
    pub(crate) fn plan_partition(
        &self,
        input: Tabular,
        partition: &Partition,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let Some(key) = input.position(&partition.by.name) else {
            return Err(Diagnostic::error(
                Code::UnknownColumn,
                format!("no column named `{}` to partition by", partition.by.name),
            )
            .with_span(partition.by.span));
        };
        let mut helpers = Helpers::for_input(&input);
        helpers.within = "partition";
        // The input plus a copy of the key column under the helper's name.
        let mut exprs: Vec<_> = (0..input.columns.len())
            .map(|i| input.column_expr(i))
            .collect();
        exprs.push(input.column_expr(key).alias(&helpers.row));
        let mut columns = input.columns.clone();
        columns.push(ColumnInfo {
            name: helpers.row.clone(),
            ty: input.columns[key].ty,
            origin: None,
        });
        let plan = LogicalPlanBuilder::from(input.plan)
            .project(exprs)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let mut current = Tabular { plan, columns };
        for operator in &partition.subquery {
            current = self.plan_per_row(current, operator, &helpers)?;
            if current.position(&helpers.row).is_none() {
                return Err(not_supported(
                    "removing every column in a `partition` subquery",
                    operator.span,
                ));
            }
        }
        let keep: Vec<usize> = (0..current.columns.len())
            .filter(|&i| current.columns[i].name != helpers.row)
            .collect();
        let exprs: Vec<_> = keep.iter().map(|&i| current.column_expr(i)).collect();
        let columns = keep.iter().map(|&i| current.columns[i].clone()).collect();
        let plan = LogicalPlanBuilder::from(current.plan)
            .project(exprs)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular { plan, columns })
    }
}
