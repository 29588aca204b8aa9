//! Scalar functions the storage views need, registered as DataFusion UDFs (so a distributed
//! runtime can ship them by name). The KQL function catalog builds on the same mechanism.

mod json_member;

use datafusion::logical_expr::ScalarUDF;
use datafusion::prelude::SessionContext;

pub use json_member::{AuditEventJson, JsonMember};

/// Registers kqlhunt's UDFs in a session.
pub fn register_all(ctx: &SessionContext) {
    ctx.register_udf(ScalarUDF::from(JsonMember::new()));
    ctx.register_udf(ScalarUDF::from(AuditEventJson::new()));
}
