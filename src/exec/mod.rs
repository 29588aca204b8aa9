//! Execution stage: physical operators for KQL operators that DataFusion's own plan nodes cannot
//! express (sequential state machines, graphs).
//!
//! Each such operator is a `UserDefinedLogicalNode` built by the planner and turned into an
//! `ExecutionPlan` by an [`ExtensionPlanner`] listed in [`extension_planners`]. The session's
//! [`KqlQueryPlanner`] is DataFusion's default planner with these extensions added, so every other
//! node is planned exactly as DataFusion would.

pub mod graph;
pub mod scan;

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::catalog::Session;
use datafusion::error::Result;
use datafusion::execution::context::QueryPlanner;
use datafusion::logical_expr::LogicalPlan;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_planner::{DefaultPhysicalPlanner, ExtensionPlanner, PhysicalPlanner};

/// The extension planners of kqlhunt's own logical nodes: one entry per node family.
pub fn extension_planners() -> Vec<Arc<dyn ExtensionPlanner + Send + Sync>> {
    vec![Arc::new(scan::ScanPlanner), Arc::new(graph::GraphPlanner)]
}

/// DataFusion's default physical planner plus kqlhunt's extension planners.
#[derive(Debug, Default)]
pub struct KqlQueryPlanner;

#[async_trait]
impl QueryPlanner for KqlQueryPlanner {
    async fn create_physical_plan(
        &self,
        logical_plan: &LogicalPlan,
        session: &dyn Session,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        DefaultPhysicalPlanner::with_extension_planners(extension_planners())
            .create_physical_plan(logical_plan, session)
            .await
    }
}

/// A logical expression as a physical one, simplified first as DataFusion's optimizer would
/// have (some built-ins, `coalesce` among them, are only executable after that).
pub(crate) fn physical(
    session: &dyn Session,
    e: &datafusion::logical_expr::Expr,
    schema: &datafusion::common::DFSchema,
) -> Result<Arc<dyn datafusion::physical_plan::PhysicalExpr>> {
    let context = datafusion::logical_expr::simplify::SimplifyContext::builder()
        .with_schema(Arc::new(schema.clone()))
        .build();
    let simplified = datafusion::optimizer::simplify_expressions::ExprSimplifier::new(context)
        .simplify(e.clone())?;
    session.create_physical_expr(simplified, schema)
}
