//! Comparisons and string operators, with Kusto's rules:
//!
//! - Operands meet in one domain: text when either is a string (a dynamic value or a number
//!   converts with `tostring()`: `code startswith "20"`, `privileged == "true"`), else the typed
//!   domain (`code == 101` compares numbers; a dynamic operand converts to the other's type).
//! - Strings are never null in Kusto: a null string column reads as `""`.
//! - `==` of a null and a value is `false`, `!=` is `true` (SQL would say null).
//! - `==`, `in` are case-sensitive; `=~`, `in~`, `has`, `contains`, `startswith`, `endswith` are
//!   not (their `_cs` forms are).
//!
//! In a filter ([`Ctx::Filter`]) a null result drops the row like `false`, so positive tests
//! against a non-empty constant keep the plain SQL form (`_Resource = 'pods'`), which the scan
//! can use for pruning.

use std::sync::Arc;

use datafusion::functions::expr_fn::{
    coalesce, ends_with, lower, regexp_like, starts_with, strpos,
};
use datafusion::logical_expr::expr::Like;
use datafusion::logical_expr::{Expr, in_list, in_subquery, lit, not, not_in_subquery, when};

use super::convert;
use super::expr::{Ctx, ExprLowerer, Typed, not_supported, type_error};
use super::literal::constant;
use super::types::{is_numeric, wider_number};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::Expr as Ast;
use crate::syntax::{BinaryOp, ExprKind, ListOp, ScalarType};
use crate::udf::{self, TermMatch};

/// A string operator, without its negation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StringOp {
    /// `=~`.
    EqualsIgnoreCase,
    Has(TermMatch, bool),
    Contains(bool),
    StartsWith(bool),
    EndsWith(bool),
}

impl StringOp {
    /// The operator and whether it is negated.
    pub fn of(op: BinaryOp) -> Option<(StringOp, bool)> {
        use BinaryOp as B;
        use TermMatch::{Prefix, Suffix, Term};
        Some(match op {
            B::EqCi => (StringOp::EqualsIgnoreCase, false),
            B::NotEqCi => (StringOp::EqualsIgnoreCase, true),
            B::Has => (StringOp::Has(Term, false), false),
            B::NotHas => (StringOp::Has(Term, false), true),
            B::HasCs => (StringOp::Has(Term, true), false),
            B::NotHasCs => (StringOp::Has(Term, true), true),
            B::HasPrefix => (StringOp::Has(Prefix, false), false),
            B::NotHasPrefix => (StringOp::Has(Prefix, false), true),
            B::HasPrefixCs => (StringOp::Has(Prefix, true), false),
            B::NotHasPrefixCs => (StringOp::Has(Prefix, true), true),
            B::HasSuffix => (StringOp::Has(Suffix, false), false),
            B::NotHasSuffix => (StringOp::Has(Suffix, false), true),
            B::HasSuffixCs => (StringOp::Has(Suffix, true), false),
            B::NotHasSuffixCs => (StringOp::Has(Suffix, true), true),
            B::Contains => (StringOp::Contains(false), false),
            B::NotContains => (StringOp::Contains(false), true),
            B::ContainsCs => (StringOp::Contains(true), false),
            B::NotContainsCs => (StringOp::Contains(true), true),
            B::StartsWith => (StringOp::StartsWith(false), false),
            B::NotStartsWith => (StringOp::StartsWith(false), true),
            B::StartsWithCs => (StringOp::StartsWith(true), false),
            B::NotStartsWithCs => (StringOp::StartsWith(true), true),
            B::EndsWith => (StringOp::EndsWith(false), false),
            B::NotEndsWith => (StringOp::EndsWith(false), true),
            B::EndsWithCs => (StringOp::EndsWith(true), false),
            B::NotEndsWithCs => (StringOp::EndsWith(true), true),
            _ => return None,
        })
    }
}

/// The domain two operands are compared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    Text,
    Typed(ScalarType),
}

fn is_text(t: &Typed) -> bool {
    matches!(t.ty, ScalarType::String | ScalarType::Guid)
}

/// The number type a numeric operand compares as (a promoted int stays an int).
fn number_type(t: &Typed) -> Option<ScalarType> {
    match (t.ty, t.native) {
        (ty, None) if is_numeric(ty) => Some(ty),
        (ScalarType::Dynamic, Some(ScalarType::Int)) => Some(ScalarType::Int),
        (ScalarType::Dynamic, _) => Some(ScalarType::Real),
        _ => None,
    }
}

