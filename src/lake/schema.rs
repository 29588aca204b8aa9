//! Arrow schemas of the tables kqlhunt stores, and of the dead-letter and source registers.
//!
//! `CloudAuditEvents` follows Defender XDR's documented columns (plus `AzureResourceId`, `Account` and
//! the other columns published queries use), then the *promoted* columns: typed copies of the
//! `RawEventData` paths hunts filter on, always derived from the same parsed event, so a filter on
//! `RawEventData.ObjectRef.resource` can be answered from `_Resource` without parsing JSON. Promoted
//! columns start with `_` (KQL's convention for system columns). See `docs/storage.md`.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// Name of the main table.
pub const CLOUD_AUDIT_EVENTS: &str = "CloudAuditEvents";
/// The dead-letter table: every item that could not be ingested, with its reason.
pub const DEAD_LETTER: &str = "_deadletter";
/// The register of source files ingested.
pub const SOURCES: &str = "_sources";
/// The partition column of `CloudAuditEvents` (UTC event date, `YYYY-MM-DD`).
pub const EVENT_DATE: &str = "EventDate";

/// Field metadata key carrying the KQL type of a column whose Arrow type does not say it all.
pub const KQL_TYPE_KEY: &str = "kqlhunt.kql_type";

/// The time zone used by every stored timestamp.
pub const UTC: &str = "UTC";

/// Arrow type of a KQL `datetime` as stored (Delta's timestamp is microsecond precision).
pub fn datetime_type() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some(UTC.into()))
}

fn string(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

/// A `dynamic` column: JSON text in a UTF-8 column, marked in the field metadata.
fn dynamic(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true).with_metadata(HashMap::from([(
        KQL_TYPE_KEY.to_string(),
        "dynamic".to_string(),
    )]))
}

fn datetime(name: &str) -> Field {
    Field::new(name, datetime_type(), true)
}

/// A promoted column: where it comes from in `RawEventData` (for docs and for the planner).
#[derive(Debug, Clone, Copy)]
pub struct Promoted {
    /// Column name in `CloudAuditEvents`.
    pub column: &'static str,
    /// The `RawEventData` path it mirrors, as a KQL path (`None`: not a RawEventData path).
    pub raw_path: Option<&'static str>,
    /// What it holds.
    pub doc: &'static str,
}

/// The promoted columns, in table order.
pub const PROMOTED: &[Promoted] = &[
    Promoted {
        column: "_Verb",
        raw_path: Some("RawEventData.Verb"),
        doc: "Kubernetes verb (also OperationName for Kubernetes rows)",
    },
    Promoted {
        column: "_Resource",
        raw_path: Some("RawEventData.ObjectRef.resource"),
        doc: "resource type, e.g. pods",
    },
    Promoted {
        column: "_Subresource",
        raw_path: Some("RawEventData.ObjectRef.subresource"),
        doc: "subresource, e.g. exec; null when absent",
    },
    Promoted {
        column: "_Namespace",
        raw_path: Some("RawEventData.ObjectRef.namespace"),
        doc: "namespace of the object",
    },
    Promoted {
        column: "_Name",
        raw_path: Some("RawEventData.ObjectRef.name"),
        doc: "name of the object",
    },
    Promoted {
        column: "_ApiGroup",
        raw_path: Some("RawEventData.ObjectRef.apiGroup"),
        doc: "API group of the object",
    },
    Promoted {
        column: "_ApiVersion",
        raw_path: Some("RawEventData.ObjectRef.apiVersion"),
        doc: "API version of the object",
    },
    Promoted {
        column: "_ResponseCode",
        raw_path: Some("RawEventData.ResponseStatus.code"),
        doc: "HTTP response code (int)",
    },
    Promoted {
        column: "_Username",
        raw_path: Some("RawEventData.User.username"),
        doc: "authenticated user name",
    },
    Promoted {
        column: "_ImpersonatedUser",
        raw_path: Some("RawEventData.ImpersonatedUser.username"),
        doc: "impersonated user name, if any",
    },
    Promoted {
        column: "_Stage",
        raw_path: Some("RawEventData.Stage"),
        doc: "audit stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)",
    },
    Promoted {
        column: "_Level",
        raw_path: Some("RawEventData.Level"),
        doc: "audit level (Metadata, Request, RequestResponse)",
    },
    Promoted {
        column: "_AuditId",
        raw_path: Some("RawEventData.AuditID"),
        doc: "audit ID (shared by the stages of one request)",
    },
    Promoted {
        column: "_RequestUri",
        raw_path: Some("RawEventData.RequestURI"),
        doc: "request URI with query string",
    },
    Promoted {
        column: "_RequestReceivedTime",
        raw_path: Some("RawEventData.RequestReceivedTimestamp"),
        doc: "when the API server received the request",
    },
    Promoted {
        column: "_SourceCluster",
        raw_path: None,
        doc: "cluster the event came from (ARM id, EKS ARN/name, GKE resource name, or --cluster)",
    },
    Promoted {
        column: "_Category",
        raw_path: None,
        doc: "diagnostic category (kube-audit, kube-audit-admin, Administrative, ...)",
    },
    Promoted {
        column: "_PodName",
        raw_path: None,
        doc: "API server pod that emitted the record (AKS)",
    },
    Promoted {
        column: "_SourceFile",
        raw_path: None,
        doc: "URL of the file the event was ingested from",
    },
    Promoted {
        column: "_SourcePosition",
        raw_path: None,
        doc: "position in that file (Avro block/record/body record, or line)",
    },
];

