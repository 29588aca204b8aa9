//! Recognises what a JSON document is (an Event Hubs body, an AKS record, an ARM activity record,
//! a Kubernetes audit event, a GKE `LogEntry`, a CloudWatch delivery, a `{"log": ...}` wrapper) and
//! routes it to the right mapping. Everything that cannot be mapped is dead-lettered with a reason.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::audit::{audit_row, infer_raw_data_source, looks_like_audit_event};
use super::gke;
use super::json::{BStr, RawObject, parse_timestamp_micros, push_json_string};
use super::row::{Origin, Row, event_identity};
use super::{DS_AKS, DS_ARM, DS_EKS};

/// Receives what the parsers produce.
pub trait Sink {
    /// A good row.
    fn row(&mut self, row: Row<'_>);
    /// An item that could not be ingested.
    fn dead_letter(&mut self, position: &str, stage: &'static str, reason: String, payload: &[u8]);
    /// A record that is valid but not audit data (klog lines of other categories, ...).
    fn non_audit(&mut self, position: &str);
}

const MAX_WRAP_DEPTH: usize = 4;

/// Handles one JSON document found at `origin.position`.
pub fn dispatch_json(text: &str, origin: &Origin<'_>, sink: &mut dyn Sink) {
    dispatch_depth(text, origin, sink, 0);
}

/// The shape of almost every Event Hubs body: parsed in one pass when it fits.
#[derive(Deserialize)]
struct RecordsBody<'a> {
    #[serde(borrow)]
    records: Vec<&'a RawValue>,
}

fn dispatch_depth(text: &str, origin: &Origin<'_>, sink: &mut dyn Sink, depth: usize) {
    if text.trim_start().starts_with("{\"records\"")
        && let Ok(body) = serde_json::from_str::<RecordsBody>(text)
    {
        return record_list(&body.records, origin, sink);
    }
    let obj = match RawObject::parse(text) {
        Ok(obj) => obj,
        Err(e) => {
            let reason = if text.trim_start().starts_with(['{', '[']) {
                format!("invalid JSON: {e}")
            } else {
                format!("not JSON: {e}")
            };
            sink.dead_letter(&origin.position, "json", reason, text.as_bytes());
            return;
        }
    };
    if let Some(records) = obj.get("records") {
        return body_records(records, &obj, text, origin, sink);
    }
    if obj.has("logEvents") && obj.has("messageType") {
        return cloudwatch(&obj, text, origin, sink);
    }
    if obj.has("protoPayload") {
        return match gke::log_entry_row(&obj, text, origin) {
            Ok(row) => sink.row(row),
            Err(reason) => sink.dead_letter(&origin.position, "gke", reason, text.as_bytes()),
        };
    }
    if obj.has("category") && (obj.has("properties") || obj.has("operationName")) {
        return azure_record(&obj, text, origin, sink);
    }
    if looks_like_audit_event(&obj) {
        let mut origin = origin.clone();
        if origin.data_source == super::DS_KUBERNETES
            && let Some(ds) = infer_raw_data_source(&obj)
        {
            origin.data_source = ds;
        }
        return match audit_row(&obj, text, &origin) {
            Ok(row) => sink.row(row),
            Err(reason) => {
                sink.dead_letter(&origin.position, "audit-event", reason, text.as_bytes())
            }
        };
    }
    if depth < MAX_WRAP_DEPTH
        && obj.entries.len() <= 8
        && let Some(inner) = obj.get("log")
    {
        // `{"log": ...}` wrappers (fluent-bit, docker json-file, test fixtures): unwrap.
        return match serde_json::from_str::<BStr>(inner.get()) {
            Ok(s) => dispatch_depth(&s.0, origin, sink, depth + 1),
            Err(_) => dispatch_depth(inner.get(), origin, sink, depth + 1),
        };
    }
    if obj.has("kind") || obj.has("verb") {
        // Claims to be an audit event but fails the shape test: say why.
        let reason = match audit_row(&obj, text, origin) {
            Err(reason) => reason,
            Ok(_) => "audit event without `verb`".to_string(),
        };
        sink.dead_letter(&origin.position, "audit-event", reason, text.as_bytes());
        return;
    }
    if origin.foreign_json_is_non_audit {
        return sink.non_audit(&origin.position);
    }
    let keys: Vec<&str> = obj
        .entries
        .iter()
        .take(8)
        .map(|(k, _)| k.as_ref())
        .collect();
    sink.dead_letter(
        &origin.position,
        "json",
        format!("unrecognised JSON document (keys: {})", keys.join(", ")),
        text.as_bytes(),
    );
}

/// `{"records": [...]}`: the body of an Azure diagnostic-settings message.
fn body_records(
    records: &RawValue,
    obj: &RawObject<'_>,
    text: &str,
    origin: &Origin<'_>,
    sink: &mut dyn Sink,
) {
    let _ = obj;
    match serde_json::from_str::<Vec<&RawValue>>(records.get()) {
        Ok(list) => record_list(&list, origin, sink),
        Err(e) => sink.dead_letter(
            &origin.position,
            "body",
            format!("`records` is not an array: {e}"),
            text.as_bytes(),
        ),
    }
}

fn record_list(list: &[&RawValue], origin: &Origin<'_>, sink: &mut dyn Sink) {
    let mut inner = Origin {
        additional_fields: None,
        ..origin.clone()
    };
    for (i, record) in list.iter().enumerate() {
        inner.position.clear();
        inner.position.push_str(&origin.position);
        inner.position.push_str(" records[");
        inner.position.push_str(&i.to_string());
        inner.position.push(']');
        let record_text = record.get();
        // Fast path: an AKS audit record whose `log` is a string, read in one pass.
        if let Ok(view) = serde_json::from_str::<AksRecordView>(record_text)
            && view.is_audit_text()
        {
            aks_audit_view(
                view,
                record_text,
                &inner,
                origin.additional_fields.as_deref(),
                sink,
            );
            continue;
        }
        inner
            .additional_fields
            .clone_from(&origin.additional_fields);
        match RawObject::parse(record_text) {
            Ok(rec) => azure_record(&rec, record_text, &inner, sink),
            Err(e) => sink.dead_letter(
                &inner.position,
                "record",
                format!("record is not an object: {e}"),
                record_text.as_bytes(),
            ),
        }
        inner.additional_fields = None;
    }
}

/// `properties.log` read in the same pass as the record: its unescaped text when it is a string.
enum LogValue<'a> {
    Text(Cow<'a, str>),
    NotText,
}

impl<'de: 'a, 'a> Deserialize<'de> for LogValue<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = LogValue<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a log value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(LogValue::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(LogValue::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(LogValue::Text(Cow::Owned(v)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(LogValue::NotText)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(LogValue::NotText)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(LogValue::NotText)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(LogValue::NotText)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(LogValue::NotText)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(LogValue::NotText)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(LogValue::NotText)
            }
        }
        d.deserialize_any(V)
    }
}

/// An Azure record read in one pass: its members (but `properties`), the members of
/// `properties` (but `log`), and `log`.
#[derive(Default)]
struct AksRecordView<'a> {
    record: RawObject<'a>,
    props: Option<RawObject<'a>>,
    log: Option<LogValue<'a>>,
}

