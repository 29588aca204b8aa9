//! Window functions over serialized rows (`prev`, `next`, `row_number`, `row_cumsum`,
//! `row_rank_dense`, `row_rank_min`).
//!
//! Kusto evaluates these in the order rows arrive after `sort`, `order`, `top` or `serialize`.
//! The functions lower to DataFusion window expressions ordered by [`SERIAL_ROW`], a
//! `row_number()` over the input in arrival order that [`plan_windows`] adds first. Window
//! expressions may nest (`row_cumsum(x, name != prev(name))` partitions by a running count of
//! restarts, itself over `lag`): [`plan_windows`] plans the innermost ones as one `Window` node,
//! replaces them by references to its outputs, and repeats until none is left.

use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{Column, Result, ScalarValue};
use datafusion::functions_aggregate::expr_fn::sum;
use datafusion::functions_aggregate::sum::sum_udaf;
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::expr::{Sort, WindowFunction};
use datafusion::logical_expr::{
    Expr, LogicalPlan, LogicalPlanBuilder, WindowFrame, WindowFrameBound, WindowFrameUnits, col,
    lit, when,
};

/// The arrival number of each row, added under the windows that need it.
pub(crate) const SERIAL_ROW: &str = "__kql_row";

/// The order every window of serialized rows uses.
pub(crate) fn serial_order() -> Vec<Sort> {
    vec![col(SERIAL_ROW).sort(true, false)]
}

/// A frame from the partition's first row to the current one.
pub(crate) fn running_frame() -> WindowFrame {
    WindowFrame::new_bounds(
        WindowFrameUnits::Rows,
        WindowFrameBound::Preceding(ScalarValue::UInt64(None)),
        WindowFrameBound::CurrentRow,
    )
}

/// `agg(arg) over (partition by ... order by SERIAL_ROW rows unbounded preceding)`.
pub(crate) fn running(agg: Expr, partition_by: Vec<Expr>) -> Expr {
    let Expr::AggregateFunction(f) = agg else {
        unreachable!("running() takes an aggregate call")
    };
    let mut w = WindowFunction::new(f.func, f.params.args);
    w.params.partition_by = partition_by;
    w.params.order_by = serial_order();
    w.params.window_frame = running_frame();
    Expr::from(w)
}

/// The partitions of a `restart` argument: a new one starts at every row where it is true.
pub(crate) fn restart_partitions(restart: Option<Expr>) -> Vec<Expr> {
    match restart {
        None => vec![],
        Some(r) => {
            let flag = when(r, lit(1i64))
                .otherwise(lit(0i64))
                .expect("a valid CASE");
            vec![running(sum(flag), vec![])]
        }
    }
}

/// A window function over the serialized rows: `f(args) over (partition by ... order by
/// SERIAL_ROW)`, with the function's default frame.
pub(crate) fn over_rows(f: Expr, partition_by: Vec<Expr>) -> Expr {
    let Expr::WindowFunction(mut w) = f else {
        unreachable!("over_rows() takes a window function call")
    };
    w.params.partition_by = partition_by;
    w.params.order_by = serial_order();
    Expr::WindowFunction(w)
}

/// A running sum, as `row_cumsum` uses it.
pub(crate) fn running_sum(value: Expr, partition_by: Vec<Expr>) -> Expr {
    running(
        Expr::AggregateFunction(datafusion::logical_expr::expr::AggregateFunction::new_udf(
            sum_udaf(),
            vec![value],
            false,
            None,
            vec![],
            None,
        )),
        partition_by,
    )
}

