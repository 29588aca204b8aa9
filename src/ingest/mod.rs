//! `kqlhunt ingest`: source files to `CloudAuditEvents` rows in the lake.
//!
//! Stages (see `docs/architecture.md`): discover files → hash and skip committed ones → read
//! (capture Avro / gzip / JSON lines / JSON document) → dispatch each item to its mapping
//! (`dispatch`, `audit`, `gke`) → dedup → Arrow batches per event date (`batch`) → Parquet files
//! written by Delta's streaming writer → one commit per table.
//!
//! Parsing runs on `threads` worker threads, encoding on as many writer threads; they are joined
//! by bounded channels, so memory stays flat however large the input is.

pub mod audit;
pub mod batch;
pub mod capture;
pub mod dedup;
pub mod dispatch;
pub mod gke;
pub mod json;
mod pipeline;
pub mod row;
pub mod source;

pub use pipeline::{FileSummary, IngestOptions, IngestSummary, SourceHint, run};

/// `DataSource` of AKS rows (as Microsoft's sample hunts filter on it).
pub const DS_AKS: &str = "Azure Kubernetes Service";
/// `DataSource` of EKS rows.
pub const DS_EKS: &str = "Amazon EKS";
/// `DataSource` of GKE rows.
pub const DS_GKE: &str = "Google Kubernetes Engine";
/// `DataSource` of rows from any other kube-apiserver (on-premises).
pub const DS_KUBERNETES: &str = "Kubernetes";
/// `DataSource` of Azure Resource Manager activity rows.
pub const DS_ARM: &str = "Azure Resource Manager";
/// `DataSource` of GCP audit rows that are not Kubernetes.
pub const DS_GCP: &str = "Google Cloud Platform";
