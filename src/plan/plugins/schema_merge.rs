//! `evaluate schema_merge([PreserveOrder])`: merges schemas in `getschema`'s form
//! (`ColumnName`, `ColumnOrdinal`, `DataType`, `ColumnType`) into one, in the same form.
//!
//! The input is a sequence of schemas, read in order (as `union` lists them). Each column keeps the ordinal of the last schema that has it and the merged columns are
//! listed by those ordinals (then by first appearance) and numbered from 0. Types reduce to a
//! common one (`int` and `long` to `long`, with `real` to `real`); other mixes are errors. With
//! `PreserveOrder` (the default) a column whose ordinal differs from the one it had where it
//! first appeared is an error too. An error shows in the column's row: ordinal -1, and
//! `ERROR(...)` as its types.
//!
//! Schemas come from `getschema`, which kqlhunt computes from constants, so the merge runs at
//! plan time and the result is a constant table.

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr, LogicalPlanBuilder, cast, lit};

use super::super::evaluate::{is_constant_plan, run_now};
use super::{PluginArgs, bool_arg, c, finish};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::plan::{Planner, Tabular, plan_error};
use crate::syntax::{FunctionCall, ScalarType};

/// One column of the merged schema.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Merged {
    pub name: String,
    /// The ordinal in the last schema that has the column.
    pub ordinal: i64,
    pub data_type: String,
    pub column_type: String,
    pub error: Option<String>,
}

/// The .NET type name of a KQL type name.
fn dotnet(column_type: &str) -> Option<&'static str> {
    Some(match column_type {
        "bool" | "boolean" => "System.Boolean",
        "int" => "System.Int32",
        "long" => "System.Int64",
        "real" | "double" => "System.Double",
        "decimal" => "System.Data.SqlTypes.SqlDecimal",
        "string" => "System.String",
        "datetime" | "date" => "System.DateTime",
        "timespan" | "time" => "System.TimeSpan",
        "guid" => "System.Guid",
        "dynamic" => "System.Object",
        _ => return None,
    })
}

/// The common type of two column types, if any.
fn reduce(a: &str, b: &str) -> Option<&'static str> {
    let rank = |t: &str| match t {
        "int" => Some(0),
        "long" => Some(1),
        "real" | "double" => Some(2),
        _ => None,
    };
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) => Some(["int", "long", "real"][x.max(y)]),
        _ => None,
    }
}