fn domain(l: &Typed, r: &Typed) -> Option<Domain> {
    use ScalarType::Dynamic;
    if is_text(l) || is_text(r) {
        return Some(Domain::Text);
    }
    match (l.ty, r.ty) {
        (Dynamic, Dynamic) => Some(Domain::Text),
        (a, b) if is_numeric(a) || is_numeric(b) => {
            let (a, b) = (number_type(l)?, number_type(r)?);
            Some(Domain::Typed(wider_number(a, b)))
        }
        (Dynamic, other) | (other, Dynamic) => Some(Domain::Typed(other)),
        (a, b) if a == b => Some(Domain::Typed(a)),
        _ => None,
    }
}

/// The string constant an operand holds, if it is one.
fn string_constant(expr: &Expr) -> Option<&str> {
    match constant(expr) {
        Some(datafusion::common::ScalarValue::Utf8(Some(s))) => Some(s),
        _ => None,
    }
}

/// `text` escaped for a LIKE pattern with `\` as the escape character.
fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether case folding can change `text`.
fn has_case(text: &str) -> bool {
    text.to_lowercase() != text.to_uppercase()
}

fn like(expr: Expr, pattern: String, case_insensitive: bool) -> Expr {
    Expr::Like(Like::new(
        false,
        Box::new(expr),
        Box::new(lit(pattern)),
        Some('\\'),
        case_insensitive,
    ))
}

fn mismatch(what: &str, l: &Typed, r: &Typed, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::TypeMismatch,
        format!(
            "cannot compare {} with {} using {what}",
            l.ty.name(),
            r.ty.name()
        ),
    )
    .with_span(span)
}

