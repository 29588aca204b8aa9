//! `parse [kind=simple|regex|relaxed] [flags=...] Expr with * "text" name:type ...`.
//!
//! The pattern is compiled at plan time into one regular expression, anchored at the start (and
//! at the end when it ends with a column or `*`), each column a named group, and evaluated with
//! DataFusion's `regexp_like` (did it match) and `regexp_replace` (each group's text):
//!
//! - `*` is `.*?`; text is matched literally (`kind=regex`: it is a regular expression);
//! - a `string` column (the default type) is `.*?` (`kind=regex`: `.*`, greedy unless `flags=U`);
//!   `int`/`long` columns match an integer, `real` a number, `bool` `true`/`false`; other types
//!   match like strings and are converted (`todatetime()`, `totimespan()`, `parse_json()`);
//! - `simple` and `regex`: when the pattern does not match or a typed column does not convert,
//!   every new column is null (the row is kept);
//! - `relaxed`: a typed column matches any text if it must, and is null alone when it does not
//!   convert.

use datafusion::functions::expr_fn::{btrim, regexp_like, regexp_replace};
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, cast, lit, when};

use super::expr::Typed;
use super::scope::ScopeEntry;
use super::types::{arrow_type, null_of};
use super::{ExprLowerer, Planner, Scope, Tabular, convert, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Parse, ParseKind, ParsePatternItem, ScalarType};
use crate::udf;

/// A capture of the pattern: its column, type and group name.
struct Capture {
    name: String,
    ty: ScalarType,
    group: String,
}

/// The regular expression a column of type `ty` matches.
fn type_regex(ty: ScalarType, kind: ParseKind) -> String {
    let strict = match ty {
        ScalarType::Int | ScalarType::Long => r"[+-]?\d+",
        ScalarType::Real | ScalarType::Decimal => r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?",
        ScalarType::Bool => "(?i:true|false)",
        _ if kind == ParseKind::Regex => return ".*".to_string(),
        _ => return ".*?".to_string(),
    };
    if kind == ParseKind::Relaxed {
        format!("(?:{strict}|.*?)")
    } else {
        strict.to_string()
    }
}

/// The pattern as one regular expression and its captures.
fn compile(parse: &Parse, span: Span) -> Result<(String, Vec<Capture>), Diagnostic> {
    let kind = parse.kind.unwrap_or(ParseKind::Simple);
    let mut regex = String::new();
    if let Some(flags) = &parse.flags {
        if kind != ParseKind::Regex {
            return Err(Diagnostic::error(
                Code::InvalidParameter,
                "`flags=` goes with `kind=regex`",
            )
            .with_span(span));
        }
        if flags.is_empty() || !flags.chars().all(|c| "imsUx".contains(c)) {
            return Err(Diagnostic::error(
                Code::InvalidParameter,
                format!("unknown regex flags `{flags}` (expected some of U, i, m, s, x)"),
            )
            .with_span(span));
        }
        regex.push_str(&format!("(?{flags})"));
    }
    regex.push('^');
    let mut captures: Vec<Capture> = Vec::new();
    for item in &parse.pattern {
        match item {
            ParsePatternItem::Star => regex.push_str(".*?"),
            ParsePatternItem::Text(text) => match kind {
                ParseKind::Regex => regex.push_str(&format!("(?:{text})")),
                _ => regex.push_str(&regex::escape(text)),
            },
            ParsePatternItem::Column { name, ty } => {
                if captures.iter().any(|c| c.name == name.name) {
                    return Err(Diagnostic::error(
                        Code::DuplicateColumn,
                        format!("the pattern captures `{}` twice", name.name),
                    )
                    .with_span(name.span));
                }
                let ty = ty.unwrap_or(ScalarType::String);
                let group = format!("kqlparse{}", captures.len());
                regex.push_str(&format!("(?P<{group}>{})", type_regex(ty, kind)));
                captures.push(Capture {
                    name: name.name.clone(),
                    ty,
                    group,
                });
            }
        }
    }
    if matches!(
        parse.pattern.last(),
        Some(ParsePatternItem::Column { .. } | ParsePatternItem::Star)
    ) {
        regex.push('$');
    }
    if captures.is_empty() {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            "the pattern of `parse` has no column to extract",
        )
        .with_span(span));
    }
    Ok((regex, captures))
}