/// The plan with [`SERIAL_ROW`] added: numbered right above the last `sort` (ordered by its
/// keys, so the numbering is the sorted order even where DataFusion would drop a sort that no
/// operator above requires), and carried up through the order-keeping operators above it; over
/// an unsorted input, numbered in arrival order.
fn with_serial_row(plan: LogicalPlan) -> Result<LogicalPlan> {
    use datafusion::logical_expr::{Filter, Projection};
    use std::sync::Arc;
    match plan {
        LogicalPlan::Sort(sort) => {
            let mut number = WindowFunction::new(
                datafusion::functions_window::row_number::row_number_udwf(),
                vec![],
            );
            number.params.order_by = sort.expr.clone();
            LogicalPlanBuilder::from(LogicalPlan::Sort(sort))
                .window(vec![Expr::from(number).alias(SERIAL_ROW)])?
                .build()
        }
        LogicalPlan::Limit(mut limit) => {
            let input = Arc::unwrap_or_clone(limit.input);
            limit.input = Arc::new(with_serial_row(input)?);
            Ok(LogicalPlan::Limit(limit))
        }
        LogicalPlan::Projection(p) => {
            let input = with_serial_row(Arc::unwrap_or_clone(p.input))?;
            let mut exprs = p.expr;
            exprs.push(col(SERIAL_ROW));
            Ok(LogicalPlan::Projection(Projection::try_new(
                exprs,
                Arc::new(input),
            )?))
        }
        LogicalPlan::Filter(f) => {
            let input = with_serial_row(Arc::unwrap_or_clone(f.input))?;
            Ok(LogicalPlan::Filter(Filter::try_new(
                f.predicate,
                Arc::new(input),
            )?))
        }
        LogicalPlan::Window(w) => {
            let input = with_serial_row(Arc::unwrap_or_clone(w.input))?;
            LogicalPlanBuilder::from(input)
                .window(w.window_expr)?
                .build()
        }
        other => LogicalPlanBuilder::from(other)
            .window(vec![row_number().alias(SERIAL_ROW)])?
            .build(),
    }
}

/// The order of a plan's rows when it comes from a `sort` below order-keeping operators, as
/// sort expressions over the plan's own columns; empty when the rows have no known order.
pub(crate) fn input_order(plan: &LogicalPlan) -> Vec<Sort> {
    let mut current = plan;
    let keys = loop {
        match current {
            LogicalPlan::Sort(sort) => break sort.expr.clone(),
            LogicalPlan::Projection(p) => current = p.input.as_ref(),
            LogicalPlan::Filter(f) => current = f.input.as_ref(),
            LogicalPlan::Window(w) => current = w.input.as_ref(),
            LogicalPlan::Limit(l) => current = l.input.as_ref(),
            LogicalPlan::SubqueryAlias(a) => current = a.input.as_ref(),
            _ => return Vec::new(),
        }
    };
    // Only keys that still read plain columns of the plan's output.
    let schema = plan.schema();
    let visible = keys.iter().all(|k| match &k.expr {
        Expr::Column(c) => schema.has_column(c) || schema.has_column_with_unqualified_name(&c.name),
        _ => false,
    });
    if visible { keys } else { Vec::new() }
}

fn is_window(e: &Expr) -> bool {
    matches!(e, Expr::WindowFunction(_))
}

/// Whether the expression holds a window function anywhere.
pub(crate) fn contains_window(e: &Expr) -> bool {
    e.exists(|x| Ok(is_window(x))).unwrap_or(false)
}

fn uses_serial_row(e: &Expr) -> bool {
    e.exists(|x| Ok(matches!(x, Expr::Column(c) if c.name == SERIAL_ROW)))
        .unwrap_or(false)
}

/// Window expressions with no window inside them.
fn innermost(exprs: &[Expr]) -> Vec<Expr> {
    let mut out: Vec<Expr> = Vec::new();
    for e in exprs {
        let _ = e.apply(|x| {
            if let Expr::WindowFunction(w) = x {
                let p = &w.params;
                let nested = p.args.iter().any(contains_window)
                    || p.partition_by.iter().any(contains_window)
                    || p.order_by.iter().any(|s| contains_window(&s.expr))
                    || p.filter.as_deref().is_some_and(contains_window);
                if !nested && !out.contains(x) {
                    out.push(x.clone());
                }
            }
            Ok(TreeNodeRecursion::Continue)
        });
    }
    out
}

