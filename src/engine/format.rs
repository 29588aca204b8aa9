//! Result formats: `table` (aligned text), `csv`, `json` (`{"columns", "types", "rows"}`) and
//! `ndjson` (one object per row).
//!
//! Values print as Kusto prints them: datetimes in ISO 8601 UTC (`2026-11-20T10:00:00.5Z`),
//! timespans as `[d.]hh:mm:ss[.fffffff]`, dynamic values as compact JSON (a dynamic string as
//! its text in `table` and `csv`, as a JSON value in `json` and `ndjson`).

use std::str::FromStr;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{self as t, DataType};
use serde_json::{Map, Value};

use super::QueryResult;
use crate::syntax::ScalarType;
use crate::udf::json_path;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Ndjson,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "ndjson" => Ok(Format::Ndjson),
            other => Err(format!(
                "unknown format `{other}` (expected table, csv, json or ndjson)"
            )),
        }
    }
}

/// The widest a `table` cell gets before it is cut with `…`.
const MAX_TABLE_CELL: usize = 120;

/// Row `row` of a dynamic column (JSON text), or `None` for null.
fn dynamic_at(array: &ArrayRef, row: usize) -> Option<String> {
    if array.is_null(row) {
        return None;
    }
    Some(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_string(),
        DataType::Utf8View => array.as_string_view().value(row).to_string(),
        _ => crate::udf::scalar_text(array, row).unwrap_or_default(),
    })
}

/// A cell as the table and CSV formats print it (`""` for null).
pub fn cell_text(array: &ArrayRef, row: usize, ty: ScalarType) -> String {
    if ty == ScalarType::Dynamic {
        return json_path::to_text(dynamic_at(array, row).as_deref()).into_owned();
    }
    crate::udf::scalar_text(array, row).unwrap_or_default()
}

/// A cell as a JSON value.
pub fn cell_json(array: &ArrayRef, row: usize, ty: ScalarType) -> Value {
    if array.is_null(row) {
        return Value::Null;
    }
    match ty {
        ScalarType::Dynamic => {
            let text = dynamic_at(array, row).unwrap_or_default();
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        }
        ScalarType::Bool => match array.data_type() {
            DataType::Boolean => Value::Bool(array.as_boolean().value(row)),
            _ => Value::String(cell_text(array, row, ty)),
        },
        ScalarType::Int | ScalarType::Long => match array.data_type() {
            DataType::Int32 => Value::from(array.as_primitive::<t::Int32Type>().value(row)),
            DataType::Int64 => Value::from(array.as_primitive::<t::Int64Type>().value(row)),
            _ => number_or_text(cell_text(array, row, ty)),
        },
        ScalarType::Real => {
            let v = match array.data_type() {
                DataType::Float64 => array.as_primitive::<t::Float64Type>().value(row),
                DataType::Float32 => f64::from(array.as_primitive::<t::Float32Type>().value(row)),
                _ => return number_or_text(cell_text(array, row, ty)),
            };
            serde_json::Number::from_f64(v).map_or_else(
                || Value::String(crate::value::format_real(v)),
                Value::Number,
            )
        }
        _ => Value::String(cell_text(array, row, ty)),
    }
}

fn number_or_text(text: String) -> Value {
    serde_json::from_str::<serde_json::Number>(&text).map_or(Value::String(text), Value::Number)
}

/// Every cell converted by `cell`, row by row.
fn map_rows<T>(
    result: &QueryResult,
    cell: impl Fn(&ArrayRef, usize, ScalarType) -> T,
) -> Vec<Vec<T>> {
    let mut rows = Vec::with_capacity(result.row_count());
    for batch in &result.batches {
        for row in 0..batch.num_rows() {
            rows.push(
                result
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| cell(batch.column(i), row, c.ty))
                    .collect(),
            );
        }
    }
    rows
}

/// Every cell as text, row by row.
pub(super) fn text_rows(result: &QueryResult) -> Vec<Vec<String>> {
    map_rows(result, cell_text)
}

fn json_rows(result: &QueryResult) -> Vec<Vec<Value>> {
    map_rows(result, cell_json)
}

fn cut(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= MAX_TABLE_CELL {
        return one_line;
    }
    let mut out: String = one_line.chars().take(MAX_TABLE_CELL - 1).collect();
    out.push('…');
    out
}

fn table(result: &QueryResult) -> String {
    let header: Vec<String> = result.columns.iter().map(|c| c.name.clone()).collect();
    let rows: Vec<Vec<String>> = text_rows(result)
        .into_iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(&header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in &rows {
        out.push_str(&line(row));
    }
    out.push_str(&format!(
        "({} row{})\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    if let Some(render) = &result.render {
        out.push_str(&format!(
            "(render {}: charts are not drawn yet; the rows above are its data)\n",
            render_text(render)
        ));
    }
    out
}

/// `timechart with (title=x, ycolumns=a, b)`.
fn render_text(render: &crate::plan::RenderSpec) -> String {
    if render.properties.is_empty() {
        return render.visualization.clone();
    }
    let properties: Vec<String> = render
        .properties
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!("{} with ({})", render.visualization, properties.join(", "))
}

/// The `render` of a result as JSON: `{"visualization": ..., "properties": {...}}`.
fn render_json(render: &crate::plan::RenderSpec) -> Value {
    let properties: Map<String, Value> = render
        .properties
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    serde_json::json!({
        "visualization": render.visualization,
        "properties": properties,
    })
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv(result: &QueryResult) -> String {
    let mut out = String::new();
    let header: Vec<String> = result.columns.iter().map(|c| csv_field(&c.name)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in text_rows(result) {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn json(result: &QueryResult) -> String {
    let mut value = serde_json::json!({
        "columns": result.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        "types": result.columns.iter().map(|c| c.ty.name()).collect::<Vec<_>>(),
        "rows": json_rows(result),
    });
    if let (Some(render), Value::Object(object)) = (&result.render, &mut value) {
        object.insert("render".to_string(), render_json(render));
    }
    let mut text = value.to_string();
    text.push('\n');
    text
}

fn ndjson(result: &QueryResult) -> String {
    let mut out = String::new();
    for row in json_rows(result) {
        let object: Map<String, Value> = result
            .columns
            .iter()
            .map(|c| c.name.clone())
            .zip(row)
            .collect();
        out.push_str(&Value::Object(object).to_string());
        out.push('\n');
    }
    out
}

/// The result in `format`.
pub(super) fn render(result: &QueryResult, format: Format) -> String {
    match format {
        Format::Table => table(result),
        Format::Csv => csv(result),
        Format::Json => json(result),
        Format::Ndjson => ndjson(result),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field(" padded"), "\" padded\"");
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "x".repeat(500);
        assert_eq!(cut(&long).chars().count(), MAX_TABLE_CELL);
        assert_eq!(cut("a\nb"), "a b");
    }
}
