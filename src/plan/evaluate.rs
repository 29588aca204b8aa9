//! `evaluate plugin(...)`: the plugins kqlhunt implements (`bag_unpack`, `narrow`, `pivot` in
//! [`super::pivot`], and those of [`super::plugins`]: `ipv4_lookup`, `ipv6_lookup`,
//! `schema_merge`, `sliding_window_counts`, `activity_counts_metrics`, `active_users_count`,
//! `rolling_percentile`); any other gets a "not supported yet" diagnostic naming it.
//!
//! `bag_unpack`'s columns depend on the data (one column per property of the bags). With an
//! output schema (`evaluate bag_unpack(d) : (*, Name:string, Age:long)`) they are the listed
//! ones. Without one, the planner reads the bags once at plan time, which it does only when the
//! input is computed from constants (`datatable`, `print`, `range`, ...), never from a stored
//! table: there an output schema is required. The properties become columns in name order,
//! each typed from its values (`long`, `real`, `bool`, `string` when all values agree, else
//! `dynamic`).

use std::collections::{BTreeMap, BTreeSet};

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder, cast, col, lit};
use datafusion::prelude::SessionContext;

use super::convert;
use super::expr::{Typed, not_supported};
use super::literal::constant;
use super::scope::ScopeEntry;
use super::{ColumnInfo, ExprLowerer, Planner, Scope, Tabular, plan_error};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::syntax::{Evaluate, Expr as Ast, ExprKind, ScalarType, TabularSchema};
use crate::udf;

/// What to do when an unpacked property has the name of an existing column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Conflict {
    Error,
    KeepSource,
    ReplaceSource,
}

/// The arguments of `bag_unpack`.
struct BagUnpack<'a> {
    bag: &'a Ast,
    prefix: String,
    conflict: Conflict,
    ignored: BTreeSet<String>,
}

/// The type a property's values agree on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Unknown,
    Long,
    Real,
    Bool,
    String,
    Dynamic,
}

impl Kind {
    fn of(value: &serde_json::Value) -> Kind {
        match value {
            serde_json::Value::Null => Kind::Unknown,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Number(n) if n.is_i64() => Kind::Long,
            serde_json::Value::Number(_) => Kind::Real,
            serde_json::Value::String(_) => Kind::String,
            _ => Kind::Dynamic,
        }
    }

    fn merge(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Unknown, k) | (k, Kind::Unknown) => k,
            (Kind::Long, Kind::Real) | (Kind::Real, Kind::Long) => Kind::Real,
            _ => Kind::Dynamic,
        }
    }

    fn scalar_type(self) -> ScalarType {
        match self {
            Kind::Long => ScalarType::Long,
            Kind::Real => ScalarType::Real,
            Kind::Bool => ScalarType::Bool,
            Kind::String => ScalarType::String,
            Kind::Unknown | Kind::Dynamic => ScalarType::Dynamic,
        }
    }
}

/// Whether the plan reads only constants (no table scan), so it may run at plan time.
pub(super) fn is_constant_plan(plan: &LogicalPlan) -> bool {
    let mut constant = true;
    let _ = plan.apply_with_subqueries(|node| {
        if matches!(node, LogicalPlan::TableScan(_)) {
            constant = false;
            return Ok(TreeNodeRecursion::Stop);
        }
        Ok(TreeNodeRecursion::Continue)
    });
    constant
}

/// Runs a constant plan now (on a thread of its own, so that this works inside or outside an
/// async runtime).
pub(super) fn run_now(plan: LogicalPlan) -> Result<Vec<RecordBatch>, String> {
    std::thread::scope(|s| {
        s.spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async move {
                let ctx = SessionContext::new();
                let frame = ctx
                    .execute_logical_plan(plan)
                    .await
                    .map_err(|e| e.strip_backtrace().to_string())?;
                frame
                    .collect()
                    .await
                    .map_err(|e| e.strip_backtrace().to_string())
            })
        })
        .join()
        .unwrap_or_else(|_| Err("the plan-time query failed".to_string()))
    })
}

