//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::DataType;
use datafusion::prelude::{Expr, ident, lit};
use kqlhunt::ingest::{self, IngestOptions, IngestSummary};
use kqlhunt::lake::Lake;

/// `../shared/` beside the project, if present.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared");
    p.is_dir().then_some(p)
}

pub async fn ingest(inputs: &[&Path], lake: &Path) -> IngestSummary {
    ingest::run(IngestOptions {
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        lake: lake.to_path_buf(),
        threads: 2,
        ..Default::default()
    })
    .await
    .expect("ingest runs")
}

/// Collects one string column of `table` (filtered) as strings.
pub async fn strings(
    lake: &Path,
    table: &str,
    column: &str,
    filter: Option<Expr>,
) -> Vec<Option<String>> {
    let lake = Lake::open(lake).await.expect("lake opens");
    let ctx = lake.session().await.expect("session");
    let mut df = ctx.table(table).await.expect("table");
    if let Some(f) = filter {
        df = df.filter(f).expect("filter");
    }
    let batches: Vec<RecordBatch> = df
        .select(vec![ident(column)])
        .expect("select")
        .collect()
        .await
        .expect("collect");
    let mut out = Vec::new();
    for b in batches {
        let col = datafusion::arrow::compute::cast(b.column(0), &DataType::Utf8).expect("cast");
        let s = col.as_string::<i32>();
        for i in 0..s.len() {
            out.push((!s.is_null(i)).then(|| s.value(i).to_string()));
        }
    }
    out
}

pub async fn count(lake: &Path, table: &str, filter: Option<Expr>) -> usize {
    let lake = Lake::open(lake).await.expect("lake opens");
    let ctx = lake.session().await.expect("session");
    let mut df = ctx.table(table).await.expect("table");
    if let Some(f) = filter {
        df = df.filter(f).expect("filter");
    }
    df.count().await.expect("count")
}

pub fn eq(column: &str, value: &str) -> Expr {
    ident(column).eq(lit(value.to_string()))
}

/// Dead letters as (file name, position, reason).
pub async fn dead_letters(lake: &Path) -> Vec<(String, String, String)> {
    let files = strings(lake, "_deadletter", "SourceFile", None).await;
    let pos = strings(lake, "_deadletter", "Position", None).await;
    let reasons = strings(lake, "_deadletter", "Reason", None).await;
    let mut out: Vec<_> = files
        .into_iter()
        .zip(pos)
        .zip(reasons)
        .map(|((f, p), r)| {
            let f = f.unwrap_or_default();
            let name = f.rsplit('/').next().unwrap_or("").to_string();
            (name, p.unwrap_or_default(), r.unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}
