//! Builds `CloudAuditEvents` Arrow record batches from rows.

use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Int32Builder, RecordBatch, StringBuilder, TimestampMicrosecondBuilder,
};

use super::row::Row;
use crate::lake::schema::{UTC, cloud_audit_events_schema};

/// Column builders for one batch (all rows of one `EventDate`).
pub struct EventBatchBuilder {
    date: String,
    len: usize,
    timestamp: TimestampMicrosecondBuilder,
    report_id: StringBuilder,
    data_source: StringBuilder,
    action_type: StringBuilder,
    operation_name: StringBuilder,
    resource_id: StringBuilder,
    azure_resource_id: StringBuilder,
    aws_resource_name: StringBuilder,
    gcp_full_resource_name: StringBuilder,
    account: StringBuilder,
    audit_source: StringBuilder,
    ip_address: StringBuilder,
    is_anonymous_proxy: BooleanBuilder,
    country_code: StringBuilder,
    city: StringBuilder,
    isp: StringBuilder,
    user_agent: StringBuilder,
    raw_event_data: StringBuilder,
    additional_fields: StringBuilder,
    tenant_id: StringBuilder,
    time_generated: TimestampMicrosecondBuilder,
    source_system: StringBuilder,
    type_: StringBuilder,
    verb: StringBuilder,
    resource: StringBuilder,
    subresource: StringBuilder,
    namespace: StringBuilder,
    name: StringBuilder,
    api_group: StringBuilder,
    api_version: StringBuilder,
    response_code: Int32Builder,
    username: StringBuilder,
    impersonated_user: StringBuilder,
    stage: StringBuilder,
    level: StringBuilder,
    audit_id: StringBuilder,
    request_uri: StringBuilder,
    request_received: TimestampMicrosecondBuilder,
    source_cluster: StringBuilder,
    category: StringBuilder,
    pod_name: StringBuilder,
    source_file: StringBuilder,
    source_position: StringBuilder,
    raw_bytes: usize,
    /// Sizes of the last finished batch, to pre-size the big builders of the next one.
    last_rows: usize,
    last_raw: usize,
    last_additional: usize,
}

fn ts() -> TimestampMicrosecondBuilder {
    TimestampMicrosecondBuilder::new().with_timezone(UTC)
}

