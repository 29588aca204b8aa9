//! Google Cloud Logging `LogEntry`s with an `AuditLog` `protoPayload`.
//!
//! GKE's Kubernetes audit entries (`serviceName` `k8s.io`, `methodName` `io.k8s.<group>.<version>.
//! <resource>[.<subresource>].<verb>`) are mapped to the shape of a Kubernetes audit event so the
//! same hunts run over them; what is inferred rather than read is listed in `docs/storage.md`.
//! Other GCP audit entries become `Google Cloud Platform` rows with the entry as `RawEventData`.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::audit::audit_row;
use super::json::{BStr, RawObject, parse_timestamp_micros, push_json_string};
use super::row::{Origin, Row, event_identity};
use super::{DS_GCP, DS_GKE};

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AuditLog<'a> {
    #[serde(borrow, default)]
    method_name: Option<BStr<'a>>,
    #[serde(borrow, default)]
    resource_name: Option<BStr<'a>>,
    #[serde(borrow, default)]
    service_name: Option<BStr<'a>>,
    #[serde(borrow, default)]
    authentication_info: Option<AuthInfo<'a>>,
    #[serde(borrow, default)]
    request_metadata: Option<RequestMetadata<'a>>,
    #[serde(borrow, default)]
    status: Option<RpcStatus<'a>>,
    #[serde(borrow, default)]
    request: Option<&'a RawValue>,
    #[serde(borrow, default)]
    response: Option<&'a RawValue>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AuthInfo<'a> {
    #[serde(borrow, default)]
    principal_email: Option<BStr<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RequestMetadata<'a> {
    #[serde(borrow, default)]
    caller_ip: Option<BStr<'a>>,
    #[serde(borrow, default)]
    caller_supplied_user_agent: Option<BStr<'a>>,
}

#[derive(Deserialize, Default)]
struct RpcStatus<'a> {
    #[serde(default)]
    code: Option<i32>,
    #[serde(borrow, default)]
    message: Option<BStr<'a>>,
}

#[derive(Deserialize, Default)]
struct MonitoredResource<'a> {
    #[serde(borrow, default)]
    labels: Option<std::collections::HashMap<BStr<'a>, BStr<'a>>>,
}

/// HTTP status for a google.rpc code (inferred mapping, as in google/rpc/code.proto's comments).
fn http_from_rpc(code: i32) -> i32 {
    match code {
        0 => 200,
        1 => 499,
        3 | 9 | 11 => 400,
        4 => 504,
        5 => 404,
        6 | 10 => 409,
        7 => 403,
        8 => 429,
        12 => 501,
        14 => 503,
        16 => 401,
        _ => 500,
    }
}

/// Parts of a Kubernetes `resourceName` such as `core/v1/namespaces/default/pods/x/exec`.
#[derive(Debug, Default, PartialEq)]
struct K8sTarget {
    api_group: String,
    api_version: String,
    namespace: Option<String>,
    resource: Option<String>,
    name: Option<String>,
    subresource: Option<String>,
}

fn parse_resource_name(resource_name: &str) -> K8sTarget {
    let parts: Vec<&str> = resource_name.split('/').filter(|p| !p.is_empty()).collect();
    let mut t = K8sTarget::default();
    if parts.len() < 3 {
        return t;
    }
    t.api_group = if parts[0] == "core" {
        String::new()
    } else {
        parts[0].to_string()
    };
    t.api_version = parts[1].to_string();
    let mut rest = &parts[2..];
    if rest.len() >= 2 && rest[0] == "namespaces" {
        if rest.len() == 2 {
            t.resource = Some("namespaces".into());
            t.name = Some(rest[1].into());
            return t;
        }
        t.namespace = Some(rest[1].into());
        rest = &rest[2..];
    }
    t.resource = rest.first().map(|s| s.to_string());
    t.name = rest.get(1).map(|s| s.to_string());
    t.subresource = rest.get(2).map(|s| s.to_string());
    t
}

fn push_member(out: &mut String, key: &str, value: &str, first: &mut bool) {
    if !*first {
        out.push(',');
    }
    *first = false;
    push_json_string(out, key);
    out.push(':');
    out.push_str(value);
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_json_string(&mut out, s);
    out
}

