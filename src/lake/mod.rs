//! The lake: Delta tables on local disk (through `object_store`), their commits, status and the
//! DataFusion session that reads them.
//!
//! Layout of a lake directory:
//! - `CloudAuditEvents/`: Delta table, partitioned by `EventDate`, zstd Parquet.
//! - `_deadletter/`: Delta table of everything that could not be ingested, with its reason.
//! - `_sources/`: Delta table describing each source file ingested.
//!
//! A source file counts as committed when the `CloudAuditEvents` commit that holds its events
//! carries a Delta `txn` action with app id `kqlhunt-source-<sha256>` (atomic with the data).

pub mod schema;
pub mod status;
pub mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};
use datafusion::parquet::schema::types::ColumnPath;
use datafusion::prelude::SessionContext;
use deltalake::kernel::engine::arrow_conversion::TryIntoKernel;
use deltalake::kernel::transaction::CommitBuilder;
use deltalake::kernel::{Action, Add, StructType, Transaction};
use deltalake::protocol::{DeltaOperation, SaveMode};
use deltalake::{DeltaTable, TableProperty};
use url::Url;

pub use schema::{CLOUD_AUDIT_EVENTS, DEAD_LETTER, EVENT_DATE, SOURCES};

/// App-id prefix of the `txn` action recording a committed source file.
pub const SOURCE_TXN_PREFIX: &str = "kqlhunt-source-";

/// Columns whose min/max statistics Delta records (file skipping).
const STATS_COLUMNS: &str = "Timestamp,DataSource,OperationName,_Verb,_Resource,_Subresource,_Namespace,_ResponseCode,_Username,_Stage";

/// An open lake.
pub struct Lake {
    root: PathBuf,
    pub events: DeltaTable,
    pub dead_letters: DeltaTable,
    pub sources: DeltaTable,
}

fn table_url(root: &Path, name: &str) -> Result<Url> {
    Url::from_directory_path(root.join(name))
        .map_err(|_| anyhow::anyhow!("invalid lake path {}", root.display()))
}

async fn open_or_create_table(
    root: &Path,
    name: &str,
    schema: SchemaRef,
    partitions: &[&str],
    config: Vec<(TableProperty, &str)>,
    create: bool,
) -> Result<DeltaTable> {
    let dir = root.join(name);
    if create {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    } else if !dir.join("_delta_log").is_dir() {
        anyhow::bail!(
            "{} is not a kqlhunt lake (no {name}/_delta_log); create one with `kqlhunt ingest <files> --lake {}`",
            root.display(),
            root.display()
        );
    }
    let table = DeltaTable::try_from_url(table_url(root, name)?).await?;
    if table.version().is_some() {
        return Ok(table);
    }
    let struct_type: StructType = schema.as_ref().try_into_kernel()?;
    let mut builder = table
        .create()
        .with_table_name(name)
        .with_columns(struct_type.fields().cloned())
        .with_partition_columns(partitions.iter().map(|p| p.to_string()));
    for (prop, value) in config {
        builder = builder.with_configuration_property(prop, Some(value));
    }
    Ok(builder.await?)
}

impl Lake {
    /// Opens the lake at `dir`, creating its tables if they do not exist.
    pub async fn open_or_create(dir: &Path) -> Result<Self> {
        Self::open_inner(dir, true).await
    }

    /// Opens an existing lake.
    pub async fn open(dir: &Path) -> Result<Self> {
        Self::open_inner(dir, false).await
    }