impl EventBatchBuilder {
    pub fn new(date: String) -> Self {
        Self {
            date,
            len: 0,
            timestamp: ts(),
            report_id: StringBuilder::new(),
            data_source: StringBuilder::new(),
            action_type: StringBuilder::new(),
            operation_name: StringBuilder::new(),
            resource_id: StringBuilder::new(),
            azure_resource_id: StringBuilder::new(),
            aws_resource_name: StringBuilder::new(),
            gcp_full_resource_name: StringBuilder::new(),
            account: StringBuilder::new(),
            audit_source: StringBuilder::new(),
            ip_address: StringBuilder::new(),
            is_anonymous_proxy: BooleanBuilder::new(),
            country_code: StringBuilder::new(),
            city: StringBuilder::new(),
            isp: StringBuilder::new(),
            user_agent: StringBuilder::new(),
            raw_event_data: StringBuilder::new(),
            additional_fields: StringBuilder::new(),
            tenant_id: StringBuilder::new(),
            time_generated: ts(),
            source_system: StringBuilder::new(),
            type_: StringBuilder::new(),
            verb: StringBuilder::new(),
            resource: StringBuilder::new(),
            subresource: StringBuilder::new(),
            namespace: StringBuilder::new(),
            name: StringBuilder::new(),
            api_group: StringBuilder::new(),
            api_version: StringBuilder::new(),
            response_code: Int32Builder::new(),
            username: StringBuilder::new(),
            impersonated_user: StringBuilder::new(),
            stage: StringBuilder::new(),
            level: StringBuilder::new(),
            audit_id: StringBuilder::new(),
            request_uri: StringBuilder::new(),
            request_received: ts(),
            source_cluster: StringBuilder::new(),
            category: StringBuilder::new(),
            pod_name: StringBuilder::new(),
            source_file: StringBuilder::new(),
            source_position: StringBuilder::new(),
            raw_bytes: 0,
            last_rows: 0,
            last_raw: 0,
            last_additional: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Approximate bytes buffered (dominated by `RawEventData`).
    pub fn bytes(&self) -> usize {
        self.raw_bytes
    }

    pub fn date(&self) -> &str {
        &self.date
    }

    pub fn append(&mut self, row: &Row<'_>, source_file: &str) {
        self.len += 1;
        self.raw_bytes +=
            row.raw_event_data.len() + row.additional_fields.as_ref().map_or(0, |a| a.len()) + 256;
        self.timestamp.append_option(row.timestamp);
        self.report_id.append_value(row.report_id());
        self.data_source.append_value(row.data_source);
        self.action_type.append_value(row.action_type);
        self.operation_name
            .append_option(row.operation_name.as_deref());
        self.resource_id.append_option(row.resource_id.as_deref());
        self.azure_resource_id
            .append_option(row.azure_resource_id.as_deref());
        self.aws_resource_name
            .append_option(row.aws_resource_name.as_deref());
        self.gcp_full_resource_name
            .append_option(row.gcp_full_resource_name.as_deref());
        self.account.append_option(row.account.as_deref());
        self.audit_source.append_value(row.audit_source);
        self.ip_address.append_option(row.ip_address.as_deref());
        self.is_anonymous_proxy.append_null();
        self.country_code.append_null();
        self.city.append_null();
        self.isp.append_null();
        self.user_agent.append_option(row.user_agent.as_deref());
        self.raw_event_data.append_value(&row.raw_event_data);
        self.additional_fields
            .append_option(row.additional_fields.as_deref());
        self.tenant_id.append_null();
        self.time_generated.append_option(row.time_generated);
        self.source_system.append_value("kqlhunt");
        self.type_.append_value("CloudAuditEvents");
        self.verb.append_option(row.verb.as_deref());
        self.resource.append_option(row.resource.as_deref());
        self.subresource.append_option(row.subresource.as_deref());
        self.namespace.append_option(row.namespace.as_deref());
        self.name.append_option(row.name.as_deref());
        self.api_group.append_option(row.api_group.as_deref());
        self.api_version.append_option(row.api_version.as_deref());
        self.response_code.append_option(row.response_code);
        self.username.append_option(row.username.as_deref());
        self.impersonated_user
            .append_option(row.impersonated_user.as_deref());
        self.stage.append_option(row.stage.as_deref());
        self.level.append_option(row.level.as_deref());
        self.audit_id.append_option(row.audit_id.as_deref());
        self.request_uri.append_option(row.request_uri.as_deref());
        self.request_received.append_option(row.request_received);
        self.source_cluster
            .append_option(row.source_cluster.as_deref());
        self.category.append_option(row.category.as_deref());
        self.pod_name.append_option(row.pod_name.as_deref());
        self.source_file.append_value(source_file);
        self.source_position.append_value(&row.position);
    }

    /// Finishes the batch (the builder is left empty, ready for more rows of the same date).
    pub fn finish(&mut self) -> RecordBatch {
        let n = self.len;
        self.last_rows = n;
        self.last_raw = self.raw_event_data.values_slice().len();
        self.last_additional = self.additional_fields.values_slice().len();
        let date = {
            let mut b = StringBuilder::with_capacity(n, n * self.date.len());
            for _ in 0..n {
                b.append_value(&self.date);
            }
            b
        };
        let mut date = date;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.timestamp.finish()),
            Arc::new(self.report_id.finish()),
            Arc::new(self.data_source.finish()),
            Arc::new(self.action_type.finish()),
            Arc::new(self.operation_name.finish()),
            Arc::new(self.resource_id.finish()),
            Arc::new(self.azure_resource_id.finish()),
            Arc::new(self.aws_resource_name.finish()),
            Arc::new(self.gcp_full_resource_name.finish()),
            Arc::new(self.account.finish()),
            Arc::new(self.audit_source.finish()),
            Arc::new(self.ip_address.finish()),
            Arc::new(self.is_anonymous_proxy.finish()),
            Arc::new(self.country_code.finish()),
            Arc::new(self.city.finish()),
            Arc::new(self.isp.finish()),
            Arc::new(self.user_agent.finish()),
            Arc::new(self.raw_event_data.finish()),
            Arc::new(self.additional_fields.finish()),
            Arc::new(self.tenant_id.finish()),
            Arc::new(self.time_generated.finish()),
            Arc::new(self.source_system.finish()),
            Arc::new(self.type_.finish()),
            Arc::new(self.verb.finish()),
            Arc::new(self.resource.finish()),
            Arc::new(self.subresource.finish()),
            Arc::new(self.namespace.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.api_group.finish()),
            Arc::new(self.api_version.finish()),
            Arc::new(self.response_code.finish()),
            Arc::new(self.username.finish()),
            Arc::new(self.impersonated_user.finish()),
            Arc::new(self.stage.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.audit_id.finish()),
            Arc::new(self.request_uri.finish()),
            Arc::new(self.request_received.finish()),
            Arc::new(self.source_cluster.finish()),
            Arc::new(self.category.finish()),
            Arc::new(self.pod_name.finish()),
            Arc::new(self.source_file.finish()),
            Arc::new(self.source_position.finish()),
            Arc::new(date.finish()),
        ];
        self.len = 0;
        self.raw_bytes = 0;
        // `finish` leaves empty builders: give the big ones the last batch's size so the next
        // batch does not grow (and copy) them again and again.
        self.raw_event_data = StringBuilder::with_capacity(self.last_rows, self.last_raw);
        self.additional_fields = StringBuilder::with_capacity(self.last_rows, self.last_additional);
        RecordBatch::try_new(cloud_audit_events_schema(), columns)
            .expect("batch columns follow the CloudAuditEvents schema")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn builds_a_batch_matching_the_schema() {
        let mut b = EventBatchBuilder::new("2026-11-20".into());
        let row = Row {
            timestamp: Some(1),
            identity: 42,
            data_source: "Kubernetes",
            action_type: "Read",
            operation_name: Some(Cow::Borrowed("get")),
            raw_event_data: "{}".into(),
            response_code: Some(200),
            position: Cow::Borrowed("line 1"),
            ..Default::default()
        };
        b.append(&row, "file:///x");
        b.append(&row, "file:///x");
        let batch = b.finish();
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.schema(), cloud_audit_events_schema());
        assert!(b.is_empty());
        assert_eq!(b.finish().num_rows(), 0);
    }
}