impl ExprLowerer<'_> {
    /// The two operands as text; a nullable side becomes `coalesce(x, '')` unless `keep_raw`.
    fn text_pair(&self, l: &Typed, r: &Typed, keep_raw: bool) -> (Expr, Expr) {
        let side = |t: &Typed| {
            let (expr, null_is_empty) = convert::to_text(t);
            if null_is_empty && !keep_raw && self.nullable(&expr) {
                coalesce(vec![expr, lit("")])
            } else {
                expr
            }
        };
        (side(l), side(r))
    }

    /// Whether a positive text test in this context may leave a null operand as it is: in a
    /// filter, against a non-empty constant (null and `""` both fail it).
    fn keep_raw(ctx: Ctx, other: &Typed) -> bool {
        ctx == Ctx::Filter && string_constant(&other.expr).is_some_and(|s| !s.is_empty())
    }

    /// `l op r` for `==`, `!=`, `<`, `<=`, `>`, `>=`.
    pub(crate) fn compare(
        &self,
        op: BinaryOp,
        l: Typed,
        r: Typed,
        span: Span,
        ctx: Ctx,
    ) -> Result<Typed, Diagnostic> {
        let Some(domain) = domain(&l, &r) else {
            return Err(mismatch(op.as_str(), &l, &r, span));
        };
        let (le, re) = match domain {
            Domain::Text => {
                let keep =
                    op == BinaryOp::Eq && (Self::keep_raw(ctx, &r) || Self::keep_raw(ctx, &l));
                self.text_pair(&l, &r, keep)
            }
            Domain::Typed(ty) => {
                let (Some(le), Some(re)) = (convert::convert(&l, ty), convert::convert(&r, ty))
                else {
                    return Err(mismatch(op.as_str(), &l, &r, span));
                };
                (le, re)
            }
        };
        let expr = match op {
            BinaryOp::Eq | BinaryOp::NotEq => self.equality(le, re, op == BinaryOp::NotEq, ctx),
            BinaryOp::Lt => le.lt(re),
            BinaryOp::Le => le.lt_eq(re),
            BinaryOp::Gt => le.gt(re),
            _ => le.gt_eq(re),
        };
        Ok(Typed::new(expr, ScalarType::Bool))
    }

    /// `==` / `!=` with Kusto's nulls: null vs value is false / true, null vs null is null.
    fn equality(&self, l: Expr, r: Expr, negated: bool, ctx: Ctx) -> Expr {
        let base = if negated {
            l.clone().not_eq(r.clone())
        } else {
            l.clone().eq(r.clone())
        };
        let (ln, rn) = (self.nullable(&l), self.nullable(&r));
        match (ln, rn) {
            (false, false) => base,
            _ if ctx == Ctx::Filter && !negated => base,
            (true, false) | (false, true) => {
                let nullable = if ln { l } else { r };
                if negated {
                    nullable.is_null().or(base)
                } else {
                    coalesce(vec![base, lit(false)])
                }
            }
            (true, true) => when(
                l.is_null().and(r.is_null()),
                lit(datafusion::common::ScalarValue::Boolean(None)),
            )
            .otherwise(coalesce(vec![base, lit(negated)]))
            .unwrap_or_else(|_| lit(datafusion::common::ScalarValue::Boolean(None))),
        }
    }

    /// `l op r` for the string operators (`=~`, `has`, `contains`, ...), negated for `!op`.
    pub(crate) fn string_operator(
        &self,
        op: StringOp,
        l: Typed,
        r: Typed,
        negated: bool,
        ctx: Ctx,
    ) -> Result<Expr, Diagnostic> {
        let keep = !negated && Self::keep_raw(ctx, &r);
        let (le, re) = self.text_pair(&l, &r, keep);
        let needle = string_constant(&re).map(str::to_string);
        let expr = match op {
            StringOp::EqualsIgnoreCase => match &needle {
                Some(s) if !has_case(s) => le.eq(re),
                Some(s) => lower(le).eq(lit(s.to_lowercase())),
                None => lower(le).eq(lower(re)),
            },
            StringOp::Has(mode, case_sensitive) => {
                udf::has().call(vec![le, re, lit(case_sensitive), lit(mode.name())])
            }
            StringOp::Contains(cs) | StringOp::StartsWith(cs) | StringOp::EndsWith(cs) => {
                match &needle {
                    Some(s) => {
                        let escaped = like_escape(s);
                        let pattern = match op {
                            StringOp::Contains(_) => format!("%{escaped}%"),
                            StringOp::StartsWith(_) => format!("{escaped}%"),
                            _ => format!("%{escaped}"),
                        };
                        like(le, pattern, !cs && has_case(s))
                    }
                    None => {
                        let (le, re) = if cs { (le, re) } else { (lower(le), lower(re)) };
                        match op {
                            StringOp::Contains(_) => strpos(le, re).gt(lit(0i64)),
                            StringOp::StartsWith(_) => starts_with(le, re),
                            _ => ends_with(le, re),
                        }
                    }
                }
            }
        };
        Ok(if negated { not(expr) } else { expr })
    }

    /// `l matches regex r` (`r` a constant).
    pub(crate) fn matches_regex(
        &self,
        l: Typed,
        r: Typed,
        right: &Ast,
    ) -> Result<Typed, Diagnostic> {
        let Some(pattern) = string_constant(&r.expr).map(str::to_string) else {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the regular expression of `matches regex` must be a constant string",
            )
            .with_span(right.span));
        };
        check_regex(&pattern, right.span)?;
        let (le, _) = self.text_pair(&l, &r, false);
        Ok(Typed::new(
            regexp_like(le, lit(pattern), None),
            ScalarType::Bool,
        ))
    }

    /// `x in (...)`, `x !in (...)`, `in~`, `has_any`, `has_all`.
    pub(crate) fn lower_list(
        &mut self,
        op: ListOp,
        expr: &Ast,
        list: &[Ast],
        span: Span,
        ctx: Ctx,
    ) -> Result<Typed, Diagnostic> {
        let value = self.lower(expr)?;
        if let [single] = list
            && let Some(subquery) = self.subquery(single)?
        {
            return self.in_subquery(op, value, subquery, single.span, span);
        }
        let mut items = Vec::new();
        for item in list {
            let t = self.lower(item)?;
            flatten_into(t, &mut items);
        }
        let bool_result =
            |e: Expr| -> Result<Typed, Diagnostic> { Ok(Typed::new(e, ScalarType::Bool)) };
        match op {
            ListOp::HasAny | ListOp::HasAll => {
                let any = op == ListOp::HasAny;
                let mut result: Option<Expr> = None;
                for item in &items {
                    let test = self.string_operator(
                        StringOp::Has(TermMatch::Term, false),
                        value.clone(),
                        item.clone(),
                        false,
                        ctx,
                    )?;
                    result = Some(match result {
                        None => test,
                        Some(acc) if any => acc.or(test),
                        Some(acc) => acc.and(test),
                    });
                }
                bool_result(result.unwrap_or_else(|| lit(!any)))
            }
            ListOp::In | ListOp::NotIn | ListOp::InCi | ListOp::NotInCi => {
                let negated = matches!(op, ListOp::NotIn | ListOp::NotInCi);
                let ignore_case = matches!(op, ListOp::InCi | ListOp::NotInCi);
                if items.is_empty() {
                    return bool_result(lit(negated));
                }
                let list_domain = items
                    .iter()
                    .try_fold(None::<Domain>, |acc, item| {
                        let d = domain(&value, item)?;
                        Some(Some(match acc {
                            None => d,
                            Some(Domain::Typed(a)) => match d {
                                Domain::Typed(b) if a == b => d,
                                Domain::Typed(b) if is_numeric(a) && is_numeric(b) => {
                                    Domain::Typed(wider_number(a, b))
                                }
                                _ => Domain::Text,
                            },
                            Some(Domain::Text) => Domain::Text,
                        }))
                    })
                    .flatten();
                let Some(list_domain) = list_domain else {
                    return Err(Diagnostic::error(
                        Code::TypeMismatch,
                        format!(
                            "the list of `{}` does not match a {} value",
                            op.as_str(),
                            value.ty.name()
                        ),
                    )
                    .with_span(span));
                };
                let (lhs, rhs): (Expr, Vec<Expr>) = match list_domain {
                    Domain::Text => {
                        let all_constant = items.iter().all(|i| {
                            string_constant(&convert::to_text(i).0).is_some_and(|s| !s.is_empty())
                        });
                        let keep = !negated && ctx == Ctx::Filter && all_constant;
                        let (lhs, _) = self.text_pair(&value, &value, keep);
                        let rhs: Vec<Expr> = items
                            .iter()
                            .map(|i| self.text_pair(i, i, false).0)
                            .collect();
                        if ignore_case {
                            (lower(lhs), rhs.into_iter().map(lower).collect())
                        } else {
                            (lhs, rhs)
                        }
                    }
                    Domain::Typed(ty) => {
                        let lhs = convert::convert(&value, ty)
                            .ok_or_else(|| type_error(&value, ty.name(), expr.span))?;
                        let rhs: Vec<Expr> = items
                            .iter()
                            .map(|i| {
                                convert::convert(i, ty)
                                    .ok_or_else(|| type_error(i, ty.name(), span))
                            })
                            .collect::<Result<Vec<_>, _>>()?;
                        (lhs, rhs)
                    }
                };
                let nullable = self.nullable(&lhs);
                let test = in_list(lhs.clone(), rhs, negated);
                bool_result(if negated && nullable {
                    lhs.is_null().or(test)
                } else {
                    test
                })
            }
        }
    }

    /// The plan of a tabular list element: `(T | project x)` or a tabular name.
    fn subquery(&mut self, item: &Ast) -> Result<Option<super::scope::Tabular>, Diagnostic> {
        match &item.kind {
            ExprKind::Tabular(tabular) => self.planner.plan_tabular(tabular).map(Some),
            ExprKind::Ident(id)
                if self.scope.get(&id.name).is_none()
                    && self.planner.scalar_binding(&id.name).is_none()
                    && self.planner.is_tabular_name(&id.name) =>
            {
                self.planner.plan_table_name(id).map(Some)
            }
            _ => Ok(None),
        }
    }

    fn in_subquery(
        &self,
        op: ListOp,
        value: Typed,
        subquery: super::scope::Tabular,
        item_span: Span,
        span: Span,
    ) -> Result<Typed, Diagnostic> {
        let negated = match op {
            ListOp::In => false,
            ListOp::NotIn => true,
            _ => {
                return Err(not_supported(
                    &format!("`{}` with a subquery", op.as_str()),
                    span,
                ));
            }
        };
        let [column] = subquery.columns.as_slice() else {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                format!(
                    "the subquery of `{}` must have one column, it has {}",
                    op.as_str(),
                    subquery.columns.len()
                ),
            )
            .with_span(item_span));
        };
        let ty = match column.ty {
            ScalarType::Dynamic | ScalarType::Guid => ScalarType::String,
            ty => ty,
        };
        let lhs = if ty == ScalarType::String {
            self.text_pair(&value, &value, !negated).0
        } else {
            convert::convert(&value, ty).ok_or_else(|| type_error(&value, ty.name(), span))?
        };
        // DataFusion's subquery rewrite wants the subquery to end with a projection.
        let column = subquery.column_expr(0);
        let plan = datafusion::logical_expr::LogicalPlanBuilder::from(subquery.plan)
            .project(vec![column])
            .and_then(datafusion::logical_expr::LogicalPlanBuilder::build)
            .map(Arc::new)
            .map_err(|e| super::plan_error(e, item_span))?;
        let expr = if negated {
            not_in_subquery(lhs, plan)
        } else {
            in_subquery(lhs, plan)
        };
        Ok(Typed::new(expr, ScalarType::Bool))
    }

    /// `x between (low .. high)` / `x !between (...)`.
    pub(crate) fn lower_between(
        &mut self,
        negated: bool,
        expr: &Ast,
        low: &Ast,
        high: &Ast,
        span: Span,
        ctx: Ctx,
    ) -> Result<Typed, Diagnostic> {
        let value = self.lower(expr)?;
        let lo = self.lower(low)?;
        let mut hi = self.lower(high)?;
        if matches!(value.ty, ScalarType::DateTime) && hi.ty == ScalarType::TimeSpan {
            hi = super::arith::arithmetic(BinaryOp::Add, lo.clone(), hi, high.span)?;
        }
        let inner = if negated { Ctx::Value } else { ctx };
        let (a, b) = if negated {
            (
                self.compare(BinaryOp::Lt, value.clone(), lo, span, inner)?,
                self.compare(BinaryOp::Gt, value, hi, span, inner)?,
            )
        } else {
            (
                self.compare(BinaryOp::Ge, value.clone(), lo, span, inner)?,
                self.compare(BinaryOp::Le, value, hi, span, inner)?,
            )
        };
        let expr = if negated {
            a.expr.or(b.expr)
        } else {
            a.expr.and(b.expr)
        };
        Ok(Typed::new(expr, ScalarType::Bool))
    }
}

