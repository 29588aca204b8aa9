//! Log Analytics / Sentinel table shapes as DataFusion views over `CloudAuditEvents`:
//! `AKSAudit`, `AKSAuditAdmin` (no `get`/`list`, what category kube-audit-admin holds) and
//! `AzureDiagnostics` (legacy: the audit event as a string in `log_s`).

use anyhow::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::functions::expr_fn::{coalesce, split_part};
use datafusion::logical_expr::Expr;
use datafusion::prelude::{DataFrame, SessionContext, ident, lit};

use super::schema::CLOUD_AUDIT_EVENTS;
use crate::ingest::DS_AKS;

pub const AKS_AUDIT: &str = "AKSAudit";
pub const AKS_AUDIT_ADMIN: &str = "AKSAuditAdmin";
pub const AZURE_DIAGNOSTICS: &str = "AzureDiagnostics";

/// Names of the views, for listings.
pub const VIEWS: &[&str] = &[AKS_AUDIT, AKS_AUDIT_ADMIN, AZURE_DIAGNOSTICS];

fn member(ctx: &SessionContext, key: &str) -> Result<Expr> {
    Ok(ctx
        .udf("json_member")?
        .call(vec![ident("RawEventData"), lit(key)]))
}

fn aks_rows(ctx: &SessionContext, base: DataFrame) -> Result<DataFrame> {
    let _ = ctx;
    Ok(base.filter(
        ident("DataSource")
            .eq(lit(DS_AKS))
            .and(ident("_Verb").is_not_null()),
    )?)
}

fn aks_audit_frame(ctx: &SessionContext, base: DataFrame, type_name: &str) -> Result<DataFrame> {
    let df = aks_rows(ctx, base)?;
    Ok(df.select(vec![
        member(ctx, "Annotations")?.alias("Annotations"),
        ident("_AuditId").alias("AuditId"),
        ident("_Level").alias("Level"),
        member(ctx, "ObjectRef")?.alias("ObjectRef"),
        ident("_PodName").alias("PodName"),
        member(ctx, "RequestObject")?.alias("RequestObject"),
        ident("_RequestReceivedTime").alias("RequestReceivedTime"),
        ident("_RequestUri").alias("RequestUri"),
        member(ctx, "ResponseObject")?.alias("ResponseObject"),
        member(ctx, "ResponseStatus")?.alias("ResponseStatus"),
        member(ctx, "SourceIPs")?.alias("SourceIps"),
        lit("Azure").alias("SourceSystem"),
        ident("_Stage").alias("Stage"),
        ident("Timestamp").alias("StageReceivedTime"),
        ident("TenantId"),
        coalesce(vec![ident("TimeGenerated"), ident("Timestamp")]).alias("TimeGenerated"),
        lit(type_name.to_string()).alias("Type"),
        member(ctx, "User")?.alias("User"),
        ident("UserAgent"),
        ident("_Verb").alias("Verb"),
        ident("_SourceCluster").alias("_ResourceId"),
        split_part(ident("_SourceCluster"), lit("/"), lit(3)).alias("_SubscriptionId"),
    ])?)
}

/// Registers the views in `ctx` (which must already hold `CloudAuditEvents`).
pub async fn register(ctx: &SessionContext) -> Result<()> {
    let base = ctx.table(CLOUD_AUDIT_EVENTS).await?;
    let audit = aks_audit_frame(ctx, base.clone(), AKS_AUDIT)?;
    ctx.register_table(AKS_AUDIT, audit.into_view())?;

    let admin = aks_audit_frame(
        ctx,
        base.clone().filter(
            ident("_Verb")
                .not_eq(lit("get"))
                .and(ident("_Verb").not_eq(lit("list"))),
        )?,
        AKS_AUDIT_ADMIN,
    )?;
    ctx.register_table(AKS_AUDIT_ADMIN, admin.into_view())?;

    let diag = aks_rows(ctx, base)?.select(vec![
        coalesce(vec![ident("TimeGenerated"), ident("Timestamp")]).alias("TimeGenerated"),
        ident("_Category").alias("Category"),
        ident("_SourceCluster").alias("ResourceId"),
        lit("Microsoft.ContainerService/managedClusters/diagnosticLogs/Read")
            .alias("OperationName"),
        ctx.udf("audit_event_json")?
            .call(vec![ident("RawEventData")])
            .alias("log_s"),
        ident("_PodName").alias("pod_s"),
        lit("Azure").alias("SourceSystem"),
        ident("TenantId"),
        lit(AZURE_DIAGNOSTICS).alias("Type"),
    ])?;
    ctx.register_table(AZURE_DIAGNOSTICS, diag.into_view())?;
    Ok(())
}
