//! Scalar expressions: syntax tree to typed DataFusion expressions.
//!
//! Every lowered expression carries its KQL type ([`Typed`]); operators and functions choose
//! their DataFusion form from the operand types, with Kusto's semantics (case rules, null
//! handling, implicit conversions of `dynamic`), not SQL's.

use datafusion::common::Column;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::logical_expr::{Expr, ExprSchemable};

use super::Planner;
use super::compare::StringOp;
use super::convert;
use super::literal::{constant, lower_literal};
use super::promoted;
use super::scope::{Scope, unknown_column};
use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::functions::{self, Call, FunctionKind};
use crate::syntax::Expr as Ast;
use crate::syntax::{BinaryOp, ExprKind, Ident, ScalarType, UnaryOp};
use crate::udf;

/// A lowered scalar expression and its KQL type.
#[derive(Clone, Debug)]
pub(crate) struct Typed {
    pub expr: Expr,
    pub ty: ScalarType,
    /// For a `dynamic` value read from a promoted column: the column's type (the value is that
    /// scalar, or absent when null). `None` for every other value.
    pub native: Option<ScalarType>,
}

impl Typed {
    pub fn new(expr: Expr, ty: ScalarType) -> Typed {
        Typed {
            expr,
            ty,
            native: None,
        }
    }

    /// A dynamic value held in a promoted column of type `native`.
    pub fn native_dynamic(expr: Expr, native: ScalarType) -> Typed {
        Typed {
            expr,
            ty: ScalarType::Dynamic,
            native: Some(native),
        }
    }

    /// The value in its stored form: a dynamic value as JSON text.
    pub fn materialize(&self) -> Expr {
        if self.native.is_some() {
            convert::to_dynamic(self)
        } else {
            self.expr.clone()
        }
    }
}

/// Where a boolean expression is used: in a filter (top level of `where`, through `and`, `or`
/// and parentheses) a null result drops the row just as `false` does, so comparisons can keep
/// their plain SQL form, which the Parquet scan can use to skip data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ctx {
    Value,
    Filter,
}

/// Lowers expressions over one [`Scope`].
pub(crate) struct ExprLowerer<'a> {
    pub planner: &'a Planner<'a>,
    pub scope: &'a Scope,
    /// In `summarize`: the aggregate calls found so far (each aliased `__kql_agg_<n>`).
    aggregates: Option<&'a mut Vec<Expr>>,
    in_aggregate: bool,
    /// The operator's input row, where it differs from `scope` (in `extend`, later items also
    /// see the earlier ones): what `pack_all()` packs.
    pub row: Option<&'a Scope>,
    /// In `summarize` over sorted rows: the sort, which `make_list` keeps (Kusto lists the
    /// values in the order the rows arrive).
    pub input_order: Vec<datafusion::logical_expr::SortExpr>,
}

/// The name of the `n`th aggregate output of a `summarize`.
pub(crate) fn aggregate_column(n: usize) -> String {
    format!("__kql_agg_{n}")
}

impl<'a> ExprLowerer<'a> {
    pub fn new(planner: &'a Planner<'a>, scope: &'a Scope) -> Self {
        ExprLowerer {
            planner,
            scope,
            aggregates: None,
            in_aggregate: false,
            row: None,
            input_order: Vec::new(),
        }
    }

    /// A lowerer for `summarize` aggregations: aggregate calls are collected into `aggregates`
    /// and replaced by references to their outputs; columns may only appear inside them.
    pub fn for_aggregates(
        planner: &'a Planner<'a>,
        scope: &'a Scope,
        aggregates: &'a mut Vec<Expr>,
    ) -> Self {
        ExprLowerer {
            planner,
            scope,
            aggregates: Some(aggregates),
            in_aggregate: false,
            row: None,
            input_order: Vec::new(),
        }
    }

    /// Lowers an expression whose value is used.
    pub fn lower(&mut self, e: &Ast) -> Result<Typed, Diagnostic> {
        self.lower_in(e, Ctx::Value)
    }

