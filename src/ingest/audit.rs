//! Kubernetes audit events (`audit.k8s.io/v1` and `v1beta1` `Event`) to rows.
//!
//! The event is parsed once into its top-level keys with the raw text of each value. The fields
//! kqlhunt promotes are type-checked (a wrong type dead-letters the event with the field named);
//! everything else is kept verbatim. `RawEventData` is the same object with its top-level keys in Go
//! field-name case (`ObjectRef`, `ResponseStatus`, ...) and every nested value byte-for-byte as it came.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{BStr, RawObject, parse_timestamp_micros, push_json_string};
use super::row::{Origin, Row, action_type_for_verb, event_identity};

#[derive(Deserialize, Default)]
struct UserInfo<'a> {
    #[serde(borrow, default)]
    username: Option<BStr<'a>>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    uid: Option<BStr<'a>>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    groups: Option<Vec<BStr<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ObjectRef<'a> {
    #[serde(borrow, default)]
    resource: Option<BStr<'a>>,
    #[serde(borrow, default)]
    namespace: Option<BStr<'a>>,
    #[serde(borrow, default)]
    name: Option<BStr<'a>>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    uid: Option<BStr<'a>>,
    #[serde(borrow, default)]
    api_group: Option<BStr<'a>>,
    #[serde(borrow, default)]
    api_version: Option<BStr<'a>>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    resource_version: Option<BStr<'a>>,
    #[serde(borrow, default)]
    subresource: Option<BStr<'a>>,
}

#[derive(Deserialize, Default)]
struct Status<'a> {
    #[serde(default)]
    code: Option<i32>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    status: Option<BStr<'a>>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    reason: Option<BStr<'a>>,
    #[serde(borrow, default)]
    #[allow(dead_code)]
    message: Option<BStr<'a>>,
}

/// Go field name of a top-level audit-event key (`objectRef` → `ObjectRef`). Unknown keys get
/// their first letter upper-cased, the same rule Go's exported fields follow.
pub fn go_case(key: &str) -> Cow<'_, str> {
    let known = match key {
        "kind" => "Kind",
        "apiVersion" => "APIVersion",
        "level" => "Level",
        "auditID" => "AuditID",
        "stage" => "Stage",
        "requestURI" => "RequestURI",
        "verb" => "Verb",
        "user" => "User",
        "impersonatedUser" => "ImpersonatedUser",
        "sourceIPs" => "SourceIPs",
        "userAgent" => "UserAgent",
        "objectRef" => "ObjectRef",
        "responseStatus" => "ResponseStatus",
        "requestObject" => "RequestObject",
        "responseObject" => "ResponseObject",
        "requestReceivedTimestamp" => "RequestReceivedTimestamp",
        "stageTimestamp" => "StageTimestamp",
        "annotations" => "Annotations",
        "metadata" => "ObjectMeta",
        "timestamp" => "Timestamp",
        _ => {
            let mut chars = key.chars();
            return match chars.next() {
                Some(first) if first.is_lowercase() => {
                    Cow::Owned(first.to_uppercase().chain(chars).collect())
                }
                _ => Cow::Borrowed(key),
            };
        }
    };
    Cow::Borrowed(known)
}

/// Does this object look like a Kubernetes audit event?
pub fn looks_like_audit_event(obj: &RawObject<'_>) -> bool {
    let kind_event = obj.get("kind").is_some_and(|k| k.get() == "\"Event\"");
    let api = obj
        .get("apiVersion")
        .is_some_and(|v| v.get().starts_with("\"audit.k8s.io"));
    let shape =
        obj.has("verb") && (obj.has("auditID") || obj.has("requestURI") || obj.has("objectRef"));
    kind_event || api || shape || (obj.has("kind") && obj.has("auditID"))
}

/// Rewrites the event object with Go-case top-level keys, values verbatim.
pub fn raw_event_data(obj: &RawObject<'_>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + 32);
    out.push('{');
    for (i, (key, value)) in obj.entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, &go_case(key));
        out.push(':');
        out.push_str(value.get());
    }
    out.push('}');
    out
}