/// Maps a `LogEntry` to a row.
pub fn log_entry_row<'a>(
    entry: &RawObject<'a>,
    text: &'a str,
    origin: &Origin<'a>,
) -> Result<Row<'a>, String> {
    let payload: AuditLog = entry.field("protoPayload")?.unwrap_or_default();
    let resource: MonitoredResource = entry.field("resource")?.unwrap_or_default();
    let labels = resource.labels.unwrap_or_default();
    let label = |k: &str| {
        labels
            .iter()
            .find(|(key, _)| key.as_str() == k)
            .map(|(_, v)| v.as_str().to_string())
    };
    let timestamp_text = entry.str_field("timestamp")?;
    let timestamp = match timestamp_text.as_deref() {
        Some(t) => Some(
            parse_timestamp_micros(t)
                .ok_or_else(|| format!("field `timestamp`: `{t}` is not a timestamp"))?,
        ),
        None => None,
    };
    let method = payload.method_name.as_ref().map(BStr::as_str).unwrap_or("");
    let service = payload
        .service_name
        .as_ref()
        .map(BStr::as_str)
        .unwrap_or("");
    let is_k8s = service == "k8s.io" || method.starts_with("io.k8s.");
    let insert_id = entry.str_field("insertId")?;
    let principal = payload
        .authentication_info
        .as_ref()
        .and_then(|a| a.principal_email.as_ref())
        .map(|s| s.0.clone());
    let caller_ip = payload
        .request_metadata
        .as_ref()
        .and_then(|m| m.caller_ip.as_ref())
        .map(|s| s.0.clone());
    let agent = payload
        .request_metadata
        .as_ref()
        .and_then(|m| m.caller_supplied_user_agent.as_ref())
        .map(|s| s.0.clone());

    if !is_k8s {
        let verb = method.rsplit('.').next().unwrap_or("");
        let action = match verb {
            "insert" | "create" => "Create",
            "delete" => "Delete",
            "get" | "list" => "Read",
            "update" | "patch" | "setIamPolicy" => "Update",
            _ => "Other",
        };
        return Ok(Row {
            timestamp: timestamp.or(origin.enqueued_time),
            identity: event_identity("gcp", insert_id.as_deref(), None, text),
            data_source: DS_GCP,
            action_type: action,
            operation_name: payload.method_name.map(|m| m.0),
            resource_id: payload.resource_name.map(|r| r.0),
            account: principal,
            audit_source: "gcp-cloud-audit-log",
            ip_address: caller_ip,
            user_agent: agent,
            raw_event_data: text.to_string(),
            time_generated: timestamp,
            position: Cow::Owned(origin.position.clone()),
            ..Default::default()
        });
    }

    // Build the equivalent audit.k8s.io event.
    let cluster = match (
        label("project_id"),
        label("location"),
        label("cluster_name"),
    ) {
        (Some(p), Some(l), Some(c)) => Some(format!(
            "//container.googleapis.com/projects/{p}/locations/{l}/clusters/{c}"
        )),
        (Some(p), None, Some(c)) => Some(format!(
            "//container.googleapis.com/projects/{p}/clusters/{c}"
        )),
        _ => origin.cluster.as_deref().map(str::to_string),
    };
    let verb = method.rsplit('.').next().unwrap_or("");
    let target = parse_resource_name(
        payload
            .resource_name
            .as_ref()
            .map(BStr::as_str)
            .unwrap_or(""),
    );
    let mut ev = String::with_capacity(text.len() + 256);
    let mut first = true;
    ev.push('{');
    push_member(&mut ev, "kind", "\"Event\"", &mut first);
    push_member(&mut ev, "apiVersion", "\"audit.k8s.io/v1\"", &mut first);
    if let Some(id) = insert_id.as_deref() {
        push_member(&mut ev, "auditID", &json_str(id), &mut first);
    }
    push_member(&mut ev, "stage", "\"ResponseComplete\"", &mut first);
    if let Some(rn) = payload.resource_name.as_ref() {
        push_member(
            &mut ev,
            "requestURI",
            &json_str(&format!("/{}", rn.as_str())),
            &mut first,
        );
    }
    push_member(&mut ev, "verb", &json_str(verb), &mut first);
    if let Some(p) = principal.as_deref() {
        push_member(
            &mut ev,
            "user",
            &format!("{{\"username\":{}}}", json_str(p)),
            &mut first,
        );
    }
    if let Some(ip) = caller_ip.as_deref() {
        push_member(
            &mut ev,
            "sourceIPs",
            &format!("[{}]", json_str(ip)),
            &mut first,
        );
    }
    if let Some(a) = agent.as_deref() {
        push_member(&mut ev, "userAgent", &json_str(a), &mut first);
    }
    if target.resource.is_some() {
        let mut r = String::from("{");
        let mut f = true;
        for (k, v) in [
            ("resource", target.resource.as_deref()),
            ("namespace", target.namespace.as_deref()),
            ("name", target.name.as_deref()),
            (
                "apiGroup",
                Some(target.api_group.as_str()).filter(|g| !g.is_empty()),
            ),
            ("apiVersion", Some(target.api_version.as_str())),
            ("subresource", target.subresource.as_deref()),
        ] {
            if let Some(v) = v {
                push_member(&mut r, k, &json_str(v), &mut f);
            }
        }
        r.push('}');
        push_member(&mut ev, "objectRef", &r, &mut first);
    }
    let code = http_from_rpc(payload.status.as_ref().and_then(|s| s.code).unwrap_or(0));
    let mut status = format!("{{\"code\":{code}");
    if let Some(m) = payload.status.as_ref().and_then(|s| s.message.as_ref()) {
        status.push_str(",\"message\":");
        push_json_string(&mut status, m.as_str());
    }
    status.push('}');
    push_member(&mut ev, "responseStatus", &status, &mut first);
    if let Some(req) = payload.request {
        push_member(&mut ev, "requestObject", req.get(), &mut first);
    }
    if let Some(resp) = payload.response {
        push_member(&mut ev, "responseObject", resp.get(), &mut first);
    }
    if let Some(t) = timestamp_text.as_deref() {
        push_member(&mut ev, "stageTimestamp", &json_str(t), &mut first);
    }
    ev.push('}');

    let event = RawObject::parse(&ev)
        .map_err(|e| format!("internal: mapped GKE event is not JSON: {e}"))?;
    let mut o = origin.clone();
    o.data_source = DS_GKE;
    o.audit_source = "gke-cloud-audit-log";
    o.cluster = cluster.map(Cow::Owned);
    o.envelope_time = timestamp;
    let mut additional = String::from("{\"GcpLogEntry\":");
    additional.push_str(text);
    additional.push('}');
    o.additional_fields = Some(additional);
    let row = audit_row(&event, &ev, &o)?;
    // The row borrows the mapped event text: detach it.
    Ok(detach(row))
}

