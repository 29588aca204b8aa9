//! `evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey1, ...] [,
//! return_unmatched])`: each input row joined with the lookup-table row whose IPv4 range
//! (`a.b.c.d/n`, or one address) holds the row's address; with several, the longest prefix.
//!
//! The plan: the input numbered (`row_number()`), a nested-loop join (inner, or left outer with
//! `return_unmatched = true`) on `kql_net('ipv4_is_match', address, range)` and the equal extra
//! keys, then `row_number() over (partition by input row order by prefix length desc) == 1`.
//! The output has the input's columns, then the lookup table's (without its extra keys). The
//! shared machinery also plans `ipv6_lookup` ([`super::ipv6_lookup`]).

use datafusion::arrow::datatypes::DataType;
use datafusion::common::JoinType;
use datafusion::functions::expr_fn::{split_part, strpos};
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{Expr, ExprFunctionExt, LogicalPlanBuilder, TryCast, lit, when};

use super::super::join::free_name;
use super::{PluginArgs, bool_arg, c, column_arg, finish};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::plan::{Planner, Tabular, plan_error};
use crate::syntax::{ExprKind, FunctionCall, ScalarType};
use crate::udf;

/// The address family of a lookup.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    V4,
    V6,
}

impl Family {
    fn plugin(self) -> &'static str {
        match self {
            Family::V4 => "ipv4_lookup",
            Family::V6 => "ipv6_lookup",
        }
    }

    fn is_match(self) -> &'static str {
        match self {
            Family::V4 => "ipv4_is_match",
            Family::V6 => "ipv6_is_match",
        }
    }

    fn bits(self) -> i64 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }
}

