//! `top-hitters`, `sample` and `sample-distinct`.
//!
//! - `top-hitters N of X [by S]` is planned exactly (Kusto approximates with a count-min sketch):
//!   `summarize approximate_count_X = count() by X | top N by approximate_count_X`, or
//!   `approximate_sum_S = sum(S)` with `by`. The aggregation streams; the `top` keeps N rows.
//! - `sample N` keeps N rows picked at random: a `sort` by `random()` with a fetch of N, which
//!   DataFusion runs as a top-K heap of N rows over the streamed input.
//! - `sample-distinct N of X` keeps up to N distinct values of X (not a fair sample, as in Kusto).

use datafusion::functions::math::expr_fn::random;
use datafusion::logical_expr::LogicalPlanBuilder;

use super::naming::default_name;
use super::{ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{
    Alias, Expr, ExprKind, FunctionCall, Ident, NamedExpr, SampleDistinct, SortKey, SortOrder,
    Summarize, TopHitters,
};

impl Planner<'_> {
    pub(crate) fn plan_top_hitters(
        &self,
        input: Tabular,
        top: &TopHitters,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let value_name = match &top.value.alias {
            Some(Alias::Name(id)) => id.name.clone(),
            Some(Alias::Tuple(_)) => {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    "`top-hitters` takes one value expression",
                )
                .with_span(top.value.expr.span));
            }
            None => default_name(&top.value.expr).unwrap_or_else(|| "Column1".to_string()),
        };
        let (column, call) = match &top.by {
            None => (
                format!("approximate_count_{value_name}"),
                FunctionCall {
                    name: Ident::new("count", span),
                    args: vec![],
                },
            ),
            Some(by) => (
                format!(
                    "approximate_sum_{}",
                    default_name(by).unwrap_or_else(|| "Column1".to_string())
                ),
                FunctionCall {
                    name: Ident::new("sum", by.span),
                    args: vec![by.clone()],
                },
            ),
        };
        let summarize = Summarize {
            hints: vec![],
            aggregates: vec![NamedExpr {
                alias: Some(Alias::Name(Ident::new(column.clone(), span))),
                expr: Expr::new(ExprKind::Call(call), span),
            }],
            by: vec![NamedExpr {
                alias: Some(Alias::Name(Ident::new(value_name, top.value.expr.span))),
                expr: top.value.expr.clone(),
            }],
        };
        let counted = self.plan_summarize(input, &summarize, span)?;
        let n = ExprLowerer::new(self, &Scope::empty()).constant_count(&top.count)?;
        let key = SortKey {
            expr: Expr::new(ExprKind::Ident(Ident::new(column, span)), span),
            order: Some(SortOrder::Desc),
            nulls: None,
        };
        self.plan_sort(counted, std::slice::from_ref(&key), Some(n), span)
    }

    pub(crate) fn plan_sample(
        &self,
        input: Tabular,
        count: &Expr,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let n = ExprLowerer::new(self, &Scope::empty()).constant_count(count)?;
        let builder = LogicalPlanBuilder::from(input.plan);
        // (DataFusion's top-K needs K > 0.)
        let plan = if n == 0 {
            builder.limit(0, Some(0))
        } else {
            builder.sort_with_limit(vec![random().sort(true, false)], Some(n))
        }
        .and_then(LogicalPlanBuilder::build)
        .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: input.columns,
        })
    }

    pub(crate) fn plan_sample_distinct(
        &self,
        input: Tabular,
        sample: &SampleDistinct,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let n = ExprLowerer::new(self, &Scope::empty()).constant_count(&sample.count)?;
        let grouped = self.plan_group(input, std::slice::from_ref(&sample.column), span)?;
        let plan = LogicalPlanBuilder::from(grouped.plan)
            .limit(0, Some(n))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: grouped.columns,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::engine::{QueryOptions, run_query};

    async fn rows(text: &str) -> (Vec<String>, Vec<String>) {
        let ctx = crate::lake::new_session();
        match run_query(&ctx, text, &QueryOptions::default()).await {
            Ok(r) => (
                r.columns.iter().map(|c| c.name.clone()).collect(),
                r.text_rows().into_iter().map(|r| r.join(" | ")).collect(),
            ),
            Err(d) => panic!("{}", d.render(text)),
        }
    }

    #[tokio::test]
    async fn top_hitters_counts_and_sums_exactly() {
        let data = "datatable(u:string, b:long)['a',1,'b',10,'a',2,'c',1,'a',3,'b',10]";
        let (names, got) = rows(&format!("{data} | top-hitters 2 of u")).await;
        assert_eq!(names, vec!["u", "approximate_count_u"]);
        assert_eq!(got, vec!["a | 3", "b | 2"]);
        let (names, got) = rows(&format!("{data} | top-hitters 1 of u by b")).await;
        assert_eq!(names, vec!["u", "approximate_sum_b"]);
        assert_eq!(got, vec!["b | 20"]);
    }

    #[tokio::test]
    async fn samples_are_distinct_input_rows_of_the_asked_size() {
        // Properties, since the rows are random: the size, no repeats, all from the input.
        for n in [0usize, 1, 7, 50, 200] {
            let (_, got) = rows(&format!("range x from 1 to 100 step 1 | sample {n}")).await;
            assert_eq!(got.len(), n.min(100));
            let set: HashSet<i64> = got.iter().map(|r| r.parse().unwrap()).collect();
            assert_eq!(set.len(), got.len(), "no row twice");
            assert!(set.iter().all(|x| (1..=100).contains(x)));
        }
        // Different runs pick different rows (the chance of 5 equal samples of 10 is nil).
        let mut seen = HashSet::new();
        for _ in 0..5 {
            seen.insert(rows("range x from 1 to 1000 step 1 | sample 10").await.1);
        }
        assert!(seen.len() > 1);
    }

    #[tokio::test]
    async fn sample_distinct_returns_distinct_values_of_the_column() {
        for n in [1usize, 3, 10] {
            let (names, got) = rows(&format!(
                "range x from 1 to 100 step 1 | sample-distinct {n} of k = x % 4"
            ))
            .await;
            assert_eq!(names, vec!["k"]);
            assert_eq!(got.len(), n.min(4));
            let set: HashSet<&String> = got.iter().collect();
            assert_eq!(set.len(), got.len());
            assert!(
                got.iter()
                    .all(|v| ["0", "1", "2", "3"].contains(&v.as_str()))
            );
        }
    }
}