/// Turns every borrowed field of a row into an owned one.
fn detach<'b>(row: Row<'_>) -> Row<'b> {
    fn own<'b>(c: Option<Cow<'_, str>>) -> Option<Cow<'b, str>> {
        c.map(|c| Cow::Owned(c.into_owned()))
    }
    Row {
        timestamp: row.timestamp,
        identity: row.identity,
        data_source: row.data_source,
        action_type: row.action_type,
        operation_name: own(row.operation_name),
        resource_id: own(row.resource_id),
        azure_resource_id: own(row.azure_resource_id),
        aws_resource_name: own(row.aws_resource_name),
        gcp_full_resource_name: own(row.gcp_full_resource_name),
        account: own(row.account),
        audit_source: row.audit_source,
        ip_address: own(row.ip_address),
        user_agent: own(row.user_agent),
        raw_event_data: row.raw_event_data,
        additional_fields: own(row.additional_fields),
        time_generated: row.time_generated,
        verb: own(row.verb),
        resource: own(row.resource),
        subresource: own(row.subresource),
        namespace: own(row.namespace),
        name: own(row.name),
        api_group: own(row.api_group),
        api_version: own(row.api_version),
        response_code: row.response_code,
        username: own(row.username),
        impersonated_user: own(row.impersonated_user),
        stage: own(row.stage),
        level: own(row.level),
        audit_id: own(row.audit_id),
        request_uri: own(row.request_uri),
        request_received: row.request_received,
        source_cluster: own(row.source_cluster),
        category: own(row.category),
        pod_name: own(row.pod_name),
        position: Cow::Owned(row.position.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names() {
        let t = parse_resource_name("core/v1/namespaces/example/pods/p1/exec");
        assert_eq!(t.namespace.as_deref(), Some("example"));
        assert_eq!(t.resource.as_deref(), Some("pods"));
        assert_eq!(t.name.as_deref(), Some("p1"));
        assert_eq!(t.subresource.as_deref(), Some("exec"));
        assert_eq!(t.api_group, "");
        let t = parse_resource_name("rbac.authorization.k8s.io/v1/clusterrolebindings/admin-b");
        assert_eq!(t.api_group, "rbac.authorization.k8s.io");
        assert_eq!(t.resource.as_deref(), Some("clusterrolebindings"));
        assert_eq!(t.namespace, None);
        let t = parse_resource_name("core/v1/namespaces/kube-system");
        assert_eq!(t.resource.as_deref(), Some("namespaces"));
        assert_eq!(t.name.as_deref(), Some("kube-system"));
    }

    #[test]
    fn gke_exec_entry_maps_to_an_audit_event() {
        let text = r#"{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"dev@example.com"},"methodName":"io.k8s.core.v1.pods.exec.create","requestMetadata":{"callerIp":"88.88.88.88","callerSuppliedUserAgent":"kubectl/v1.28"},"resourceName":"core/v1/namespaces/kube-system/pods/p1/exec","serviceName":"k8s.io","status":{}},"resource":{"type":"k8s_cluster","labels":{"project_id":"proj","location":"us-central1","cluster_name":"c1"}},"timestamp":"2022-03-04T16:01:49.978756Z","insertId":"abc"}"#;
        let entry = RawObject::parse(text).unwrap();
        let origin = Origin {
            position: "line 1".into(),
            ..Default::default()
        };
        let row = log_entry_row(&entry, text, &origin).unwrap();
        assert_eq!(row.data_source, DS_GKE);
        assert_eq!(row.verb.as_deref(), Some("create"));
        assert_eq!(row.subresource.as_deref(), Some("exec"));
        assert_eq!(row.namespace.as_deref(), Some("kube-system"));
        assert_eq!(row.response_code, Some(200));
        assert_eq!(row.ip_address.as_deref(), Some("88.88.88.88"));
        assert_eq!(
            row.gcp_full_resource_name.as_deref(),
            Some("//container.googleapis.com/projects/proj/locations/us-central1/clusters/c1")
        );
        let raw: serde_json::Value = serde_json::from_str(&row.raw_event_data).unwrap();
        assert_eq!(raw["ObjectRef"]["name"], "p1");
        assert_eq!(raw["User"]["username"], "dev@example.com");
    }
}
