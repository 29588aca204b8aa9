//! The promoted-path rewrite: `RawEventData.ObjectRef.resource` on `CloudAuditEvents` reads the
//! promoted column `_Resource` instead of parsing the event's JSON, so that filters on it reach
//! the Parquet scan (file and row-group statistics, late materialisation).
//!
//! The rewrite applies when the path is *exactly* a promoted column's `raw_path` (a path below
//! it still reads `RawEventData`), the base is the table's own `RawEventData` and the promoted
//! column of the same scan is still in scope. Only string and int promoted columns are used:
//! their values are exactly the JSON value (ingest validates the types, and stores an absent or
//! null property as null), so the result keeps the semantics of the dynamic value, which
//! [`Typed::native`] records: a string operator on `_ResponseCode` sees the number's decimal
//! text, `isnull()` sees a missing property as null, `tostring()` of a missing one is `""`.

use super::expr::Typed;
use super::scope::{Origin, Scope};
use crate::lake::schema::{CLOUD_AUDIT_EVENTS, PROMOTED};
use crate::syntax::ScalarType;

/// The column whose JSON the promoted columns mirror.
pub const RAW_EVENT_DATA: &str = "RawEventData";

/// The promoted column read for `root.keys...`, if the rewrite applies.
pub(crate) fn rewrite(scope: &Scope, root: &str, keys: &[&str]) -> Option<Typed> {
    let base = scope.get(root)?;
    let origin = base.origin.as_ref()?;
    if &*origin.table != CLOUD_AUDIT_EVENTS || &*origin.column != RAW_EVENT_DATA {
        return None;
    }
    let path = std::iter::once(RAW_EVENT_DATA)
        .chain(keys.iter().copied())
        .collect::<Vec<_>>()
        .join(".");
    let promoted = PROMOTED
        .iter()
        .find(|p| p.raw_path == Some(path.as_str()))?;
    let wanted = Origin {
        table: origin.table.clone(),
        column: promoted.column.into(),
        scan: origin.scan,
    };
    let entry = scope.by_origin(&wanted)?;
    let native = entry.value.ty;
    matches!(native, ScalarType::String | ScalarType::Int)
        .then(|| Typed::native_dynamic(entry.value.expr.clone(), native))
}