    /// Lowers a `where` predicate.
    pub fn lower_predicate(&mut self, e: &Ast) -> Result<Expr, Diagnostic> {
        let t = self.lower_in(e, Ctx::Filter)?;
        self.boolean(t, e.span)
    }

    /// A boolean operand (a dynamic value converts with `tobool()`).
    pub fn boolean(&self, t: Typed, span: Span) -> Result<Expr, Diagnostic> {
        match t.ty {
            ScalarType::Bool => Ok(t.expr),
            ScalarType::Dynamic => convert::to_bool(&t).ok_or_else(|| type_error(&t, "bool", span)),
            _ => Err(type_error(&t, "bool", span)),
        }
    }

    /// Whether `expr` can be null in this scope.
    pub fn nullable(&self, expr: &Expr) -> bool {
        expr.nullable(self.scope.schema.as_ref()).unwrap_or(true)
    }

    pub(crate) fn lower_in(&mut self, e: &Ast, ctx: Ctx) -> Result<Typed, Diagnostic> {
        match &e.kind {
            ExprKind::Literal(literal) => lower_literal(literal, e.span),
            ExprKind::Ident(id) => self.lower_ident(id),
            ExprKind::Member { .. } | ExprKind::Index { .. } => self.lower_path(e),
            ExprKind::Call(call) => self.lower_call(&Call {
                name: &call.name,
                args: &call.args,
                span: e.span,
            }),
            ExprKind::Unary { op, operand } => {
                let operand_typed = self.lower(operand)?;
                match op {
                    UnaryOp::Plus => Ok(operand_typed),
                    UnaryOp::Neg => super::arith::negate(operand_typed, e.span),
                }
            }
            ExprKind::Binary { op, left, right } => {
                self.lower_binary(*op, left, right, e.span, ctx)
            }
            ExprKind::List { op, expr, list } => self.lower_list(*op, expr, list, e.span, ctx),
            ExprKind::Between {
                negated,
                expr,
                low,
                high,
            } => self.lower_between(*negated, expr, low, high, e.span, ctx),
            ExprKind::Paren(inner) => self.lower_in(inner, ctx),
            ExprKind::JoinColumn { .. } => Err(not_supported(
                "a `$left`/`$right` column outside `join`",
                e.span,
            )),
            ExprKind::Tabular(_) => Err(not_supported(
                "a tabular expression used as a value (`toscalar()`, a subquery)",
                e.span,
            )
            .with_note("a subquery is supported as the list of `in` / `!in`")),
            ExprKind::Wildcard => Err(Diagnostic::error(
                Code::InvalidArgument,
                "`*` is only an argument of functions such as `count(*)` or `arg_max(x, *)`",
            )
            .with_span(e.span)),
            ExprKind::NamedArgument { .. } => Err(not_supported("a named argument", e.span)),
        }
    }

    fn lower_ident(&mut self, id: &Ident) -> Result<Typed, Diagnostic> {
        if let Some(entry) = self.scope.get(&id.name) {
            if self.aggregates.is_some() && !self.in_aggregate {
                return Err(Diagnostic::error(
                    Code::AggregateOutsideSummarize,
                    format!(
                        "column `{}` is used outside an aggregation in `summarize`",
                        id.name
                    ),
                )
                .with_span(id.span)
                .with_help(format!(
                    "aggregate it (`take_any({0})`, `max({0})`, ...) or group by it",
                    id.name
                )));
            }
            return Ok(entry.value.clone());
        }
        if let Some(value) = self.planner.scalar_binding(&id.name) {
            return Ok(value);
        }
        if let Some(def) = self.planner.function_binding(&id.name)
            && def.params.is_empty()
            && !self.planner.function_is_tabular(&def)
        {
            // A scalar function without parameters can be called by its bare name.
            return self.call_user_function(
                &def,
                &Call {
                    name: id,
                    args: &[],
                    span: id.span,
                },
            );
        }
        if self.planner.is_tabular_name(&id.name) {
            return Err(Diagnostic::error(
                Code::WrongKindOfExpression,
                format!("`{}` is a table, not a scalar value", id.name),
            )
            .with_span(id.span));
        }
        let candidates = self
            .scope
            .names()
            .map(str::to_string)
            .chain(self.planner.scalar_names())
            .collect::<Vec<_>>();
        Err(unknown_column(&id.name, id.span, candidates))
    }

