//! The tables a query can name. The planner only needs to look a table up by name and to list
//! the names (for "did you mean"); [`SessionCatalog`] answers from a DataFusion session.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::datasource::provider_as_source;
use datafusion::error::Result;
use datafusion::logical_expr::TableSource;
use datafusion::prelude::SessionContext;

/// What the planner knows of tables, like DataFusion's `ContextProvider` for `SqlToRel`.
pub trait Catalog {
    /// The table with exactly this name (KQL names are case-sensitive).
    fn table(&self, name: &str) -> Option<Arc<dyn TableSource>>;
    /// Every table name, for suggestions.
    fn table_names(&self) -> Vec<String>;
}

/// The tables (and views) of a session's default schema, resolved up front so that planning
/// itself is synchronous.
///
/// DataFusion lower-cases a table name registered from a string (`register_table("AKSAudit")`
/// stores `aksaudit`); KQL names are case-sensitive, so the lake's own tables and views get their
/// names back ([`KNOWN_TABLES`]). A table registered with `TableReference::bare` keeps its case.
#[derive(Default)]
pub struct SessionCatalog {
    tables: BTreeMap<String, Arc<dyn TableSource>>,
}

/// The names of the lake's tables and views, as KQL writes them.
pub const KNOWN_TABLES: &[&str] = &[
    crate::lake::schema::CLOUD_AUDIT_EVENTS,
    crate::lake::schema::DEAD_LETTER,
    crate::lake::schema::SOURCES,
    crate::lake::views::AKS_AUDIT,
    crate::lake::views::AKS_AUDIT_ADMIN,
    crate::lake::views::AZURE_DIAGNOSTICS,
];

/// The KQL name of a registered table.
fn kql_name(registered: &str) -> String {
    KNOWN_TABLES
        .iter()
        .find(|known| known.to_lowercase() == registered)
        .map_or_else(|| registered.to_string(), |known| known.to_string())
}

impl SessionCatalog {
    /// Resolves every table of the session's default catalog and schema.
    pub async fn new(ctx: &SessionContext) -> Result<Self> {
        let (catalog_name, schema_name) = {
            let state = ctx.state();
            let options = &state.config().options().catalog;
            (
                options.default_catalog.clone(),
                options.default_schema.clone(),
            )
        };
        let mut tables = BTreeMap::new();
        let schema = ctx
            .catalog(&catalog_name)
            .and_then(|catalog| catalog.schema(&schema_name));
        if let Some(schema) = schema {
            for name in schema.table_names() {
                if let Some(provider) = schema.table(&name).await? {
                    tables.insert(kql_name(&name), provider_as_source(provider));
                }
            }
        }
        Ok(SessionCatalog { tables })
    }
}

impl Catalog for SessionCatalog {
    fn table(&self, name: &str) -> Option<Arc<dyn TableSource>> {
        self.tables.get(name).cloned()
    }

    fn table_names(&self) -> Vec<String> {
        self.tables.keys().cloned().collect()
    }
}
