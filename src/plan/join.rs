//! `join` and `lookup`: DataFusion join nodes with Kusto's semantics.
//!
//! - Keys are `on a, b` (same name on both sides) or `on $left.a == $right.b` (several joined
//!   with `and` or `,`); they compare with `==` (nulls match nothing) and must have the same type
//!   (`int` and `long` mix).
//! - `innerunique`, the default kind, keeps one row per key of the left side before an inner join.
//! - The output has the left columns, then the right columns; a right column whose name is
//!   already taken gets the next free number (`Key` → `Key1`). Semi and anti joins return one
//!   side only. `lookup` leaves out the right side's key columns.

use datafusion::common::JoinType;
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{Expr, ExprFunctionExt, LogicalPlanBuilder, cast, col, lit};

use super::scope::ScopeEntry;
use super::types::arrow_type;
use super::{ColumnInfo, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{
    BinaryOp, Expr as Ast, ExprKind, Ident, Join, JoinKind, JoinSide, Lookup, LookupKind,
    ScalarType,
};

/// One equality of a join: the left column and the right column.
struct KeyPair {
    left: usize,
    right: usize,
}

/// The name `base`, or `base1`, `base2`, ... : the first that `taken` does not hold.
pub(crate) fn free_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}{n}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}

impl Planner<'_> {
    /// `join [kind=...] Right on keys`.
    pub(crate) fn plan_join(
        &self,
        left: Tabular,
        join: &Join,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let right = self.plan_tabular(&join.right)?;
        let keys = join_keys(&left, &right, &join.on, span)?;
        let kind = join.kind.unwrap_or(JoinKind::InnerUnique);
        let (join_type, dedup_left) = match kind {
            JoinKind::InnerUnique => (JoinType::Inner, true),
            JoinKind::Inner => (JoinType::Inner, false),
            JoinKind::LeftOuter => (JoinType::Left, false),
            JoinKind::RightOuter => (JoinType::Right, false),
            JoinKind::FullOuter => (JoinType::Full, false),
            JoinKind::LeftAnti | JoinKind::Anti | JoinKind::LeftAntiSemi => {
                (JoinType::LeftAnti, false)
            }
            JoinKind::RightAnti | JoinKind::RightAntiSemi => (JoinType::RightAnti, false),
            JoinKind::LeftSemi => (JoinType::LeftSemi, false),
            JoinKind::RightSemi => (JoinType::RightSemi, false),
        };
        let left = if dedup_left {
            self.one_row_per_key(left, &keys, span)?
        } else {
            left
        };
        self.equi_join(left, right, &keys, join_type, false, span)
    }

    /// `lookup [kind=leftouter|inner] Dimension on keys`: a join whose right key columns are not
    /// repeated in the output.
    pub(crate) fn plan_lookup(
        &self,
        left: Tabular,
        lookup: &Lookup,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let right = self.plan_tabular(&lookup.right)?;
        let keys = join_keys(&left, &right, &lookup.on, span)?;
        let join_type = match lookup.kind.unwrap_or(LookupKind::LeftOuter) {
            LookupKind::LeftOuter => JoinType::Left,
            LookupKind::Inner => JoinType::Inner,
        };
        self.equi_join(left, right, &keys, join_type, true, span)
    }

    /// Keeps one (arbitrary) row per key: `row_number() over (partition by keys) == 1`.
    fn one_row_per_key(
        &self,
        input: Tabular,
        keys: &[KeyPair],
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let partition: Vec<Expr> = keys.iter().map(|k| input.column_expr(k.left)).collect();
        let exprs: Vec<Expr> = (0..input.columns.len())
            .map(|i| input.column_expr(i))
            .collect();
        let number = row_number()
            .partition_by(partition)
            .build()
            .map_err(|e| plan_error(e, span))?
            .alias("__kql_row");
        let plan = LogicalPlanBuilder::from(input.plan)
            .window(vec![number])
            .and_then(|b| b.filter(col("__kql_row").eq(lit(1u64))))
            .and_then(|b| b.project(exprs))
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        Ok(Tabular {
            plan,
            columns: input.columns,
        })
    }

    /// The join node and the projection that names its output the Kusto way.
    fn equi_join(
        &self,
        left: Tabular,
        right: Tabular,
        keys: &[KeyPair],
        join_type: JoinType,
        drop_right_keys: bool,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        // Keys of the same Arrow type compare as they are; otherwise both sides are cast to the
        // KQL type's Arrow type (`int` with `long`, stored `Utf8View` with `Utf8`).
        let data_type = |t: &Tabular, i: usize| t.plan.schema().field(i).data_type().clone();
        let mut left_keys = Vec::new();
        let mut right_keys = Vec::new();
        for k in keys {
            let (l, r) = (left.column_expr(k.left), right.column_expr(k.right));
            if data_type(&left, k.left) == data_type(&right, k.right) {
                left_keys.push(l);
                right_keys.push(r);
            } else {
                let (lt, rt) = (left.columns[k.left].ty, right.columns[k.right].ty);
                let ty = if lt == rt { lt } else { ScalarType::Long };
                left_keys.push(cast(l, arrow_type(ty)));
                right_keys.push(cast(r, arrow_type(ty)));
            }
        }
        let left_plan = LogicalPlanBuilder::from(left.plan.clone())
            .alias("__kql_left")
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let right_plan = LogicalPlanBuilder::from(right.plan.clone())
            .alias("__kql_right")
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let requalify = |e: Expr, q: &str| match e {
            Expr::Column(c) => Expr::Column(datafusion::common::Column::new(Some(q), c.name)),
            other => other,
        };
        let requalify_key = |e: Expr, q: &str| match e {
            Expr::Cast(mut c) => {
                *c.expr = requalify(*c.expr, q);
                Expr::Cast(c)
            }
            other => requalify(other, q),
        };
        let left_keys: Vec<Expr> = left_keys
            .into_iter()
            .map(|e| requalify_key(e, "__kql_left"))
            .collect();
        let right_keys: Vec<Expr> = right_keys
            .into_iter()
            .map(|e| requalify_key(e, "__kql_right"))
            .collect();
        let plan = LogicalPlanBuilder::from(left_plan)
            .join_with_expr_keys(right_plan, join_type, (left_keys, right_keys), None)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let (left_part, right_part): (Vec<ColumnInfo>, Vec<ColumnInfo>) = match join_type {
            JoinType::LeftSemi | JoinType::LeftAnti => (left.columns, Vec::new()),
            JoinType::RightSemi | JoinType::RightAnti => (Vec::new(), right.columns),
            _ => (left.columns, right.columns),
        };
        let joined = Tabular {
            columns: left_part.iter().chain(&right_part).cloned().collect(),
            plan,
        };
        let scope = Scope::of(&joined);
        let mut entries: Vec<ScopeEntry> = Vec::new();
        for (i, c) in left_part.iter().enumerate() {
            entries.push(ScopeEntry {
                name: c.name.clone(),
                value: scope.entries[i].value.clone(),
                origin: c.origin.clone(),
            });
        }
        let semi = matches!(join_type, JoinType::RightSemi | JoinType::RightAnti);
        for (j, c) in right_part.iter().enumerate() {
            if drop_right_keys && keys.iter().any(|k| k.right == j) {
                continue;
            }
            let name = if semi {
                c.name.clone()
            } else {
                free_name(&c.name, |n| entries.iter().any(|e| e.name == n))
            };
            entries.push(ScopeEntry {
                name,
                value: scope.entries[left_part.len() + j].value.clone(),
                origin: c.origin.clone(),
            });
        }
        self.project_entries(joined, &scope, entries, span)
    }
}

