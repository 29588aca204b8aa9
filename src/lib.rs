//! kqlhunt: hunt threats in Kubernetes control-plane audit logs with KQL, on your own machine.
//!
//! The engine is this library; the `kqlhunt` binary, the REPL, the scheduler and the server all
//! call it. Stages (see `docs/architecture.md`):
//!
//! | stage | module |
//! |---|---|
//! | capture / JSON files → records → audit events → rows | [`ingest`] |
//! | rows → Arrow batches → Delta/Parquet lake | [`ingest::batch`], [`lake`] |
//! | lake → DataFusion tables and views | [`lake::Lake::session`], [`lake::views`] |
//! | KQL text → AST | [`syntax`] |
//! | AST → DataFusion logical plan | [`plan`] (functions: [`functions`]) |
//! | plan → results, `explain` | [`engine`] |
//! | documented KQL examples → pass rates | [`conformance`] |
//! | interactive hunting | [`repl`] |
//! | synthetic sample data | [`synth`] |

pub mod bench;
pub mod conformance;
pub mod demo;
pub mod diagnostic;
pub mod engine;
pub mod exec;
pub mod functions;
pub mod ingest;
pub mod lake;
pub mod plan;
pub mod repl;
pub mod syntax;
pub mod synth;
pub mod udf;
pub mod util;
pub mod value;