/// Adds a list element, spreading a constant dynamic array into its elements.
fn flatten_into(t: Typed, items: &mut Vec<Typed>) {
    if t.ty == ScalarType::Dynamic
        && let Some(json) = string_constant(&t.expr)
        && let Ok(serde_json::Value::Array(values)) =
            serde_json::from_str::<serde_json::Value>(json)
    {
        for v in values {
            let (value, ty) = match v {
                serde_json::Value::String(s) => (lit(s), ScalarType::String),
                serde_json::Value::Bool(b) => (lit(b), ScalarType::Bool),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => (lit(i), ScalarType::Long),
                    None => (lit(n.as_f64().unwrap_or(f64::NAN)), ScalarType::Real),
                },
                other => (lit(other.to_string()), ScalarType::Dynamic),
            };
            items.push(Typed::new(value, ty));
        }
        return;
    }
    items.push(t);
}

/// Checks a regular expression at planning time, so that a bad one is reported with its span.
pub(crate) fn check_regex(pattern: &str, span: Span) -> Result<(), Diagnostic> {
    regex_groups(pattern).map(|_| ()).map_err(|message| {
        Diagnostic::error(
            Code::InvalidArgument,
            format!("invalid regular expression: {message}"),
        )
        .with_span(span)
    })
}

/// The number of capture groups of a regular expression, or why it is invalid. Planning
/// validates every constant regex; the same hunts are planned again and again (scheduled
/// detections, the REPL), so the answers are remembered (a bounded cache: compiling a regex
/// costs more than planning the rest of a hunt).
pub(crate) fn regex_groups(pattern: &str) -> Result<usize, String> {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static KNOWN: LazyLock<Mutex<HashMap<String, Result<usize, String>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    if let Some(known) = KNOWN.lock().ok().and_then(|k| k.get(pattern).cloned()) {
        return known;
    }
    let answer = regex::Regex::new(pattern)
        .map(|re| re.captures_len() - 1)
        .map_err(|e| e.to_string().lines().last().unwrap_or("").to_string());
    if let Ok(mut known) = KNOWN.lock() {
        if known.len() >= 4096 {
            known.clear();
        }
        known.insert(pattern.to_string(), answer.clone());
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
        assert!(!has_case("20"));
        assert!(has_case("Ab"));
    }
}