/// The key pairs of `on ...`.
fn join_keys(
    left: &Tabular,
    right: &Tabular,
    on: &[Ast],
    span: Span,
) -> Result<Vec<KeyPair>, Diagnostic> {
    let mut pairs = Vec::new();
    let mut conditions: Vec<&Ast> = Vec::new();
    for e in on {
        flatten_and(e, &mut conditions);
    }
    if conditions.is_empty() {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            "a join needs keys: `on Column` or `on $left.a == $right.b`",
        )
        .with_span(span));
    }
    for condition in conditions {
        let (l, r) = match &condition.kind {
            ExprKind::Ident(id) => (id, id),
            ExprKind::Binary {
                op: BinaryOp::Eq,
                left: a,
                right: b,
            } => match (side_column(a), side_column(b)) {
                (Some((JoinSide::Left, l)), Some((JoinSide::Right, r)))
                | (Some((JoinSide::Right, r)), Some((JoinSide::Left, l))) => (l, r),
                _ => return Err(bad_condition(condition.span)),
            },
            _ => return Err(bad_condition(condition.span)),
        };
        let li = left.require(&l.name, l.span)?;
        let ri = right.require(&r.name, r.span).map_err(|d| {
            d.with_note("the right side of the join has no such column".to_string())
        })?;
        let (lt, rt) = (left.columns[li].ty, right.columns[ri].ty);
        let integers = |t| matches!(t, ScalarType::Int | ScalarType::Long);
        if lt != rt && !(integers(lt) && integers(rt)) {
            return Err(Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "join keys must have the same type: `{}` is {} on the left, `{}` is {} on the right",
                    l.name,
                    lt.name(),
                    r.name,
                    rt.name()
                ),
            )
            .with_span(condition.span));
        }
        pairs.push(KeyPair {
            left: li,
            right: ri,
        });
    }
    Ok(pairs)
}

fn flatten_and<'e>(e: &'e Ast, out: &mut Vec<&'e Ast>) {
    match &e.kind {
        ExprKind::Binary {
            op: BinaryOp::And,
            left,
            right,
        } => {
            flatten_and(left, out);
            flatten_and(right, out);
        }
        ExprKind::Paren(inner) => flatten_and(inner, out),
        _ => out.push(e),
    }
}

/// `$left.x` / `$right.x`.
fn side_column(e: &Ast) -> Option<(JoinSide, &Ident)> {
    match &e.kind {
        ExprKind::JoinColumn { side, column } => Some((*side, column)),
        ExprKind::Paren(inner) => side_column(inner),
        _ => None,
    }
}

fn bad_condition(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidArgument,
        "a join condition is a column name or `$left.a == $right.b`",
    )
    .with_span(span)
    .with_help("other conditions can follow the join as a `where`")
}
