//! `parse-kv Expr as (key:type, ...) [with (pair_delimiter=..., kv_delimiter=..., quote=...,
//! escape=..., greedy=true | regex=...)]`: one `kql_parse_kv` call per key (see
//! `src/udf/parse_kv.rs`), its text converted like a `parse` column. A missing key is null.

use datafusion::logical_expr::{Expr, cast, lit};

use super::expr::Typed;
use super::parse_op::convert_text;
use super::scope::ScopeEntry;
use super::types::arrow_type;
use super::{ExprLowerer, Planner, Scope, Tabular, convert};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{ExprKind, Literal, ParseKv, ScalarType};
use crate::udf;

const OPTIONS: &[&str] = &[
    "pair_delimiter",
    "kv_delimiter",
    "quote",
    "escape",
    "greedy",
    "regex",
];

impl Planner<'_> {
    pub(crate) fn plan_parse_kv(
        &self,
        input: Tabular,
        kv: &ParseKv,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        // pair_delimiter, kv_delimiter, quote, escape, regex; greedy.
        let mut texts = [const { String::new() }; 5];
        let mut greedy = false;
        for (name, value) in &kv.options {
            let Some(slot) = OPTIONS.iter().position(|o| *o == name.name) else {
                return Err(Diagnostic::error(
                    Code::InvalidParameter,
                    format!("unknown `parse-kv` option `{}`", name.name),
                )
                .with_span(name.span)
                .with_note(format!("the options are {}", OPTIONS.join(", "))));
            };
            match (&value.kind, slot) {
                (ExprKind::Literal(Literal::Bool(b)), 4) => greedy = *b,
                (ExprKind::Literal(Literal::String(s)), 0..=3) => texts[slot] = s.clone(),
                (ExprKind::Literal(Literal::String(s)), 5) => texts[4] = s.clone(),
                _ => {
                    let what = if slot == 4 {
                        "`true` or `false`"
                    } else {
                        "a string literal"
                    };
                    return Err(Diagnostic::error(
                        Code::InvalidParameter,
                        format!("`{}` takes {what}", name.name),
                    )
                    .with_span(value.span));
                }
            }
        }
        if let (false, Err(e)) = (texts[4].is_empty(), regex::Regex::new(&texts[4])) {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                format!("`regex` is not a valid regular expression: {e}"),
            )
            .with_span(span));
        }
        let base = Scope::of(&input);
        let value = ExprLowerer::new(self, &base).lower(&kv.expr)?;
        let text = cast(convert::to_text(&value).0, arrow_type(ScalarType::String));
        let mut scope = base.clone();
        for key in &kv.keys {
            if kv
                .keys
                .iter()
                .filter(|k| k.name.name == key.name.name)
                .count()
                > 1
            {
                return Err(Diagnostic::error(
                    Code::DuplicateColumn,
                    format!("`parse-kv` extracts `{}` twice", key.name.name),
                )
                .with_span(key.name.span));
            }
            let args: Vec<Expr> = vec![
                text.clone(),
                lit(key.name.name.clone()),
                lit(texts[0].clone()),
                lit(texts[1].clone()),
                lit(texts[2].clone()),
                lit(texts[3].clone()),
                lit(greedy),
                lit(texts[4].clone()),
            ];
            let raw = udf::parse_kv().call(args);
            let converted = convert_text(raw, key.ty).ok_or_else(|| {
                Diagnostic::error(
                    Code::NotSupported,
                    format!("`parse-kv` into a {} column", key.ty.name()),
                )
                .with_span(key.name.span)
            })?;
            scope.set(ScopeEntry {
                name: key.name.name.clone(),
                value: Typed::new(converted, key.ty),
                origin: None,
            });
        }
        let entries = scope.entries.clone();
        self.project_entries(input, &base, entries, span)
    }
}