fn opt<'a>(s: Option<BStr<'a>>) -> Option<Cow<'a, str>> {
    s.map(|b| b.0)
}

fn timestamp_field(obj: &RawObject<'_>, key: &str) -> Result<Option<i64>, String> {
    match obj.str_field(key)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => parse_timestamp_micros(&s)
            .map(Some)
            .ok_or_else(|| format!("field `{key}`: `{s}` is not an RFC 3339 timestamp")),
    }
}

/// Builds the object path of the target (`/api/v1/namespaces/ns/pods/name`), as `ResourceId`.
fn resource_path(obj_ref: &ObjectRef<'_>, request_uri: Option<&str>) -> Option<String> {
    let Some(resource) = obj_ref.resource.as_ref() else {
        return request_uri.map(|u| u.split('?').next().unwrap_or(u).to_string());
    };
    let mut path = String::with_capacity(96);
    match obj_ref.api_group.as_ref().map(BStr::as_str) {
        None | Some("") => path.push_str("/api/"),
        Some(group) => {
            path.push_str("/apis/");
            path.push_str(group);
            path.push('/');
        }
    }
    path.push_str(obj_ref.api_version.as_ref().map_or("v1", BStr::as_str));
    if let Some(ns) = obj_ref.namespace.as_ref() {
        path.push_str("/namespaces/");
        path.push_str(ns.as_str());
    }
    path.push('/');
    path.push_str(resource.as_str());
    if let Some(name) = obj_ref.name.as_ref() {
        path.push('/');
        path.push_str(name.as_str());
    }
    if let Some(sub) = obj_ref.subresource.as_ref() {
        path.push('/');
        path.push_str(sub.as_str());
    }
    Some(path)
}

/// Which `DataSource` a raw (envelope-less) event belongs to, by the identity that made it.
pub fn infer_raw_data_source(obj: &RawObject<'_>) -> Option<&'static str> {
    let user: Option<UserInfo> = obj.field("user").ok().flatten();
    let name = user
        .as_ref()
        .and_then(|u| u.username.as_ref())
        .map(BStr::as_str)?;
    if name.starts_with("arn:aws:") || name.starts_with("eks:") || name.starts_with("eks-") {
        return Some("Amazon EKS");
    }
    if let Some(extra) = obj.get("user").map(|u| u.get())
        && (extra.contains("\"arn\"")
            || extra.contains("\"canonicalArn\"")
            || extra.contains("accessKeyId"))
    {
        return Some("Amazon EKS");
    }
    None
}

/// Parses one audit event. `text` is the event's JSON; `origin` describes where it was found.
pub fn parse_audit_event<'a>(text: &'a str, origin: &'a Origin<'a>) -> Result<Row<'a>, String> {
    let obj =
        RawObject::parse(text).map_err(|e| format!("audit event is not a JSON object: {e}"))?;
    audit_row(&obj, text, origin)
}