    async fn open_inner(dir: &Path, create: bool) -> Result<Self> {
        if create {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create lake {}", dir.display()))?;
        }
        let root =
            std::fs::canonicalize(dir).with_context(|| format!("no lake at {}", dir.display()))?;
        let events = open_or_create_table(
            &root,
            CLOUD_AUDIT_EVENTS,
            schema::cloud_audit_events_schema(),
            &[EVENT_DATE],
            vec![
                (TableProperty::DataSkippingStatsColumns, STATS_COLUMNS),
                (TableProperty::CheckpointInterval, "20"),
            ],
            create,
        )
        .await?;
        let dead_letters = open_or_create_table(
            &root,
            DEAD_LETTER,
            schema::dead_letter_schema(),
            &[],
            vec![],
            create,
        )
        .await?;
        let sources = open_or_create_table(
            &root,
            SOURCES,
            schema::sources_schema(),
            &[],
            vec![],
            create,
        )
        .await?;
        Ok(Self {
            root,
            events,
            dead_letters,
            sources,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Has a source file with this content hash been committed?
    pub async fn is_source_committed(&self, sha256: &str) -> Result<bool> {
        let snapshot = self.events.snapshot()?;
        let v = snapshot
            .transaction_version(
                self.events.log_store().as_ref(),
                format!("{SOURCE_TXN_PREFIX}{sha256}"),
            )
            .await?;
        Ok(v.is_some())
    }

    /// Reloads every table's state.
    pub async fn refresh(&mut self) -> Result<()> {
        self.events.update_state().await?;
        self.dead_letters.update_state().await?;
        self.sources.update_state().await?;
        Ok(())
    }

    /// A DataFusion session with the lake's tables, the Log Analytics views and kqlhunt's UDFs.
    pub async fn session(&self) -> Result<SessionContext> {
        let ctx = new_session();
        for table in [&self.events, &self.dead_letters, &self.sources] {
            table.update_datafusion_session(&ctx.state())?;
        }
        ctx.register_table(
            CLOUD_AUDIT_EVENTS,
            self.events
                .table_provider()
                .with_session(Arc::new(provider_defaults()))
                .await?,
        )?;
        ctx.register_table(DEAD_LETTER, self.dead_letters.table_provider().await?)?;
        ctx.register_table(SOURCES, self.sources.table_provider().await?)?;
        views::register(&ctx).await?;
        Ok(ctx)
    }
}

/// The session the events table's provider takes its scan defaults from: no Parquet predicate of
/// its own. The provider still skips files on the Delta statistics of the filters, and the
/// session's physical filter pushdown moves the `Filter` above the scan into the Parquet reader
/// (row-group pruning, late materialisation). With the provider's own predicate as well, every
/// filter reached the reader twice and was evaluated twice per row (JSON paths included).
fn provider_defaults() -> datafusion::execution::SessionState {
    let config = datafusion::prelude::SessionConfig::new()
        .set_bool("datafusion.execution.parquet.pushdown_filters", false);
    datafusion::execution::SessionStateBuilder::new()
        .with_config(config)
        .build()
}

/// A DataFusion session configured for kqlhunt (UDFs registered).
pub fn new_session() -> SessionContext {
    let config = datafusion::prelude::SessionConfig::new()
        .with_information_schema(true)
        .set_bool("datafusion.execution.parquet.pushdown_filters", true)
        .set_bool("datafusion.execution.parquet.reorder_filters", true)
        // The reader's cache of filter columns for the projection copies every value the
        // filters read, `RawEventData` included; without it the cluster-admin-binding hunt
        // takes 150 instead of 270 ms at 10M events and the deployment-deletions report 175
        // instead of 220 ms (`kqlhunt bench hunts`, docs/performance.md).
        .set_usize("datafusion.execution.parquet.max_predicate_cache_size", 0);
    let state = datafusion::execution::SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .with_query_planner(Arc::new(crate::exec::KqlQueryPlanner))
        .build();
    let ctx = SessionContext::new_with_state(state);
    crate::udf::register_all(&ctx);
    ctx
}

/// Parquet settings for event files: zstd, statistics for pruning, no dictionary or statistics
/// on the big unique JSON columns.
pub fn event_writer_properties() -> WriterProperties {
    let mut b = WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(1).expect("valid zstd level"),
        ))
        .set_max_row_group_row_count(Some(32 * 1024))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_created_by(format!("kqlhunt {}", env!("CARGO_PKG_VERSION")));
    for col in [
        "RawEventData",
        "AdditionalFields",
        "ReportId",
        "_AuditId",
        "_RequestUri",
        "_SourcePosition",
        "ResourceId",
    ] {
        b = b.set_column_dictionary_enabled(ColumnPath::from(col), false);
    }
    for col in ["RawEventData", "AdditionalFields", "_SourcePosition"] {
        b = b.set_column_statistics_enabled(ColumnPath::from(col), EnabledStatistics::None);
    }
    b.build()
}

/// Parquet settings for the small register tables.
pub fn small_writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(3).expect("valid zstd level"),
        ))
        .build()
}

/// Commits `adds` (and `txns`) to `table` as one append. Returns the new version.
pub async fn commit_append(
    table: &mut DeltaTable,
    adds: Vec<Add>,
    txns: Vec<Transaction>,
    partition_by: Option<Vec<String>>,
    app_metadata: HashMap<String, serde_json::Value>,
) -> Result<Option<i64>> {
    if adds.is_empty() && txns.is_empty() {
        return Ok(None);
    }
    let mut actions: Vec<Action> = adds.into_iter().map(Action::Add).collect();
    actions.extend(txns.into_iter().map(Action::Txn));
    let operation = DeltaOperation::Write {
        mode: SaveMode::Append,
        partition_by,
        predicate: None,
    };
    let snapshot = table.snapshot()?;
    let committed = CommitBuilder::default()
        .with_actions(actions)
        .with_app_metadata(app_metadata)
        .build(Some(snapshot), table.log_store(), operation)
        .await?;
    let version = committed.version();
    table.update_state().await?;
    Ok(Some(version as i64))
}

/// Shared handle to an open lake.
pub type LakeRef = Arc<tokio::sync::RwLock<Lake>>;