impl Planner<'_> {
    pub(super) fn plan_ipv4_lookup(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        self.plan_ip_lookup(input, call, Family::V4, span)
    }

    pub(super) fn plan_ip_lookup(
        &self,
        input: Tabular,
        call: &FunctionCall,
        family: Family,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let name = family.plugin();
        let args = PluginArgs::of(call);
        args.require(
            call,
            3,
            "the lookup table, the address column and the range column",
        )?;
        let lookup = self.tabular_argument(args.positional[0])?;
        let (source_key, _) = column_arg(&input, args.positional[1], "the address column")?;
        let (lookup_key, _) = column_arg(&lookup, args.positional[2], "the range column")?;
        for (table, key, arg) in [
            (&input, source_key, args.positional[1]),
            (&lookup, lookup_key, args.positional[2]),
        ] {
            if table.columns[key].ty != ScalarType::String {
                return Err(Diagnostic::error(
                    Code::TypeMismatch,
                    format!(
                        "`{name}()` matches string columns, not {}",
                        table.columns[key].ty.name()
                    ),
                )
                .with_span(arg.span));
            }
        }
        // The extra keys (columns of both tables), then maybe `return_unmatched`.
        let mut extra: Vec<(usize, usize)> = Vec::new();
        let mut unmatched = false;
        let rest = &args.positional[3..];
        for (i, arg) in rest.iter().enumerate() {
            let is_column =
                matches!(&arg.kind, ExprKind::Ident(id) if input.position(&id.name).is_some());
            if is_column {
                let (l, key) = column_arg(&input, arg, "an extra key")?;
                let (r, _) = column_arg(&lookup, arg, "an extra key")?;
                if input.columns[l].ty != lookup.columns[r].ty {
                    return Err(Diagnostic::error(
                        Code::TypeMismatch,
                        format!(
                            "the extra key `{key}` is {} in the input but {} in the lookup table",
                            input.columns[l].ty.name(),
                            lookup.columns[r].ty.name()
                        ),
                    )
                    .with_span(arg.span));
                }
                extra.push((l, r));
            } else if i + 1 == rest.len() {
                unmatched = bool_arg(self, arg, "`return_unmatched`")?;
            } else {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("the extra keys of `{name}()` must be columns of both tables"),
                )
                .with_span(arg.span));
            }
        }
        for (key, value) in &args.named {
            if key.eq_ignore_ascii_case("return_unmatched") {
                unmatched = bool_arg(self, value, "`return_unmatched`")?;
            } else {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("`{name}()` has no parameter `{key}`"),
                )
                .with_span(value.span));
            }
        }

        // Both sides with internal names: `__l<i>` (and the row number), `__r<i>` (and the
        // prefix length of the range).
        let row = "__kql_lookup_row";
        let mut left_exprs: Vec<Expr> = (0..input.columns.len())
            .map(|i| input.column_expr(i).alias(format!("__l{i}")))
            .collect();
        left_exprs.push(Expr::Column(datafusion::common::Column::new_unqualified(
            row,
        )));
        let left = LogicalPlanBuilder::from(input.plan.clone())
            .window(vec![row_number().alias(row)])
            .and_then(|b| b.project(left_exprs))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let range = lookup.column_expr(lookup_key);
        let prefix = when(
            strpos(range.clone(), lit("/")).gt(lit(0i32)),
            Expr::TryCast(TryCast::new(
                Box::new(split_part(range.clone(), lit("/"), lit(2i64))),
                DataType::Int64,
            )),
        )
        .otherwise(lit(family.bits()))
        .map_err(|e| plan_error(e, span))?;
        let mut right_exprs: Vec<Expr> = (0..lookup.columns.len())
            .map(|i| lookup.column_expr(i).alias(format!("__r{i}")))
            .collect();
        right_exprs.push(prefix.alias("__kql_lookup_prefix"));
        let right = LogicalPlanBuilder::from(lookup.plan.clone())
            .project(right_exprs)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;

        let mut condition = udf::net()
            .call(vec![
                lit(family.is_match()),
                c(&format!("__l{source_key}")),
                c(&format!("__r{lookup_key}")),
            ])
            .is_true();
        for (l, r) in &extra {
            condition = condition.and(c(&format!("__l{l}")).eq(c(&format!("__r{r}"))));
        }
        let join_type = if unmatched {
            JoinType::Left
        } else {
            JoinType::Inner
        };
        let pick = row_number()
            .partition_by(vec![c(row)])
            .order_by(vec![c("__kql_lookup_prefix").sort(false, false)])
            .build()
            .map_err(|e| plan_error(e, span))?
            .alias("__kql_lookup_pick");

        // The output columns, named the `lookup` way.
        let mut names: Vec<String> = Vec::new();
        let mut output: Vec<(Expr, String, ScalarType)> = Vec::new();
        let left_columns: Vec<(Expr, String, ScalarType)> = input
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| (c(&format!("__l{i}")), col.name.clone(), col.ty))
            .collect();
        let right_columns: Vec<(Expr, String, ScalarType)> = lookup
            .columns
            .iter()
            .enumerate()
            .filter(|(i, _)| !extra.iter().any(|(_, r)| r == i))
            .map(|(i, col)| (c(&format!("__r{i}")), col.name.clone(), col.ty))
            .collect();
        let ordered = match family {
            Family::V4 => [left_columns, right_columns],
            Family::V6 => [right_columns, left_columns],
        };
        for (expr, base, ty) in ordered.into_iter().flatten() {
            let name = free_name(&base, |n| names.iter().any(|x| x == n));
            names.push(name.clone());
            output.push((expr, name, ty));
        }
        let plan = LogicalPlanBuilder::from(left)
            .join_on(right, join_type, vec![condition])
            .and_then(|b| b.window(vec![pick]))
            .and_then(|b| b.filter(c("__kql_lookup_pick").eq(lit(1u64))))
            .and_then(|b| b.sort(vec![c(row).sort(true, false)]))
            .and_then(|b| {
                b.project(
                    output
                        .iter()
                        .map(|(e, n, _)| e.clone().alias(n))
                        .collect::<Vec<_>>(),
                )
            })
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(finish(
            plan,
            output.into_iter().map(|(_, n, ty)| (n, ty)).collect(),
        ))
    }
}