/// Maps an already-parsed audit event object to a row.
pub fn audit_row<'a>(
    obj: &RawObject<'a>,
    text: &'a str,
    origin: &'a Origin<'a>,
) -> Result<Row<'a>, String> {
    if let Some(kind) = obj.str_field("kind")?
        && kind != "Event"
    {
        return Err(format!("field `kind`: `{kind}` is not an audit `Event`"));
    }
    let api_version = obj.str_field("apiVersion")?;
    if let Some(v) = api_version.as_deref()
        && !v.starts_with("audit.k8s.io/")
    {
        return Err(format!(
            "field `apiVersion`: `{v}` is not an audit.k8s.io version"
        ));
    }
    let verb = obj.str_field("verb")?;
    let audit_id = obj.str_field("auditID")?;
    let stage = obj.str_field("stage")?;
    let level = obj.str_field("level")?;
    let request_uri = obj.str_field("requestURI")?;
    let user_agent = obj.str_field("userAgent")?;
    let user: Option<UserInfo<'a>> = obj.field("user")?;
    let impersonated: Option<UserInfo<'a>> = obj.field("impersonatedUser")?;
    let source_ips: Option<Vec<BStr<'a>>> = obj.field("sourceIPs")?;
    let object_ref: Option<ObjectRef<'a>> = obj.field("objectRef")?;
    let status: Option<Status<'a>> = obj.field("responseStatus")?;
    let _annotations: Option<std::collections::HashMap<BStr<'a>, BStr<'a>>> =
        obj.field("annotations")?;
    // Validate that these are JSON (they always are, RawValue checked it); types are free-form.
    let _: Option<&RawValue> = obj.get("requestObject");
    let stage_ts = timestamp_field(obj, "stageTimestamp")?;
    let received_ts = timestamp_field(obj, "requestReceivedTimestamp")?;
    let legacy_ts = timestamp_field(obj, "timestamp")?;
    let declared_event = obj.get("kind").is_some_and(|k| k.get() == "\"Event\"");
    if verb.is_none() && audit_id.is_none() && request_uri.is_none() && !declared_event {
        return Err("audit event has none of `verb`, `auditID`, `requestURI`".to_string());
    }

    let timestamp = stage_ts
        .or(received_ts)
        .or(legacy_ts)
        .or(origin.envelope_time)
        .or(origin.enqueued_time);
    let cluster = origin.cluster.as_deref().unwrap_or("");
    let identity = event_identity(cluster, audit_id.as_deref(), stage.as_deref(), text);
    let object_ref = object_ref.unwrap_or_default();
    let resource_id = resource_path(&object_ref, request_uri.as_deref());
    let username = user.and_then(|u| u.username).map(|b| b.0);
    let source_cluster = origin.cluster.clone();
    let (azure, aws, gcp) = match origin.data_source {
        crate::ingest::DS_AKS => (source_cluster.clone(), None, None),
        crate::ingest::DS_EKS => (None, source_cluster.clone(), None),
        crate::ingest::DS_GKE => (None, None, source_cluster.clone()),
        _ => (None, None, None),
    };

    Ok(Row {
        timestamp,
        identity,
        data_source: origin.data_source,
        action_type: verb.as_deref().map_or("Other", action_type_for_verb),
        operation_name: verb.clone(),
        resource_id: resource_id.map(Cow::Owned),
        azure_resource_id: azure,
        aws_resource_name: aws,
        gcp_full_resource_name: gcp,
        account: username.clone(),
        audit_source: origin.audit_source,
        ip_address: source_ips
            .and_then(|ips| ips.into_iter().next())
            .map(|b| b.0),
        user_agent: user_agent.clone(),
        raw_event_data: raw_event_data(obj, text.len()),
        additional_fields: origin.additional_fields.as_deref().map(Cow::Borrowed),
        time_generated: origin.envelope_time.or(timestamp),
        verb,
        resource: opt(object_ref.resource),
        subresource: opt(object_ref.subresource),
        namespace: opt(object_ref.namespace),
        name: opt(object_ref.name),
        api_group: opt(object_ref.api_group),
        api_version: opt(object_ref.api_version),
        response_code: status.and_then(|s| s.code),
        username,
        impersonated_user: impersonated.and_then(|u| u.username).map(|b| b.0),
        stage,
        level,
        audit_id,
        request_uri,
        request_received: received_ts,
        source_cluster,
        category: origin.category.clone(),
        pod_name: origin.pod_name.clone(),
        position: Cow::Owned(origin.position.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::DS_AKS;

    const EVENT: &str = r#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"a-1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/kube-system/pods/coredns-1/exec?command=sh&container=c","verb":"create","user":{"username":"alice@contoso.com","groups":["g"]},"sourceIPs":["20.1.2.3","10.0.0.1"],"userAgent":"kubectl/v1.29.2","objectRef":{"resource":"pods","namespace":"kube-system","name":"coredns-1","apiVersion":"v1","subresource":"exec"},"responseStatus":{"metadata":{},"code":101},"requestReceivedTimestamp":"2026-11-20T10:00:00.000001Z","stageTimestamp":"2026-11-20T10:00:00.500000Z","annotations":{"authorization.k8s.io/decision":"allow"},"custom":{"Nested":1}}"#;

    fn origin() -> Origin<'static> {
        Origin {
            data_source: DS_AKS,
            audit_source: "test",
            cluster: Some("/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/C".into()),
            position: "line 1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn maps_an_exec_event() {
        let o = origin();
        let row = parse_audit_event(EVENT, &o).unwrap();
        assert_eq!(row.operation_name.as_deref(), Some("create"));
        assert_eq!(row.action_type, "Create");
        assert_eq!(row.ip_address.as_deref(), Some("20.1.2.3"));
        assert_eq!(row.subresource.as_deref(), Some("exec"));
        assert_eq!(row.response_code, Some(101));
        assert_eq!(row.namespace.as_deref(), Some("kube-system"));
        assert_eq!(row.username.as_deref(), Some("alice@contoso.com"));
        assert_eq!(
            row.resource_id.as_deref(),
            Some("/api/v1/namespaces/kube-system/pods/coredns-1/exec")
        );
        assert_eq!(
            row.timestamp,
            parse_timestamp_micros("2026-11-20T10:00:00.5Z")
        );
        assert_eq!(row.azure_resource_id, o.cluster);
        let raw: serde_json::Value = serde_json::from_str(&row.raw_event_data).unwrap();
        assert_eq!(raw["ObjectRef"]["resource"], "pods");
        assert_eq!(raw["ResponseStatus"]["code"], 101);
        assert_eq!(raw["User"]["username"], "alice@contoso.com");
        assert_eq!(
            raw["RequestURI"],
            "/api/v1/namespaces/kube-system/pods/coredns-1/exec?command=sh&container=c"
        );
        assert_eq!(
            raw["Custom"]["Nested"], 1,
            "unknown keys: first letter upper-cased, nested kept"
        );
        assert_eq!(raw["APIVersion"], "audit.k8s.io/v1");
    }

    #[test]
    fn raw_event_data_round_trips_nested_values_exactly() {
        let o = origin();
        let row = parse_audit_event(EVENT, &o).unwrap();
        let original: serde_json::Value = serde_json::from_str(EVENT).unwrap();
        let raw: serde_json::Value = serde_json::from_str(&row.raw_event_data).unwrap();
        for (k, v) in original.as_object().unwrap() {
            assert_eq!(&raw[go_case(k).as_ref()], v, "{k}");
        }
        assert_eq!(
            raw.as_object().unwrap().len(),
            original.as_object().unwrap().len()
        );
    }

    #[test]
    fn wrong_types_are_named() {
        let o = origin();
        let err = parse_audit_event(r#"{"kind": 0}"#, &o).err().unwrap();
        assert!(err.contains("field `kind`"), "{err}");
        let err = parse_audit_event(r#"{"kind":"Event","verb":"get","sourceIPs":"1.2.3.4"}"#, &o)
            .err()
            .unwrap();
        assert!(err.contains("field `sourceIPs`"), "{err}");
        let err = parse_audit_event(
            r#"{"kind":"Event","verb":"get","responseStatus":{"code":"200"}}"#,
            &o,
        )
        .err()
        .unwrap();
        assert!(err.contains("field `responseStatus`"), "{err}");
        let err = parse_audit_event(
            r#"{"kind":"Event","verb":"get","stageTimestamp":"soon"}"#,
            &o,
        )
        .err()
        .unwrap();
        assert!(err.contains("stageTimestamp"), "{err}");
        let err = parse_audit_event(r#"{"kind":"Event","verb":"get""#, &o)
            .err()
            .unwrap();
        assert!(err.contains("not a JSON object"), "{err}");
        let err = parse_audit_event(r#"{"kind":"Pod","verb":"get"}"#, &o)
            .err()
            .unwrap();
        assert!(err.contains("not an audit"), "{err}");
    }

    #[test]
    fn same_event_twice_has_the_same_identity() {
        let o = origin();
        let a = parse_audit_event(EVENT, &o).unwrap();
        let text = EVENT.replace("\"level\":\"RequestResponse\",", "");
        let b = parse_audit_event(&text, &o).unwrap();
        assert_eq!(a.identity, b.identity);
    }
}