fn promoted_field(p: &Promoted) -> Field {
    match p.column {
        "_ResponseCode" => Field::new(p.column, DataType::Int32, true),
        "_RequestReceivedTime" => datetime(p.column),
        _ => string(p.column),
    }
}

/// The documented and published columns of `CloudAuditEvents`, in order.
pub const DOCUMENTED_COLUMNS: &[&str] = &[
    "Timestamp",
    "ReportId",
    "DataSource",
    "ActionType",
    "OperationName",
    "ResourceId",
    "AzureResourceId",
    "AwsResourceName",
    "GcpFullResourceName",
    "Account",
    "AuditSource",
    "IPAddress",
    "IsAnonymousProxy",
    "CountryCode",
    "City",
    "Isp",
    "UserAgent",
    "RawEventData",
    "AdditionalFields",
    "TenantId",
    "TimeGenerated",
    "SourceSystem",
    "Type",
];

static CLOUD_AUDIT_EVENTS_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let mut fields: Vec<Field> = DOCUMENTED_COLUMNS
        .iter()
        .map(|name| match *name {
            "Timestamp" | "TimeGenerated" => datetime(name),
            "ReportId" => Field::new(*name, DataType::Utf8, false),
            "IsAnonymousProxy" => Field::new(*name, DataType::Boolean, true),
            "RawEventData" | "AdditionalFields" => dynamic(name),
            _ => string(name),
        })
        .collect();
    fields.extend(PROMOTED.iter().map(promoted_field));
    fields.push(Field::new(EVENT_DATE, DataType::Utf8, false));
    Arc::new(Schema::new(fields))
});

/// Arrow schema of `CloudAuditEvents` as stored (documented columns, promoted columns, partition).
pub fn cloud_audit_events_schema() -> SchemaRef {
    CLOUD_AUDIT_EVENTS_SCHEMA.clone()
}

static DEAD_LETTER_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("DeadLetterId", DataType::Utf8, false),
        datetime("IngestedAt"),
        string("RunId"),
        string("SourceFile"),
        string("SourceSha256"),
        string("Position"),
        string("Stage"),
        string("Reason"),
        Field::new("Payload", DataType::Binary, true),
        Field::new("PayloadBytes", DataType::Int64, true),
    ]))
});

/// Arrow schema of the dead-letter table.
pub fn dead_letter_schema() -> SchemaRef {
    DEAD_LETTER_SCHEMA.clone()
}

static SOURCES_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new("SourceFile", DataType::Utf8, false),
        Field::new("Sha256", DataType::Utf8, false),
        Field::new("Bytes", DataType::Int64, false),
        string("Format"),
        string("RunId"),
        datetime("IngestedAt"),
        Field::new("Events", DataType::Int64, false),
        Field::new("Duplicates", DataType::Int64, false),
        Field::new("NonAudit", DataType::Int64, false),
        Field::new("DeadLetters", DataType::Int64, false),
    ]))
});

/// Arrow schema of the source register.
pub fn sources_schema() -> SchemaRef {
    SOURCES_SCHEMA.clone()
}

/// Index of a column in the `CloudAuditEvents` schema (panics on a typo: names are constants).
pub fn column_index(name: &str) -> usize {
    CLOUD_AUDIT_EVENTS_SCHEMA
        .index_of(name)
        .unwrap_or_else(|_| panic!("no column {name} in CloudAuditEvents"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_documented_then_promoted_then_partition() {
        let schema = cloud_audit_events_schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(&names[..DOCUMENTED_COLUMNS.len()], DOCUMENTED_COLUMNS);
        assert_eq!(names.last(), Some(&EVENT_DATE));
        assert_eq!(
            names.len(),
            DOCUMENTED_COLUMNS.len() + PROMOTED.len() + 1,
            "no duplicate or missing columns"
        );
        let raw = schema.field_with_name("RawEventData").unwrap();
        assert_eq!(
            raw.metadata().get(KQL_TYPE_KEY).map(String::as_str),
            Some("dynamic")
        );
        assert_eq!(
            schema.field_with_name("_ResponseCode").unwrap().data_type(),
            &DataType::Int32
        );
    }
}