/// Merges the schemas: rows of (name, ordinal, data type, column type), in input order.
pub(crate) fn merge_schemas(
    rows: &[(String, i64, String, String)],
    preserve_order: bool,
) -> Vec<Merged> {
    let mut merged: Vec<Merged> = Vec::new();
    // The ordinal each column had where it first appeared.
    let mut first_ordinal: Vec<i64> = Vec::new();
    for (name, ordinal, data_type, column_type) in rows {
        match merged.iter().position(|m| m.name == *name) {
            None => {
                merged.push(Merged {
                    name: name.clone(),
                    ordinal: *ordinal,
                    data_type: data_type.clone(),
                    column_type: column_type.clone(),
                    error: None,
                });
                first_ordinal.push(*ordinal);
            }
            Some(at) => {
                let m = &mut merged[at];
                m.ordinal = *ordinal;
                if preserve_order && *ordinal != first_ordinal[at] && m.error.is_none() {
                    m.error = Some("columns are out of order".to_string());
                }
                if m.column_type != *column_type && m.error.is_none() {
                    match reduce(&m.column_type, column_type) {
                        Some(t) => {
                            m.column_type = t.to_string();
                            m.data_type = dotnet(t).unwrap_or_default().to_string();
                        }
                        None => {
                            m.error = Some(format!(
                                "column types mismatch: {} and {column_type}",
                                m.column_type
                            ));
                        }
                    }
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by_key(|i| (merged[*i].ordinal, *i));
    order
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            let mut m = merged[i].clone();
            match &m.error {
                Some(e) => {
                    m.ordinal = -1;
                    m.data_type = format!("ERROR(unknown CSL type:ERROR({e}))");
                    m.column_type = format!("ERROR({e})");
                }
                None => m.ordinal = n as i64,
            }
            m
        })
        .collect()
}

impl Planner<'_> {
    pub(super) fn plan_schema_merge(
        &self,
        input: Tabular,
        call: &FunctionCall,
        span: Span,
    ) -> Result<Tabular, Diagnostic> {
        let args = PluginArgs::of(call);
        let mut preserve_order = true;
        if let Some(extra) = args.positional.get(1) {
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                "`schema_merge()` takes at most one argument, `PreserveOrder`",
            )
            .with_span(extra.span));
        }
        if let Some(arg) = args.positional.first() {
            preserve_order = bool_arg(self, arg, "`PreserveOrder`")?;
        }
        for (name, value) in &args.named {
            if name.eq_ignore_ascii_case("PreserveOrder") {
                preserve_order = bool_arg(self, value, "`PreserveOrder`")?;
            } else {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("`schema_merge()` has no parameter `{name}`"),
                )
                .with_span(value.span));
            }
        }
        let mut columns = Vec::new();
        for (name, want) in [
            ("ColumnName", ScalarType::String),
            ("ColumnOrdinal", ScalarType::Int),
            ("DataType", ScalarType::String),
            ("ColumnType", ScalarType::String),
        ] {
            let Some(i) = input.position(name) else {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    format!("the input of `schema_merge()` has no column `{name}`"),
                )
                .with_span(span)
                .with_help("merge the output of `getschema`"));
            };
            let ty = input.columns[i].ty;
            let ok = ty == want || (want == ScalarType::Int && ty == ScalarType::Long);
            if !ok {
                return Err(Diagnostic::error(
                    Code::TypeMismatch,
                    format!(
                        "the column `{name}` of the input of `schema_merge()` is {}, not {}",
                        ty.name(),
                        want.name()
                    ),
                )
                .with_span(span));
            }
            columns.push(input.column_expr(i));
        }
        if !is_constant_plan(&input.plan) {
            return Err(super::super::not_supported(
                "`schema_merge` over a stored table (merge `getschema` outputs)",
                span,
            ));
        }
        let exprs: Vec<Expr> = vec![
            cast(columns[0].clone(), DataType::Utf8).alias("n"),
            cast(columns[1].clone(), DataType::Int64).alias("o"),
            cast(columns[2].clone(), DataType::Utf8).alias("d"),
            cast(columns[3].clone(), DataType::Utf8).alias("t"),
        ];
        let plan = LogicalPlanBuilder::from(input.plan)
            .project(exprs)
            .and_then(LogicalPlanBuilder::build)
            .map_err(|e| plan_error(e, span))?;
        let batches = run_now(plan).map_err(|e| {
            Diagnostic::error(
                Code::ExecutionError,
                format!("cannot read the schemas to merge: {e}"),
            )
            .with_span(span)
        })?;
        let mut rows = Vec::new();
        for batch in &batches {
            let names = batch.column(0).as_string::<i32>();
            let ordinals = batch
                .column(1)
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>();
            let data_types = batch.column(2).as_string::<i32>();
            let column_types = batch.column(3).as_string::<i32>();
            for r in 0..batch.num_rows() {
                if names.is_null(r) {
                    continue;
                }
                let text = |a: &datafusion::arrow::array::StringArray| {
                    if a.is_null(r) {
                        String::new()
                    } else {
                        a.value(r).to_string()
                    }
                };
                rows.push((
                    names.value(r).to_string(),
                    if ordinals.is_null(r) {
                        -1
                    } else {
                        ordinals.value(r)
                    },
                    text(data_types),
                    text(column_types),
                ));
            }
        }
        let merged = merge_schemas(&rows, preserve_order);
        let names = ["ColumnName", "ColumnOrdinal", "DataType", "ColumnType"];
        let types = [
            ScalarType::String,
            ScalarType::Int,
            ScalarType::String,
            ScalarType::String,
        ];
        let output: Vec<(String, ScalarType)> = names
            .iter()
            .zip(types)
            .map(|(n, t)| (n.to_string(), t))
            .collect();
        let plan = if merged.is_empty() {
            LogicalPlanBuilder::empty(false)
                .project(vec![
                    cast(lit(""), DataType::Utf8).alias(names[0]),
                    lit(0i32).alias(names[1]),
                    cast(lit(""), DataType::Utf8).alias(names[2]),
                    cast(lit(""), DataType::Utf8).alias(names[3]),
                ])
                .and_then(LogicalPlanBuilder::build)
        } else {
            let rows: Vec<Vec<Expr>> = merged
                .iter()
                .map(|m| {
                    vec![
                        lit(m.name.clone()),
                        lit(i32::try_from(m.ordinal).unwrap_or(-1)),
                        lit(m.data_type.clone()),
                        lit(m.column_type.clone()),
                    ]
                })
                .collect();
            LogicalPlanBuilder::values(rows)
                .and_then(|b| {
                    b.project(
                        names
                            .iter()
                            .enumerate()
                            .map(|(i, n)| c(&format!("column{}", i + 1)).alias(*n))
                            .collect::<Vec<_>>(),
                    )
                })
                .and_then(LogicalPlanBuilder::build)
        }
        .map_err(|e| plan_error(e, span))?;
        Ok(finish(plan, output))
    }
}