impl AksRecordView<'_> {
    fn is_audit_text(&self) -> bool {
        matches!(self.log, Some(LogValue::Text(_)))
            && self
                .record
                .get("category")
                .and_then(|c| serde_json::from_str::<BStr>(c.get()).ok())
                .is_some_and(|c| is_audit_category(c.as_str()))
    }
}

struct PropsView<'a> {
    props: RawObject<'a>,
    log: Option<LogValue<'a>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for PropsView<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = PropsView<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = PropsView {
                    props: RawObject::default(),
                    log: None,
                };
                while let Some(key) = map.next_key::<BStr<'de>>()? {
                    if key.as_str() == "log" {
                        out.log = Some(map.next_value()?);
                    } else {
                        out.props.entries.push((key.0, map.next_value()?));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for AksRecordView<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AksRecordView<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = AksRecordView::default();
                while let Some(key) = map.next_key::<BStr<'de>>()? {
                    if key.as_str() == "properties" {
                        let p: PropsView = map.next_value()?;
                        out.props = Some(p.props);
                        out.log = p.log;
                    } else {
                        out.record.entries.push((key.0, map.next_value()?));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

fn is_audit_category(category: &str) -> bool {
    category.eq_ignore_ascii_case("kube-audit") || category.eq_ignore_ascii_case("kube-audit-admin")
}

const ARM_CATEGORIES: &[&str] = &[
    "Administrative",
    "Security",
    "ServiceHealth",
    "Alert",
    "Recommendation",
    "Policy",
    "Autoscale",
    "ResourceHealth",
];

/// Writes the envelope's fields (all but `properties.log`) as a JSON object.
fn envelope_fields(rec: &RawObject<'_>, props: Option<&RawObject<'_>>) -> String {
    // Callers pass the record without `properties` and `properties` without `log`.
    let mut out = String::with_capacity(256);
    out.push('{');
    let members = rec
        .entries
        .iter()
        .chain(props.into_iter().flat_map(|p| p.entries.iter()));
    for (n, (k, v)) in members.enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_json_string(&mut out, k);
        out.push(':');
        out.push_str(v.get());
    }
    out.push('}');
    out
}

/// One Azure diagnostic record: kube-audit(-admin), an ARM activity record, or another category.
fn azure_record(rec: &RawObject<'_>, text: &str, origin: &Origin<'_>, sink: &mut dyn Sink) {
    let category = match rec.str_field("category") {
        Ok(c) => c.unwrap_or(Cow::Borrowed("")),
        Err(reason) => {
            return sink.dead_letter(&origin.position, "record", reason, text.as_bytes());
        }
    };
    if is_audit_category(&category) {
        return aks_audit_record(rec, text, &category, origin, sink);
    }
    let looks_arm = ARM_CATEGORIES
        .iter()
        .any(|c| c.eq_ignore_ascii_case(&category))
        || (rec.has("resultType") && rec.has("resourceId") && !rec.has("properties"))
        || rec.has("callerIpAddress")
        || rec.has("correlationId");
    if looks_arm {
        return match arm_row(rec, text, &category, origin) {
            Ok(row) => sink.row(row),
            Err(reason) => {
                sink.dead_letter(&origin.position, "arm-record", reason, text.as_bytes())
            }
        };
    }
    sink.non_audit(&origin.position);
}

fn aks_audit_record(
    rec: &RawObject<'_>,
    text: &str,
    category: &str,
    origin: &Origin<'_>,
    sink: &mut dyn Sink,
) {
    let _ = category;
    let result = (|| -> Result<(), String> {
        let props_raw = rec
            .get("properties")
            .ok_or("kube-audit record has no `properties`")?;
        let props =
            RawObject::parse(props_raw.get()).map_err(|e| format!("field `properties`: {e}"))?;
        let log = props
            .get("log")
            .ok_or("kube-audit record has no `properties.log`")?;
        let record = RawObject {
            entries: rec
                .entries
                .iter()
                .filter(|(k, _)| k != "properties")
                .cloned()
                .collect(),
        };
        let props_wo_log = RawObject {
            entries: props
                .entries
                .iter()
                .filter(|(k, _)| k != "log")
                .cloned()
                .collect(),
        };
        // `log` is a JSON string holding the event (AKS), or the event object itself.
        let log_text = log.get();
        let log_value = if log_text.starts_with('"') {
            let s: BStr = serde_json::from_str(log_text)
                .map_err(|e| format!("field `properties.log`: {e}"))?;
            LogValue::Text(s.0)
        } else {
            LogValue::NotText
        };
        let event_text: &str = match &log_value {
            LogValue::Text(t) => t,
            LogValue::NotText => log_text,
        };
        aks_event(
            &record,
            Some(&props_wo_log),
            event_text,
            !log_text.starts_with('"'),
            origin,
            origin.additional_fields.as_deref(),
            sink,
        )
    })();
    if let Err(reason) = result {
        sink.dead_letter(
            &origin.position,
            "kube-audit-record",
            reason,
            text.as_bytes(),
        );
    }
}

/// The fast path's counterpart of [`aks_audit_record`].
fn aks_audit_view(
    view: AksRecordView<'_>,
    text: &str,
    origin: &Origin<'_>,
    extra: Option<&str>,
    sink: &mut dyn Sink,
) {
    let Some(LogValue::Text(log)) = &view.log else {
        return;
    };
    if let Err(reason) = aks_event(
        &view.record,
        view.props.as_ref(),
        log,
        false,
        origin,
        extra,
        sink,
    ) {
        sink.dead_letter(
            &origin.position,
            "kube-audit-record",
            reason,
            text.as_bytes(),
        );
    }
}

/// Maps the audit event of an AKS record. `record` holds the record's members but `properties`,
/// `props` those of `properties` but `log`; `event_text` is the event.
fn aks_event(
    record: &RawObject<'_>,
    props: Option<&RawObject<'_>>,
    event_text: &str,
    log_is_object: bool,
    origin: &Origin<'_>,
    extra: Option<&str>,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let category = record.str_field("category")?.unwrap_or(Cow::Borrowed(""));
    let time = match record.str_field("time")? {
        Some(t) => Some(
            parse_timestamp_micros(&t)
                .ok_or_else(|| format!("field `time`: `{t}` is not a timestamp"))?,
        ),
        None => None,
    };
    let cluster = record.str_field("resourceId")?;
    let pod = props.and_then(|p| p.str_field("pod").ok().flatten());
    let mut fields = envelope_fields(record, props);
    if let Some(extra) = extra {
        merge_objects(&mut fields, extra);
    }
    let event_origin = Origin {
        data_source: DS_AKS,
        audit_source: origin.audit_source,
        cluster,
        category: Some(category),
        pod_name: pod,
        envelope_time: time,
        enqueued_time: origin.enqueued_time,
        additional_fields: Some(fields),
        position: origin.position.clone(),
        foreign_json_is_non_audit: false,
    };
    let event = RawObject::parse(event_text).map_err(|e| {
        if log_is_object {
            format!("`properties.log` is not an object: {e}")
        } else {
            format!("`properties.log` is not a JSON audit event: {e}")
        }
    })?;
    let row = audit_row(&event, event_text, &event_origin)?;
    sink.row(row);
    Ok(())
}

/// Appends the members of JSON object `extra` to JSON object text `target`.
fn merge_objects(target: &mut String, extra: &str) {
    let inner = extra
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim();
    if inner.is_empty() {
        return;
    }
    target.pop(); // '}'
    if target.len() > 1 {
        target.push(',');
    }
    target.push_str(inner);
    target.push('}');
}

#[derive(Deserialize, Default)]
struct Identity<'a> {
    #[serde(borrow, default)]
    claims: Option<std::collections::HashMap<BStr<'a>, serde_json::Value>>,
}

