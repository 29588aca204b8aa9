//! Running KQL: text → syntax tree → logical plan → DataFusion execution → Arrow batches with the
//! KQL types of their columns; and `explain`, which shows each stage.
//!
//! ```text
//! let ctx = Lake::open(dir).await?.session().await?;
//! let result = run_query(&ctx, "CloudAuditEvents | count", &QueryOptions::default()).await?;
//! print!("{}", result.render(Format::Table));
//! ```

mod format;

use chrono::{DateTime, Utc};
use datafusion::arrow::array::RecordBatch;
use datafusion::dataframe::DataFrame;
use datafusion::error::DataFusionError;
use datafusion::logical_expr::LogicalPlanBuilder;
use datafusion::physical_plan::displayable;
use datafusion::prelude::SessionContext;

pub use format::{Format, cell_json, cell_text};

use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{
    OutputColumn, PlanOptions, PlannedQuery, RenderSpec, SessionCatalog, plan_query,
};
use crate::syntax;

/// Settings of one query run.
#[derive(Clone, Debug, Default)]
pub struct QueryOptions {
    /// `now()` for the query (default: the wall clock when the query starts).
    pub now: Option<DateTime<Utc>>,
    /// Return at most this many rows (the result says whether there were more).
    pub max_rows: Option<usize>,
}

/// The result of a query: Arrow batches and the KQL name and type of each column.
#[derive(Clone, Debug)]
pub struct QueryResult {
    pub columns: Vec<OutputColumn>,
    pub batches: Vec<RecordBatch>,
    /// More rows matched than `max_rows`.
    pub truncated: bool,
    /// The query's `render` (a chart request; the rows are the chart's data).
    pub render: Option<RenderSpec>,
}

impl QueryResult {
    /// The number of rows.
    pub fn row_count(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Every cell as the table format prints it (nulls as `""`), row by row.
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        format::text_rows(self)
    }

    /// The result in one of the output formats.
    pub fn render(&self, format: Format) -> String {
        format::render(self, format)
    }

    /// The result as a Parquet file (zstd). Each column's KQL type is kept in its field
    /// metadata (`kql.type`), so a `dynamic` column (JSON text) stays recognisable.
    pub fn write_parquet<W: std::io::Write + Send>(&self, out: W) -> Result<(), DataFusionError> {
        use datafusion::arrow::datatypes::{Field, Schema};
        use datafusion::parquet::arrow::ArrowWriter;
        use datafusion::parquet::basic::{Compression, ZstdLevel};
        use datafusion::parquet::file::properties::WriterProperties;
        use std::sync::Arc;

        let fields: Vec<Field> = match self.batches.first() {
            Some(batch) => batch
                .schema()
                .fields()
                .iter()
                .zip(&self.columns)
                .map(|(f, c)| {
                    Field::new(&c.name, f.data_type().clone(), true)
                        .with_metadata([("kql.type".to_string(), c.ty.name().to_string())].into())
                })
                .collect(),
            None => self
                .columns
                .iter()
                .map(|c| {
                    Field::new(&c.name, crate::plan::types::arrow_type(c.ty), true)
                        .with_metadata([("kql.type".to_string(), c.ty.name().to_string())].into())
                })
                .collect(),
        };
        let schema = Arc::new(Schema::new(fields));
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            .build();
        let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        for batch in &self.batches {
            writer.write(&RecordBatch::try_new(
                schema.clone(),
                batch.columns().to_vec(),
            )?)?;
        }
        writer.close()?;
        Ok(())
    }
}

/// What `explain` shows of a query.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The query printed back in canonical KQL.
    pub canonical: String,
    /// The logical plan as the planner built it.
    pub logical: String,
    /// The logical plan after DataFusion's optimizer.
    pub optimized: String,
    /// The physical plan (with the filters pushed into the scan).
    pub physical: String,
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "== KQL ==\n{}\n", self.canonical)?;
        writeln!(f, "== Logical plan ==\n{}", self.logical)?;
        writeln!(f, "== Optimized logical plan ==\n{}", self.optimized)?;
        write!(f, "== Physical plan ==\n{}", self.physical)
    }
}

/// A DataFusion failure as a diagnostic.
fn execution_error(e: DataFusionError) -> Diagnostic {
    Diagnostic::error(Code::ExecutionError, e.strip_backtrace().to_string())
}

/// Parses and plans `text` against the tables of `ctx`.
pub async fn plan(
    ctx: &SessionContext,
    text: &str,
    options: &QueryOptions,
) -> Result<(syntax::Query, PlannedQuery), Diagnostic> {
    let query = syntax::parse(text)?;
    let catalog = SessionCatalog::new(ctx).await.map_err(execution_error)?;
    let options = PlanOptions {
        now: options.now.unwrap_or_else(Utc::now),
    };
    let planned = plan_query(&catalog, &query, &options)?;
    Ok((query, planned))
}

/// Runs a KQL query over the tables of `ctx` (see [`crate::lake::Lake::session`]).
pub async fn run_query(
    ctx: &SessionContext,
    text: &str,
    options: &QueryOptions,
) -> Result<QueryResult, Diagnostic> {
    let (_, planned) = plan(ctx, text, options).await?;
    let mut plan = planned.plan;
    if let Some(max) = options.max_rows {
        plan = LogicalPlanBuilder::from(plan)
            .limit(0, Some(max.saturating_add(1)))
            .and_then(LogicalPlanBuilder::build)
            .map_err(execution_error)?;
    }
    let batches = DataFrame::new(ctx.state(), plan)
        .collect()
        .await
        .map_err(execution_error)?;
    let (batches, truncated) = match options.max_rows {
        Some(max) => truncate(batches, max),
        None => (batches, false),
    };
    Ok(QueryResult {
        columns: planned.columns,
        batches,
        truncated,
        render: planned.render,
    })
}

/// Keeps the first `max` rows.
fn truncate(batches: Vec<RecordBatch>, max: usize) -> (Vec<RecordBatch>, bool) {
    let mut kept = Vec::new();
    let mut left = max;
    let mut truncated = false;
    for batch in batches {
        if left == 0 {
            truncated |= batch.num_rows() > 0;
            continue;
        }
        if batch.num_rows() > left {
            kept.push(batch.slice(0, left));
            left = 0;
            truncated = true;
        } else {
            left -= batch.num_rows();
            kept.push(batch);
        }
    }
    (kept, truncated)
}

/// The canonical KQL, the logical plan, the optimized plan and the physical plan of a query.
pub async fn explain(
    ctx: &SessionContext,
    text: &str,
    options: &QueryOptions,
) -> Result<Explanation, Diagnostic> {
    let (query, planned) = plan(ctx, text, options).await?;
    let state = ctx.state();
    let optimized = state.optimize(&planned.plan).map_err(execution_error)?;
    let physical = state
        .create_physical_plan(&planned.plan)
        .await
        .map_err(execution_error)?;
    Ok(Explanation {
        canonical: query.to_string(),
        logical: planned.plan.display_indent().to_string(),
        optimized: optimized.display_indent().to_string(),
        physical: displayable(physical.as_ref()).indent(true).to_string(),
    })
}

#[cfg(test)]
mod tests;