/// Plans the window expressions found in `exprs` under `plan`; returns the new input and the
/// expressions rewritten to read the windows' outputs. Expressions without windows come back
/// unchanged over the unchanged plan.
pub(crate) fn plan_windows(
    plan: LogicalPlan,
    exprs: Vec<Expr>,
) -> Result<(LogicalPlan, Vec<Expr>)> {
    if !exprs.iter().any(contains_window) {
        return Ok((plan, exprs));
    }
    let mut builder = LogicalPlanBuilder::from(if exprs.iter().any(uses_serial_row) {
        with_serial_row(plan)?
    } else {
        plan
    });
    let mut exprs = exprs;
    let mut n = 0usize;
    loop {
        let layer = innermost(&exprs);
        if layer.is_empty() {
            break;
        }
        let names: Vec<String> = layer
            .iter()
            .map(|_| {
                n += 1;
                format!("__kql_window_{n}")
            })
            .collect();
        builder = builder.window(
            layer
                .iter()
                .zip(&names)
                .map(|(w, name)| w.clone().alias(name))
                .collect::<Vec<_>>(),
        )?;
        exprs = exprs
            .into_iter()
            .map(|e| {
                e.transform_up(|x| match layer.iter().position(|w| *w == x) {
                    Some(i) => Ok(Transformed::yes(Expr::Column(Column::from_name(
                        names[i].clone(),
                    )))),
                    None => Ok(Transformed::no(x)),
                })
                .map(|t| t.data)
            })
            .collect::<Result<_>>()?;
    }
    Ok((builder.build()?, exprs))
}

#[cfg(test)]
mod tests {
    use crate::engine::{QueryOptions, run_query};

    /// The rows (cells joined with ` | `), in the order produced.
    async fn rows(text: &str) -> Vec<String> {
        let ctx = crate::lake::new_session();
        match run_query(&ctx, text, &QueryOptions::default()).await {
            Ok(r) => r.text_rows().into_iter().map(|r| r.join(" | ")).collect(),
            Err(d) => panic!("{}", d.render(text)),
        }
    }

    #[tokio::test]
    async fn prev_and_next_follow_the_sorted_order() {
        assert_eq!(
            rows("range x from 1 to 5 step 1 | sort by x desc | extend p = prev(x), n = next(x, 2, -1)")
                .await,
            vec![
                "5 |  | 3",
                "4 | 5 | 2",
                "3 | 4 | 1",
                "2 | 3 | -1",
                "1 | 2 | -1"
            ]
        );
    }

    #[tokio::test]
    async fn running_sums_restart_where_told() {
        assert_eq!(
            rows(
                "datatable(k:string, v:long)['a',1,'a',2,'b',5,'b',1,'a',3] \
                 | serialize | extend s = row_cumsum(v), r = row_cumsum(v, k != prev(k))"
            )
            .await,
            vec![
                "a | 1 | 1 | 1",
                "a | 2 | 3 | 3",
                "b | 5 | 8 | 5",
                "b | 1 | 9 | 6",
                "a | 3 | 12 | 3"
            ]
        );
    }

    #[tokio::test]
    async fn ranks_and_row_numbers_over_runs_of_equal_terms() {
        assert_eq!(
            rows(
                "datatable(t:long)[2,3,3,3,100] | serialize \
                 | extend d = row_rank_dense(t), m = row_rank_min(t), n = row_number(), z = row_number(0)"
            )
            .await,
            vec![
                "2 | 1 | 1 | 1 | 0",
                "3 | 2 | 2 | 2 | 1",
                "3 | 2 | 2 | 3 | 2",
                "3 | 2 | 2 | 4 | 3",
                "100 | 3 | 5 | 5 | 4"
            ]
        );
    }

    #[tokio::test]
    async fn windows_work_in_where_and_keep_order_across_many_rows() {
        // Many rows, so the plan has several partitions to keep in order.
        let got = rows(
            "range x from 1 to 100000 step 1 | sort by x desc | where x % 7 != 0 \
             | extend d = prev(x) - x | where d != 1 and isnotnull(d) | count",
        )
        .await;
        // Gaps of 2 appear where a multiple of 7 was filtered out.
        assert_eq!(got, vec!["14285"]);
        assert_eq!(
            rows("range x from 1 to 6 step 1 | serialize | where prev(x) % 2 == 0").await,
            vec!["3", "5"]
        );
    }
}