const CLAIM_UPN: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
const CLAIM_NAME: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

fn arm_action_type(operation: &str) -> &'static str {
    let last = operation.rsplit('/').next().unwrap_or("");
    match last.to_ascii_uppercase().as_str() {
        "DELETE" => "Delete",
        "WRITE" => "Update",
        "READ" => "Read",
        "ACTION" => "Other",
        _ => "Other",
    }
}

fn arm_row<'a>(
    rec: &RawObject<'a>,
    text: &'a str,
    category: &str,
    origin: &Origin<'a>,
) -> Result<Row<'a>, String> {
    let operation = rec
        .str_field("operationName")?
        .ok_or("activity record has no `operationName`")?;
    let time = match rec.str_field("time")? {
        Some(t) => Some(
            parse_timestamp_micros(&t)
                .ok_or_else(|| format!("field `time`: `{t}` is not a timestamp"))?,
        ),
        None => None,
    };
    let resource_id = rec.str_field("resourceId")?;
    let ip = rec.str_field("callerIpAddress")?;
    let identity: Option<Identity> = rec.field("identity")?;
    let claims = identity.and_then(|i| i.claims);
    let claim = |key: &str| -> Option<String> {
        claims.as_ref().and_then(|c| {
            c.iter()
                .find(|(k, _)| k.as_str() == key)
                .and_then(|(_, v)| v.as_str().map(str::to_string))
        })
    };
    let account = claim(CLAIM_UPN)
        .or_else(|| claim("upn"))
        .or_else(|| claim(CLAIM_NAME))
        .or_else(|| claim("name"))
        .or_else(|| claim("appid"))
        .map(Cow::Owned)
        .or(rec.str_field("caller").ok().flatten());
    let result_type = rec.str_field("resultType")?;
    let mut additional = String::from("{");
    if let Some(rt) = result_type.as_deref() {
        additional.push_str("\"ResultType\":");
        push_json_string(&mut additional, rt);
    }
    additional.push('}');
    if let Some(extra) = origin.additional_fields.as_deref() {
        merge_objects(&mut additional, extra);
    }
    let timestamp = time.or(origin.enqueued_time);
    Ok(Row {
        timestamp,
        identity: event_identity("", None, None, text),
        data_source: DS_ARM,
        action_type: arm_action_type(&operation),
        operation_name: Some(operation),
        resource_id: resource_id.clone(),
        azure_resource_id: resource_id.clone(),
        account,
        audit_source: origin.audit_source,
        ip_address: ip,
        raw_event_data: text.to_string(),
        additional_fields: Some(Cow::Owned(additional)),
        time_generated: timestamp,
        source_cluster: resource_id,
        category: Some(Cow::Owned(category.to_string())),
        position: Cow::Owned(origin.position.clone()),
        ..Default::default()
    })
}