/// A captured text converted to `ty`.
pub(crate) fn convert_text(text: Expr, ty: ScalarType) -> Option<Expr> {
    if matches!(ty, ScalarType::String | ScalarType::Guid) {
        return Some(text);
    }
    let trimmed = Typed::new(btrim(vec![text]), ScalarType::String);
    match ty {
        ScalarType::Int | ScalarType::Long => convert::to_integer(&trimmed, ty),
        ScalarType::Real => convert::to_real(&trimmed),
        ScalarType::Decimal => Some(datafusion::logical_expr::try_cast(
            trimmed.expr,
            arrow_type(ty),
        )),
        ScalarType::Bool => convert::to_bool(&trimmed),
        ScalarType::DateTime => convert::to_datetime(&trimmed),
        ScalarType::TimeSpan => convert::to_timespan(&trimmed),
        ScalarType::Dynamic => Some(udf::parse_json().call(vec![trimmed.expr])),
        ScalarType::String | ScalarType::Guid => None,
    }
}

impl Planner<'_> {
    pub(crate) fn plan_parse(
        &self,
        input: Tabular,
        parse: &Parse,
        drop_unmatched: bool,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let kind = parse.kind.unwrap_or(ParseKind::Simple);
        if drop_unmatched && kind == ParseKind::Relaxed {
            return Err(Diagnostic::error(
                Code::InvalidParameter,
                "`parse-where` takes `kind=simple` or `kind=regex`",
            )
            .with_span(span));
        }
        let (pattern, captures) = compile(parse, span)?;
        regex::Regex::new(&pattern).map_err(|e| {
            Diagnostic::error(
                Code::InvalidArgument,
                format!("the pattern is not a valid regular expression: {e}"),
            )
            .with_span(span)
        })?;
        let base = Scope::of(&input);
        let value = ExprLowerer::new(self, &base).lower(&parse.expr)?;
        let text = cast(convert::to_text(&value).0, arrow_type(ScalarType::String));
        // Each capture is the match replaced by its group (`${name}`): a group of the user's
        // regex that takes no part in the match does not shift the others.
        let whole = if pattern.ends_with('$') {
            pattern.clone()
        } else {
            format!("{pattern}(?s:.*)$")
        };
        let matched = regexp_like(text.clone(), lit(whole.clone()), None);
        let mut values: Vec<(Expr, Expr)> = Vec::new();
        for capture in &captures {
            let replaced = regexp_replace(
                text.clone(),
                lit(whole.clone()),
                lit(format!("${{{}}}", capture.group)),
                None,
            );
            let captured = when(matched.clone(), replaced)
                .otherwise(Expr::Literal(null_of(ScalarType::String), None))
                .map_err(|e| plan_error(e, span))?;
            let converted = convert_text(captured.clone(), capture.ty).ok_or_else(|| {
                Diagnostic::error(
                    Code::NotSupported,
                    format!("`parse` into a {} column", capture.ty.name()),
                )
                .with_span(span)
            })?;
            values.push((captured, converted));
        }
        // Strict kinds: a typed column that does not convert voids the whole match.
        let typed: Vec<Expr> = captures
            .iter()
            .zip(&values)
            .filter(|(c, _)| !matches!(c.ty, ScalarType::String | ScalarType::Guid))
            .map(|(_, (captured, converted))| {
                converted
                    .clone()
                    .is_not_null()
                    .or(captured.clone().is_null())
            })
            .collect();
        let ok = (kind != ParseKind::Relaxed)
            .then(|| typed.into_iter().reduce(Expr::and))
            .flatten();
        // `parse-where`: keep the rows that match (and whose typed columns convert).
        let input = if drop_unmatched {
            let mut keep = matched.clone();
            if let Some(ok) = &ok {
                keep = keep.and(ok.clone());
            }
            let plan = LogicalPlanBuilder::from(input.plan)
                .filter(keep)
                .and_then(LogicalPlanBuilder::build)
                .map_err(|e| plan_error(e, span))?;
            Tabular { plan, ..input }
        } else {
            input
        };
        let mut scope = base.clone();
        for (capture, (_, converted)) in captures.iter().zip(values) {
            let expr = match &ok {
                Some(ok) => when(ok.clone(), converted)
                    .otherwise(Expr::Literal(null_of(capture.ty), None))
                    .map_err(|e| plan_error(e, span))?,
                None => converted,
            };
            scope.set(ScopeEntry {
                name: capture.name.clone(),
                value: Typed::new(expr, capture.ty),
                origin: None,
            });
        }
        let entries = scope.entries.clone();
        self.project_entries(input, &base, entries, span)
    }
}