/// A constant string argument.
fn text_argument(planner: &Planner<'_>, e: &Ast, what: &str) -> Result<String, Diagnostic> {
    let scope = Scope::empty();
    let value = ExprLowerer::new(planner, &scope).lower(e)?;
    match constant(&value.expr) {
        Some(ScalarValue::Utf8(Some(s))) => Ok(s.clone()),
        _ => Err(Diagnostic::error(
            Code::InvalidArgument,
            format!("{what} must be a constant string"),
        )
        .with_span(e.span)),
    }
}

impl Planner<'_> {
    pub(crate) fn plan_evaluate(
        &self,
        input: Tabular,
        evaluate: &Evaluate,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let plugin = &evaluate.plugin;
        let name = plugin.name.name.as_str();
        if evaluate.output_schema.is_some() && name != "bag_unpack" {
            return Err(not_supported(
                &format!("an output schema for the `{name}` plugin"),
                span,
            ));
        }
        match name {
            "bag_unpack" => {
                let args = self.bag_unpack_args(&plugin.args, plugin.name.span)?;
                self.plan_bag_unpack(input, &args, evaluate.output_schema.as_ref(), span)
            }
            "narrow" => {
                if let Some(arg) = plugin.args.first() {
                    return Err(Diagnostic::error(
                        Code::WrongArgumentCount,
                        "`narrow()` takes no arguments",
                    )
                    .with_span(arg.span));
                }
                self.plan_narrow(input, span)
            }
            "pivot" => self.plan_pivot(input, plugin, span),
            _ => match self.plan_plugin(input, plugin, span) {
                Some(planned) => planned,
                None => Err(not_supported(
                    &format!("the `{name}` plugin of `evaluate`"),
                    plugin.name.span,
                )),
            },
        }
    }

    fn bag_unpack_args<'a>(
        &self,
        args: &'a [Ast],
        span: Span,
    ) -> Result<BagUnpack<'a>, Diagnostic> {
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for arg in args {
            match &arg.kind {
                ExprKind::NamedArgument { name, value } => named.push((name, value.as_ref())),
                _ => positional.push(arg),
            }
        }
        let Some(bag) = positional.first().copied() else {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                "`bag_unpack()` needs the dynamic column to unpack",
            )
            .with_span(span));
        };
        let mut unpack = BagUnpack {
            bag,
            prefix: String::new(),
            conflict: Conflict::Error,
            ignored: BTreeSet::new(),
        };
        let mut settings: Vec<(&str, &Ast)> = Vec::new();
        for (i, arg) in positional.iter().enumerate().skip(1) {
            let name = match i {
                1 => "OutputColumnPrefix",
                2 => "columnsConflict",
                3 => "ignoredProperties",
                _ => {
                    return Err(Diagnostic::error(
                        Code::WrongArgumentCount,
                        "`bag_unpack()` takes at most four arguments",
                    )
                    .with_span(arg.span));
                }
            };
            settings.push((name, arg));
        }
        for (name, value) in named {
            settings.push((name.name.as_str(), value));
        }
        for (name, value) in settings {
            match name.to_ascii_lowercase().as_str() {
                "outputcolumnprefix" => {
                    unpack.prefix = text_argument(self, value, "the column prefix")?;
                }
                "columnsconflict" => {
                    unpack.conflict =
                        match text_argument(self, value, "`columnsConflict`")?.as_str() {
                            "error" => Conflict::Error,
                            "keep_source" => Conflict::KeepSource,
                            "replace_source" => Conflict::ReplaceSource,
                            other => {
                                return Err(Diagnostic::error(
                                    Code::InvalidArgument,
                                    format!(
                                        "unknown `columnsConflict` value `{other}`: use \
                                         `error`, `keep_source` or `replace_source`"
                                    ),
                                )
                                .with_span(value.span));
                            }
                        };
                }
                "ignoredproperties" => {
                    let scope = Scope::empty();
                    let t = ExprLowerer::new(self, &scope).lower(value)?;
                    let names = match constant(&t.expr) {
                        Some(ScalarValue::Utf8(Some(json))) if t.ty == ScalarType::Dynamic => {
                            serde_json::from_str::<Vec<String>>(json).ok()
                        }
                        _ => None,
                    };
                    let Some(names) = names else {
                        return Err(Diagnostic::error(
                            Code::InvalidArgument,
                            "`ignoredProperties` must be a constant array of strings, such as \
                             `dynamic(['a', 'b'])`",
                        )
                        .with_span(value.span));
                    };
                    unpack.ignored = names.into_iter().collect();
                }
                _ => {
                    return Err(Diagnostic::error(
                        Code::InvalidArgument,
                        format!("`bag_unpack()` has no parameter `{name}`"),
                    )
                    .with_span(value.span));
                }
            }
        }
        Ok(unpack)
    }

    /// The properties of the bags and the type of each, read now from a constant input.
    fn bag_properties(
        &self,
        input: &Tabular,
        bag: &Typed,
        span: Span,
    ) -> Result<Vec<(String, ScalarType)>, Diagnostic> {
        if !is_constant_plan(&input.plan) {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "`bag_unpack` over a stored table needs an output schema",
            )
            .with_span(span)
            .with_help(
                "list the columns it makes: `evaluate bag_unpack(d) : (*, Name:string, Age:long)`",
            ));
        }
        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .project(vec![bag.materialize().alias("__kql_bag")])
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let batches = run_now(plan).map_err(|e| {
            Diagnostic::error(
                Code::ExecutionError,
                format!("cannot read the bags to unpack: {e}"),
            )
            .with_span(span)
        })?;
        let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
        for batch in &batches {
            let column = datafusion::arrow::compute::cast(batch.column(0), &DataType::Utf8)
                .map_err(|e| plan_error(e.into(), span))?;
            let texts = column.as_string::<i32>();
            for row in 0..texts.len() {
                if texts.is_null(row) {
                    continue;
                }
                let Ok(serde_json::Value::Object(map)) =
                    serde_json::from_str::<serde_json::Value>(texts.value(row))
                else {
                    continue;
                };
                for (key, value) in &map {
                    let kind = kinds.entry(key.clone()).or_insert(Kind::Unknown);
                    *kind = kind.merge(Kind::of(value));
                }
            }
        }
        Ok(kinds
            .into_iter()
            .map(|(k, kind)| (k, kind.scalar_type()))
            .collect())
    }

    fn plan_bag_unpack(
        &self,
        input: Tabular,
        args: &BagUnpack<'_>,
        schema: Option<&TabularSchema>,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let scope = Scope::of(&input);
        let bag = ExprLowerer::new(self, &scope).lower(args.bag)?;
        if bag.ty != ScalarType::Dynamic {
            return Err(Diagnostic::error(
                Code::TypeMismatch,
                format!(
                    "`bag_unpack()` needs a dynamic property bag, not {}",
                    bag.ty.name()
                ),
            )
            .with_span(args.bag.span));
        }
        let source = match &args.bag.kind {
            ExprKind::Ident(id) => Some(id.name.clone()),
            _ => None,
        };
        // (property, column name, type)
        let properties: Vec<(String, String, ScalarType)> = match schema {
            Some(schema) => schema
                .columns
                .iter()
                .map(|c| (c.name.name.clone(), c.name.name.clone(), c.ty))
                .collect(),
            None => self
                .bag_properties(&input, &bag, span)?
                .into_iter()
                .filter(|(p, _)| !args.ignored.contains(p))
                .map(|(p, ty)| (p.clone(), format!("{}{p}", args.prefix), ty))
                .collect(),
        };
        let value_of = |property: &str, ty: ScalarType| -> Result<Typed, Diagnostic> {
            let raw = Typed::new(
                udf::dynamic_get().call(vec![bag.materialize(), lit(property.to_string())]),
                ScalarType::Dynamic,
            );
            match convert::convert(&raw, ty) {
                Some(expr) => Ok(Typed::new(expr, ty)),
                None => Err(not_supported(
                    &format!("unpacking a property as {}", ty.name()),
                    span,
                )),
            }
        };
        let mut entries: Vec<ScopeEntry> = Vec::new();
        let kept_input = scope
            .entries
            .iter()
            .filter(|e| Some(&e.name) != source.as_ref());
        if schema.is_some() {
            // The listed columns; `*` keeps the input's other columns, first.
            if schema.is_some_and(|s| s.open) {
                entries.extend(
                    kept_input
                        .filter(|e| !properties.iter().any(|(_, n, _)| *n == e.name))
                        .cloned(),
                );
            }
            for (property, name, ty) in &properties {
                entries.push(ScopeEntry {
                    name: name.clone(),
                    value: value_of(property, *ty)?,
                    origin: None,
                });
            }
            return self.project_entries(input, &scope, entries, span);
        }
        entries.extend(kept_input.cloned());
        for (property, name, ty) in &properties {
            let value = value_of(property, *ty)?;
            match entries.iter().position(|e| e.name == *name) {
                None => entries.push(ScopeEntry {
                    name: name.clone(),
                    value,
                    origin: None,
                }),
                Some(at) => match args.conflict {
                    Conflict::KeepSource => {}
                    Conflict::ReplaceSource => {
                        entries[at] = ScopeEntry {
                            name: name.clone(),
                            value,
                            origin: None,
                        };
                    }
                    Conflict::Error => {
                        return Err(Diagnostic::error(
                            Code::DuplicateColumn,
                            format!("`bag_unpack` would make a second column named `{name}`"),
                        )
                        .with_span(span)
                        .with_help(
                            "pass `columnsConflict='replace_source'` or `'keep_source'`, or \
                             a column prefix",
                        ));
                    }
                },
            }
        }
        self.project_entries(input, &scope, entries, span)
    }

    /// `narrow()`: one row per cell, `Row` (the row's number from 0), `Column` (its name) and
    /// `Value` (the cell as a string).
    fn plan_narrow(&self, input: Tabular, span: Span) -> Result<Tabular, Diagnostic> {
        let numbered = "__kql_narrow_row";
        let plan = LogicalPlanBuilder::from(input.plan.clone())
            .window(vec![row_number().alias(numbered)])
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let scope = Scope {
            entries: Scope::of(&input).entries,
            schema: std::sync::Arc::clone(plan.schema()),
        };
        let row = cast(col(numbered), DataType::Int64) - lit(1i64);
        let mut union: Option<LogicalPlanBuilder> = None;
        for entry in &scope.entries {
            let value = convert::to_string_value(&entry.value, scope.schema.as_ref());
            let part = LogicalPlanBuilder::from(plan.clone())
                .project(vec![
                    row.clone().alias("Row"),
                    lit(entry.name.clone()).alias("Column"),
                    cast(value, DataType::Utf8).alias("Value"),
                ])
                .and_then(LogicalPlanBuilder::build)
                .map_err(|e| plan_error(e, span))?;
            union = Some(match union {
                None => LogicalPlanBuilder::from(part),
                Some(b) => b.union(part).map_err(|e| plan_error(e, span))?,
            });
        }
        let Some(union) = union else {
            return Err(
                Diagnostic::error(Code::InvalidArgument, "no columns to narrow").with_span(span),
            );
        };
        let plan = union.build().map_err(|e| plan_error(e, span))?;
        let columns = [
            ("Row", ScalarType::Long),
            ("Column", ScalarType::String),
            ("Value", ScalarType::String),
        ]
        .into_iter()
        .map(|(name, ty)| ColumnInfo {
            name: name.to_string(),
            ty,
            origin: None,
        })
        .collect();
        Ok(Tabular { plan, columns })
    }
}