#[derive(Deserialize)]
struct CloudWatchEvent<'a> {
    #[serde(borrow)]
    message: BStr<'a>,
    #[serde(default)]
    timestamp: Option<i64>,
}

/// A CloudWatch Logs subscription delivery (`messageType`, `logGroup`, `logEvents[].message`):
/// each message is an EKS audit event.
fn cloudwatch(obj: &RawObject<'_>, text: &str, origin: &Origin<'_>, sink: &mut dyn Sink) {
    let events: Vec<CloudWatchEvent> = match obj.field("logEvents") {
        Ok(Some(e)) => e,
        Ok(None) => Vec::new(),
        Err(reason) => {
            return sink.dead_letter(&origin.position, "cloudwatch", reason, text.as_bytes());
        }
    };
    let group = obj.str_field("logGroup").ok().flatten();
    // EKS log groups are `/aws/eks/<cluster>/cluster`.
    let cluster = group
        .as_deref()
        .and_then(|g| g.strip_prefix("/aws/eks/"))
        .and_then(|g| g.split('/').next())
        .map(|c| Cow::Owned(c.to_string()));
    for (i, event) in events.iter().enumerate() {
        let mut o = origin.clone();
        o.data_source = DS_EKS;
        o.cluster = cluster.clone().or(origin.cluster.clone());
        o.enqueued_time = event.timestamp.map(|ms| ms * 1000).or(origin.enqueued_time);
        o.position = format!("{} logEvents[{i}]", origin.position);
        let message = event.message.as_str();
        match RawObject::parse(message) {
            Ok(ev) => match audit_row(&ev, message, &o) {
                Ok(row) => sink.row(row),
                Err(reason) => sink.dead_letter(&o.position, "audit-event", reason, message.as_bytes()),
            },
            Err(e) => sink.dead_letter(
                &o.position,
                "audit-event",
                format!("CloudWatch message is not a JSON audit event (EKS truncates lines over 10,000 characters): {e}"),
                message.as_bytes(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::DS_KUBERNETES;

    #[derive(Default)]
    struct Collect {
        rows: Vec<(String, Option<String>, Option<String>, String)>,
        dead: Vec<(String, String)>,
        non_audit: usize,
    }
    impl Sink for Collect {
        fn row(&mut self, row: Row<'_>) {
            self.rows.push((
                row.data_source.to_string(),
                row.operation_name.map(|s| s.into_owned()),
                row.additional_fields.map(|s| s.into_owned()),
                row.raw_event_data,
            ));
        }
        fn dead_letter(
            &mut self,
            position: &str,
            _stage: &'static str,
            reason: String,
            _payload: &[u8],
        ) {
            self.dead.push((position.to_string(), reason));
        }
        fn non_audit(&mut self, _position: &str) {
            self.non_audit += 1;
        }
    }

    fn base() -> Origin<'static> {
        Origin {
            data_source: DS_KUBERNETES,
            audit_source: "test",
            position: "line 1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn body_with_audit_klog_and_arm_records() {
        let body = r#"{"records":[
          {"category":"kube-audit","operationName":"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read","resourceId":"/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/C","time":"2026-11-20T10:00:00.1234567Z","properties":{"log":"{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"x\",\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"requestURI\":\"/api\"}","pod":"kube-apiserver-1","stream":"stdout"}},
          {"category":"kube-audit-admin","resourceId":"/X","properties":{"log":{"kind":"Event","verb":"delete","auditID":"y","stage":"ResponseComplete"}}},
          {"category":"kube-controller-manager","properties":{"log":"I1120 10:00:00 controller.go:1] hello"}},
          {"category":"Administrative","time":"2026-11-20T11:00:00Z","resourceId":"/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/C","operationName":"MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/DELETE","resultType":"Success","callerIpAddress":"1.2.3.4","identity":{"claims":{"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn":"bob@contoso.com"}}},
          {"category":"kube-audit","properties":{"log":"{\"kind\":\"Event\",\"verb\":\"get\",\"auditID\":\"trunc"}}
        ]}"#;
        let mut sink = Collect::default();
        dispatch_json(body, &base(), &mut sink);
        assert_eq!(sink.rows.len(), 3, "{:?}", sink.dead);
        assert_eq!(sink.rows[0].0, DS_AKS);
        assert_eq!(sink.rows[1].1.as_deref(), Some("delete"));
        assert_eq!(sink.rows[2].0, DS_ARM);
        assert_eq!(
            sink.rows[2].1.as_deref(),
            Some("MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/DELETE")
        );
        let extra: serde_json::Value =
            serde_json::from_str(sink.rows[0].2.as_deref().unwrap()).unwrap();
        assert_eq!(extra["pod"], "kube-apiserver-1");
        assert_eq!(extra["category"], "kube-audit");
        assert!(extra.get("log").is_none());
        assert_eq!(sink.non_audit, 1);
        assert_eq!(sink.dead.len(), 1);
        assert_eq!(sink.dead[0].0, "line 1 records[4]");
        assert!(
            sink.dead[0].1.contains("not a JSON audit event"),
            "{}",
            sink.dead[0].1
        );
    }

    #[test]
    fn wrappers_cloudwatch_and_garbage() {
        let mut sink = Collect::default();
        dispatch_json(
            r#"{"log":{"kind":"Event","verb":"get","auditID":"1","user":{"username":"arn:aws:iam::1:role/x"}}}"#,
            &base(),
            &mut sink,
        );
        assert_eq!(sink.rows.len(), 1);
        assert_eq!(sink.rows[0].0, DS_EKS, "EKS inferred from the IAM identity");
        dispatch_json(
            r#"{"messageType":"DATA_MESSAGE","logGroup":"/aws/eks/prod/cluster","logEvents":[{"id":"1","timestamp":1700000000000,"message":"{\"kind\":\"Event\",\"verb\":\"list\",\"auditID\":\"2\"}"}]}"#,
            &base(),
            &mut sink,
        );
        assert_eq!(sink.rows.len(), 2);
        assert_eq!(sink.rows[1].1.as_deref(), Some("list"));
        dispatch_json(r#"{"hello":"world"}"#, &base(), &mut sink);
        dispatch_json("not json at all", &base(), &mut sink);
        dispatch_json(r#"{"kind": 0}"#, &base(), &mut sink);
        assert_eq!(sink.dead.len(), 3);
        assert!(
            sink.dead[0].1.contains("unrecognised"),
            "{}",
            sink.dead[0].1
        );
        assert!(sink.dead[1].1.starts_with("not JSON"), "{}", sink.dead[1].1);
        assert!(
            sink.dead[2].1.contains("field `kind`"),
            "{}",
            sink.dead[2].1
        );
    }
}
