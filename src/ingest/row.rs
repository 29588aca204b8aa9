//! The normalised row every source format is mapped to before it becomes Arrow data.

use std::borrow::Cow;

use xxhash_rust::xxh3::xxh3_128;

/// Where a row came from: the envelope around the event (capture message, AKS record, file).
#[derive(Debug, Clone, Default)]
pub struct Origin<'a> {
    /// `DataSource` of the rows.
    pub data_source: &'static str,
    /// `AuditSource`: the wire format the row was read from.
    pub audit_source: &'static str,
    /// Cluster identity (ARM id for AKS, ARN or name for EKS, resource name for GKE).
    pub cluster: Option<Cow<'a, str>>,
    /// Diagnostic category (`kube-audit`, `kube-audit-admin`, `Administrative`, ...).
    pub category: Option<Cow<'a, str>>,
    /// API server pod that emitted the record (AKS `properties.pod`).
    pub pod_name: Option<Cow<'a, str>>,
    /// Time of the envelope (AKS record `time`, capture enqueued time), micros: a fallback when
    /// the event carries no timestamp of its own.
    pub envelope_time: Option<i64>,
    /// Capture enqueued time, micros (the next fallback).
    pub enqueued_time: Option<i64>,
    /// JSON object text of the envelope's other fields, stored in `AdditionalFields`.
    pub additional_fields: Option<String>,
    /// Position within the source file.
    pub position: String,
    /// JSON of an unrecognised shape is foreign data (another producer on the same Event Hub),
    /// counted as non-audit rather than dead-lettered.
    pub foreign_json_is_non_audit: bool,
}

/// One `CloudAuditEvents` row, borrowing from the parsed text where it can.
#[derive(Debug, Default)]
pub struct Row<'a> {
    pub timestamp: Option<i64>,
    /// 128-bit identity of the event; `ReportId` is its hex form, dedup uses its low 64 bits.
    pub identity: u128,
    pub data_source: &'static str,
    pub action_type: &'static str,
    pub operation_name: Option<Cow<'a, str>>,
    pub resource_id: Option<Cow<'a, str>>,
    pub azure_resource_id: Option<Cow<'a, str>>,
    pub aws_resource_name: Option<Cow<'a, str>>,
    pub gcp_full_resource_name: Option<Cow<'a, str>>,
    pub account: Option<Cow<'a, str>>,
    pub audit_source: &'static str,
    pub ip_address: Option<Cow<'a, str>>,
    pub user_agent: Option<Cow<'a, str>>,
    pub raw_event_data: String,
    pub additional_fields: Option<Cow<'a, str>>,
    pub time_generated: Option<i64>,
    pub verb: Option<Cow<'a, str>>,
    pub resource: Option<Cow<'a, str>>,
    pub subresource: Option<Cow<'a, str>>,
    pub namespace: Option<Cow<'a, str>>,
    pub name: Option<Cow<'a, str>>,
    pub api_group: Option<Cow<'a, str>>,
    pub api_version: Option<Cow<'a, str>>,
    pub response_code: Option<i32>,
    pub username: Option<Cow<'a, str>>,
    pub impersonated_user: Option<Cow<'a, str>>,
    pub stage: Option<Cow<'a, str>>,
    pub level: Option<Cow<'a, str>>,
    pub audit_id: Option<Cow<'a, str>>,
    pub request_uri: Option<Cow<'a, str>>,
    pub request_received: Option<i64>,
    pub source_cluster: Option<Cow<'a, str>>,
    pub category: Option<Cow<'a, str>>,
    pub pod_name: Option<Cow<'a, str>>,
    pub position: Cow<'a, str>,
}

impl Row<'_> {
    /// `ReportId`: the identity as 32 lowercase hex digits.
    pub fn report_id(&self) -> String {
        format!("{:032x}", self.identity)
    }

    /// The key the lake deduplicates on.
    pub fn dedup_key(&self) -> u64 {
        self.identity as u64
    }
}

/// Identity of a Kubernetes event: (cluster, audit ID, stage) when it has an audit ID, else the
/// cluster and the event's whole text.
pub fn event_identity(
    cluster: &str,
    audit_id: Option<&str>,
    stage: Option<&str>,
    text: &str,
) -> u128 {
    let mut buf = Vec::with_capacity(cluster.len() + 64);
    buf.extend_from_slice(cluster.as_bytes());
    buf.push(0);
    match audit_id {
        Some(id) if !id.is_empty() => {
            buf.extend_from_slice(b"auditID\0");
            buf.extend_from_slice(id.as_bytes());
            buf.push(0);
            buf.extend_from_slice(stage.unwrap_or("").as_bytes());
        }
        _ => {
            buf.extend_from_slice(b"text\0");
            buf.extend_from_slice(text.as_bytes());
        }
    }
    xxh3_128(&buf)
}

/// The low 64 bits of a `ReportId`, as the dedup index holds them.
pub fn dedup_key_of_report_id(report_id: &str) -> Option<u64> {
    u128::from_str_radix(report_id, 16).ok().map(|v| v as u64)
}

/// `ActionType` for a Kubernetes verb.
pub fn action_type_for_verb(verb: &str) -> &'static str {
    match verb {
        "create" => "Create",
        "get" | "list" | "watch" => "Read",
        "update" | "patch" => "Update",
        "delete" | "deletecollection" => "Delete",
        _ => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_depends_on_cluster_audit_id_and_stage_only() {
        let a = event_identity("c1", Some("id-1"), Some("ResponseComplete"), "{...}");
        let b = event_identity("c1", Some("id-1"), Some("ResponseComplete"), "{other text}");
        assert_eq!(a, b, "same audit id and stage is the same event");
        assert_ne!(
            a,
            event_identity("c1", Some("id-1"), Some("RequestReceived"), "{...}")
        );
        assert_ne!(
            a,
            event_identity("c2", Some("id-1"), Some("ResponseComplete"), "{...}")
        );
        let t1 = event_identity("c1", None, None, "{\"a\":1}");
        assert_ne!(t1, event_identity("c1", None, None, "{\"a\":2}"));
        let row = Row {
            identity: a,
            ..Default::default()
        };
        assert_eq!(
            dedup_key_of_report_id(&row.report_id()),
            Some(row.dedup_key())
        );
    }
}