    /// `a.b`, `a["b"]`, `a[0]`: path access into a dynamic value, or a promoted column.
    fn lower_path(&mut self, e: &Ast) -> Result<Typed, Diagnostic> {
        let mut steps: Vec<&Ast> = Vec::new();
        let mut root = e;
        while let ExprKind::Member { base, .. } | ExprKind::Index { base, .. } = &root.kind {
            steps.push(root);
            root = base;
        }
        steps.reverse();
        let keys: Option<Vec<&str>> = steps.iter().map(|s| constant_key(s)).collect();
        if let (ExprKind::Ident(id), Some(keys)) = (&root.kind, &keys)
            && self.scope.get(&id.name).is_some()
            && let Some(t) = promoted::rewrite(self.scope, &id.name, keys)
        {
            if self.aggregates.is_some() && !self.in_aggregate {
                // Reported as the column it reads.
                self.lower_ident(id)?;
            }
            return Ok(t);
        }
        let base = self.lower(root)?;
        if base.ty != ScalarType::Dynamic {
            return Err(Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "property access needs a dynamic value, but this is {}",
                    base.ty.name()
                ),
            )
            .with_span(root.span));
        }
        let mut args = vec![base.materialize()];
        for step in steps {
            args.push(self.path_step(step)?);
        }
        Ok(Typed::new(
            udf::dynamic_get().call(args),
            ScalarType::Dynamic,
        ))
    }

    fn path_step(&mut self, step: &Ast) -> Result<Expr, Diagnostic> {
        match &step.kind {
            ExprKind::Member { name, .. } => Ok(datafusion::logical_expr::lit(name.name.clone())),
            ExprKind::Index { index, .. } => {
                let t = self.lower(index)?;
                match t.ty {
                    ScalarType::String => Ok(t.expr),
                    ScalarType::Int | ScalarType::Long => Ok(t.expr),
                    _ => Err(Diagnostic::error(
                        Code::TypeMismatch,
                        format!(
                            "an index must be a string (a key) or a long (a position), not {}",
                            t.ty.name()
                        ),
                    )
                    .with_span(index.span)),
                }
            }
            _ => Err(Diagnostic::error(Code::SyntaxError, "not a path step").with_span(step.span)),
        }
    }

    fn lower_call(&mut self, call: &Call<'_>) -> Result<Typed, Diagnostic> {
        if let Some(def) = self.planner.function_binding(&call.name.name) {
            return self.call_user_function(&def, call);
        }
        if call.name.name == "toscalar" {
            return self.lower_toscalar(call);
        }
        let Some(spec) = functions::lookup(&call.name.name) else {
            if functions::NOT_YET_SUPPORTED.contains(&call.name.name.as_str()) {
                return Err(not_supported(
                    &format!("the function `{}()`", call.name.name),
                    call.span,
                ));
            }
            let mut d = Diagnostic::error(
                Code::UnknownFunction,
                format!("no function named `{}`", call.name.name),
            )
            .with_span(call.name.span)
            .with_label("unknown function");
            if let Some(s) = did_you_mean(&call.name.name, functions::names()) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            return Err(d);
        };
        spec.check_arity(call)?;
        if let functions::Naming::Columns(rule) = spec.naming
            && rule(call.args).is_some()
        {
            return Err(not_supported(
                &format!(
                    "`{}()` inside an expression: it gives several columns, so it stands alone \
                     in `extend`, `project` or `print` (named with `(a, b) = ...`)",
                    spec.name
                ),
                call.span,
            ));
        }
        match spec.kind {
            FunctionKind::Scalar => (spec.lower)(self, call),
            FunctionKind::Aggregate => {
                if self.aggregates.is_none() || self.in_aggregate {
                    let message = if self.in_aggregate {
                        format!("`{}()` is used inside another aggregation", spec.name)
                    } else {
                        format!(
                            "`{}()` is an aggregation: it can only be used in `summarize`",
                            spec.name
                        )
                    };
                    return Err(Diagnostic::error(Code::AggregateOutsideSummarize, message)
                        .with_span(call.span));
                }
                self.in_aggregate = true;
                let lowered = (spec.lower)(self, call);
                self.in_aggregate = false;
                let lowered = lowered?;
                let Some(aggregates) = self.aggregates.as_deref_mut() else {
                    return Err(Diagnostic::error(
                        Code::ExecutionError,
                        "no aggregation context",
                    ));
                };
                // Each aggregate call becomes an output of the `Aggregate` node; what wraps it
                // (`kql_json_array(array_agg(...))`, a cast) is computed from that output.
                let after = lowered
                    .expr
                    .transform_down(|e| match e {
                        Expr::AggregateFunction(_) => {
                            let name = aggregate_column(aggregates.len());
                            aggregates.push(e.alias(&name));
                            Ok(Transformed::yes(Expr::Column(Column::new_unqualified(
                                name,
                            ))))
                        }
                        other => Ok(Transformed::no(other)),
                    })
                    .map_err(|e| super::plan_error(e, call.span))?
                    .data;
                Ok(Typed::new(after, lowered.ty))
            }
        }
    }

    fn lower_binary(
        &mut self,
        op: BinaryOp,
        left: &Ast,
        right: &Ast,
        span: Span,
        ctx: Ctx,
    ) -> Result<Typed, Diagnostic> {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.lower_in(left, ctx)?;
                let l = self.boolean(l, left.span)?;
                let r = self.lower_in(right, ctx)?;
                let r = self.boolean(r, right.span)?;
                let expr = if op == BinaryOp::And {
                    l.and(r)
                } else {
                    l.or(r)
                };
                Ok(Typed::new(expr, ScalarType::Bool))
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => {
                let l = self.lower(left)?;
                let r = self.lower(right)?;
                super::arith::arithmetic(op, l, r, span)
            }
            BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => {
                let l = self.lower(left)?;
                let r = self.lower(right)?;
                self.compare(op, l, r, span, ctx)
            }
            BinaryOp::MatchesRegex => {
                let l = self.lower(left)?;
                let r = self.lower(right)?;
                self.matches_regex(l, r, right)
            }
            _ => {
                let Some((string_op, negated)) = StringOp::of(op) else {
                    return Err(not_supported(&format!("operator `{}`", op.as_str()), span));
                };
                let l = self.lower(left)?;
                let r = self.lower(right)?;
                let expr = self.string_operator(string_op, l, r, negated, ctx)?;
                Ok(Typed::new(expr, ScalarType::Bool))
            }
        }
    }

    /// A constant integer (`take 10`, `top 5 by x`, `bin` sizes, ...).
    pub fn constant_count(&mut self, e: &Ast) -> Result<usize, Diagnostic> {
        let t = self.lower(e)?;
        let value = constant(&t.expr).and_then(|v| match v {
            datafusion::common::ScalarValue::Int64(Some(n)) => Some(*n),
            datafusion::common::ScalarValue::Int32(Some(n)) => Some(i64::from(*n)),
            _ => None,
        });
        match value {
            Some(n) if n >= 0 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => Err(Diagnostic::error(
                Code::InvalidArgument,
                "expected a constant count (a non-negative long)",
            )
            .with_span(e.span)),
        }
    }
}

/// The key of a path step written as a constant: `.name` or `["name"]`.
fn constant_key(step: &Ast) -> Option<&str> {
    match &step.kind {
        ExprKind::Member { name, .. } => Some(&name.name),
        ExprKind::Index { index, .. } => match &index.kind {
            ExprKind::Literal(crate::syntax::Literal::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// "expected T, found U".
pub(crate) fn type_error(t: &Typed, expected: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::TypeMismatch,
        format!("expected {expected}, found a {} value", t.ty.name()),
    )
    .with_span(span)
}

/// "X is not supported yet".
pub(crate) fn not_supported(what: &str, span: Span) -> Diagnostic {
    Diagnostic::error(Code::NotSupported, format!("{what} is not supported yet")).with_span(span)
}
