//! Azure diagnostic records: the AKS resource-log record wrapping an audit event or a klog line,
//! and Azure Resource Manager activity-log records.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::json::{
    MICROS_PER_SEC, Micros, push_escaped, push_iso_frac, push_klog_time, push_u64, uuid_string,
};
use super::world::{AksInfo, Cluster, k8s_suffix};

pub(crate) const DIAGNOSTIC_OPERATION: &str =
    "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read";

/// How `properties.log` of an audit record is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LogForm {
    /// A JSON string holding the event and a trailing newline (what AKS writes).
    String,
    /// The event as a JSON object (what some third-party pipelines deliver).
    Object,
}

fn push_record_head(out: &mut String, c: &Cluster, aks: &AksInfo, category: &str) {
    out.push_str("{\"operationName\":\"");
    out.push_str(DIAGNOSTIC_OPERATION);
    out.push_str("\",\"category\":\"");
    out.push_str(category);
    out.push('"');
    if aks.rich_records {
        out.push_str(",\"ccpNamespace\":\"");
        out.push_str(&aks.ccp_namespace);
        out.push('"');
    }
    out.push_str(",\"resourceId\":\"");
    out.push_str(&c.resource_id);
    out.push_str("\",\"properties\":{\"log\":");
}

fn push_record_tail(out: &mut String, aks: &AksInfo, t: Micros) {
    out.push_str(",\"time\":\"");
    push_iso_frac(out, t, aks.time_digits);
    out.push('"');
    if aks.rich_records {
        out.push_str(
            ",\"Cloud\":\"AzureCloud\",\"Environment\":\"prod\",\"UnderlayClass\":\"hcp-underlay\",\"UnderlayName\":\"",
        );
        out.push_str(&aks.underlay);
        out.push('"');
    }
    out.push('}');
}

/// Appends one `kube-audit`/`kube-audit-admin` record holding `event` (the audit JSON).
/// The record `time` equals the event's `stageTimestamp` (`t`).
pub(crate) fn push_audit_record(
    out: &mut String,
    c: &Cluster,
    aks: &AksInfo,
    t: Micros,
    event: &str,
    form: LogForm,
    apiserver: usize,
) {
    push_record_head(out, c, aks, c.category.as_str());
    match form {
        LogForm::String => {
            out.push('"');
            push_escaped(out, event);
            out.push_str("\\n\"");
        }
        LogForm::Object => out.push_str(event),
    }
    out.push_str(",\"stream\":\"stdout\",\"pod\":\"");
    out.push_str(&aks.apiserver_pods[apiserver % aks.apiserver_pods.len()]);
    out.push_str("\"}");
    push_record_tail(out, aks, t);
}

/// Non-audit control-plane log categories and their share.
const KLOG_CATEGORIES: &[&str] = &[
    "kube-apiserver",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-controller-manager",
    "cluster-autoscaler",
    "guard",
];

/// Appends one non-audit record (a klog line) and returns its category.
pub(crate) fn push_klog_record(
    out: &mut String,
    line: &mut String,
    rng: &mut ChaCha8Rng,
    c: &Cluster,
    aks: &AksInfo,
    t: Micros,
) -> &'static str {
    let category = KLOG_CATEGORIES[rng.random_range(0..KLOG_CATEGORIES.len())];
    line.clear();
    let pod = klog_line(line, rng, c, aks, category, t);
    push_record_head(out, c, aks, category);
    out.push('"');
    push_escaped(out, line);
    out.push_str("\\n\",\"stream\":\"stderr\",\"pod\":\"");
    out.push_str(pod);
    out.push_str("\",\"containerID\":\"");
    out.push_str(&aks.container_id);
    out.push_str("\"}");
    push_record_tail(out, aks, t);
    category
}

fn klog_header(line: &mut String, severity: char, t: Micros, thread: u64, file: &str) {
    line.push(severity);
    push_klog_time(line, t);
    line.push_str(if thread < 10 { "       " } else { "      " });
    push_u64(line, thread);
    line.push(' ');
    line.push_str(file);
    line.push_str("] ");
}

/// Writes a plausible klog line of `category` and returns the emitting pod.
fn klog_line<'a>(
    line: &mut String,
    rng: &mut ChaCha8Rng,
    c: &Cluster,
    aks: &'a AksInfo,
    category: &str,
    t: Micros,
) -> &'a str {
    let w = &c.workloads[rng.random_range(0..c.workloads.len())];
    match category {
        "kube-apiserver" => {
            if rng.random_bool(0.9) {
                klog_header(line, 'I', t, 11, "httplog.go:132");
                line.push_str("\"HTTP\" verb=\"LIST\" URI=\"/api/v1/namespaces/");
                line.push_str(w.namespace);
                line.push_str("/pods?limit=500\" latency=\"");
                push_u64(line, rng.random_range(2..900));
                line.push_str("ms\" userAgent=\"kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819\" audit-ID=\"");
                line.push_str(&uuid_string(rng.random()));
                line.push_str("\" srcIP=\"");
                line.push_str(&c.nodes[0].ip);
                line.push(':');
                push_u64(line, rng.random_range(30_000..60_000));
                line.push_str("\" resp=200");
            } else {
                klog_header(line, 'E', t, 1, "timeout.go:142");
                line.push_str(
                    "post-timeout activity - time-elapsed: 3.2ms, GET \"/api/v1/namespaces/",
                );
                line.push_str(w.namespace);
                line.push_str("/pods\" result: <nil>");
            }
            &aks.apiserver_pods[0]
        }
        "kube-controller-manager" => {
            klog_header(line, 'I', t, 1, "event.go:376");
            line.push_str("\"Event occurred\" object=\"");
            line.push_str(w.namespace);
            line.push('/');
            line.push_str(&w.replicaset);
            line.push_str("\" fieldPath=\"\" kind=\"ReplicaSet\" apiVersion=\"apps/v1\" type=\"Normal\" reason=\"SuccessfulCreate\" message=\"Created pod: ");
            line.push_str(&w.replicaset);
            line.push('-');
            line.push_str(&k8s_suffix(rng, 5));
            line.push('"');
            &aks.controller_manager_pod
        }
        "cluster-autoscaler" => {
            if rng.random_bool(0.5) {
                klog_header(line, 'I', t, 1, "static_autoscaler.go:290");
                line.push_str("Starting main loop");
            } else {
                klog_header(line, 'I', t, 1, "eligibility.go:162");
                line.push_str("Node ");
                line.push_str(&c.nodes[rng.random_range(0..c.nodes.len())].name);
                line.push_str(" unremovable: cpu requested (");
                push_u64(line, rng.random_range(51..99));
                line.push_str("% of allocatable) is above the scale-down utilization threshold");
            }
            &aks.autoscaler_pod
        }
        _ => {
            klog_header(line, 'I', t, 1, "utils.go:121");
            let human = &c.actors.humans[rng.random_range(0..c.actors.humans.len())];
            line.push_str("\"Authenticated\" username=\"");
            line.push_str(&human.username);
            line.push_str("\" provider=\"azure\"");
            &aks.guard_pod
        }
    }
}

/// One Azure activity-log record.
#[derive(Clone, Debug)]
pub(crate) struct ArmSpec {
    pub time: Micros,
    /// Upper-cased ARM id of the target (a cluster or an agent pool).
    pub resource_id: String,
    /// Upper-cased operation, e.g. `MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/DELETE`.
    pub operation: String,
    /// The RBAC action, e.g. `Microsoft.ContainerService/managedClusters/delete`.
    pub action: String,
    pub result_type: &'static str,
    pub result_signature: &'static str,
    pub status_code: &'static str,
    pub status_message: Option<String>,
    pub duration_ms: u64,
    pub correlation_id: String,
    pub caller_upn: String,
    pub caller_name: String,
    pub caller_ip: String,
    pub tenant_id: String,
    pub principal_id: String,
}

/// Renders an activity-log record as it arrives through diagnostic settings.
pub(crate) fn arm_record(spec: &ArmSpec, event_data_id: &str) -> String {
    let mut time = String::new();
    push_iso_frac(&mut time, spec.time, 7);
    let scope = arm_scope(&spec.resource_id);
    let (given, surname) = spec
        .caller_name
        .split_once(' ')
        .unwrap_or((&spec.caller_name, ""));
    let iat = spec.time / MICROS_PER_SEC - 600;
    let mut properties = json!({
        "statusCode": spec.status_code,
        "serviceRequestId": null,
        "eventCategory": "Administrative",
        "entity": scope,
        "message": spec.action,
        "hierarchy": format!("{}/{}", spec.tenant_id, subscription_of(&spec.resource_id)),
    });
    if let Some(m) = &spec.status_message {
        properties["statusMessage"] = json!(m);
    }
    let record = json!({
        "time": time,
        "resourceId": spec.resource_id,
        "operationName": spec.operation,
        "category": "Administrative",
        "resultType": spec.result_type,
        "resultSignature": spec.result_signature,
        "durationMs": spec.duration_ms.to_string(),
        "callerIpAddress": spec.caller_ip,
        "correlationId": spec.correlation_id,
        "identity": {
            "authorization": {
                "scope": scope,
                "action": spec.action,
                "evidence": {
                    "role": "Contributor",
                    "roleAssignmentScope": format!("/subscriptions/{}", subscription_of(&spec.resource_id).to_lowercase()),
                    "roleAssignmentId": spec.principal_id.replace('-', "").chars().rev().collect::<String>(),
                    "roleDefinitionId": "b24988ac618042a0ab8820f7382dd24c",
                    "principalId": spec.principal_id.replace('-', ""),
                    "principalType": "User"
                }
            },
            "claims": {
                "aud": "https://management.core.windows.net/",
                "iss": format!("https://sts.windows.net/{}/", spec.tenant_id),
                "iat": iat.to_string(),
                "nbf": iat.to_string(),
                "exp": (iat + 4_500).to_string(),
                "http://schemas.microsoft.com/claims/authnclassreference": "1",
                "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                "appidacr": "0",
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname": surname,
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": given,
                "ipaddr": spec.caller_ip,
                "name": spec.caller_name,
                "http://schemas.microsoft.com/identity/claims/objectidentifier": spec.principal_id,
                "http://schemas.microsoft.com/identity/claims/scope": "user_impersonation",
                "http://schemas.microsoft.com/identity/claims/tenantid": spec.tenant_id,
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name": spec.caller_upn,
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": spec.caller_upn,
                "ver": "1.0"
            }
        },
        "level": if spec.result_type == "Failure" { "Error" } else { "Information" },
        "location": "global",
        "properties": properties,
        "eventDataId": event_data_id,
    });
    record.to_string()
}

/// `/SUBSCRIPTIONS/X/RESOURCEGROUPS/...` -> `X`.
fn subscription_of(resource_id: &str) -> &str {
    resource_id.split('/').nth(2).unwrap_or_default()
}

/// The ARM id in its original casing style (`/subscriptions/.../managedClusters/name`).
fn arm_scope(upper: &str) -> String {
    let parts: Vec<&str> = upper.split('/').collect();
    let mut out = String::new();
    for p in parts.iter().skip(1) {
        out.push('/');
        let word = match *p {
            "SUBSCRIPTIONS" => "subscriptions".to_string(),
            "RESOURCEGROUPS" => "resourceGroups".to_string(),
            "PROVIDERS" => "providers".to_string(),
            "MICROSOFT.CONTAINERSERVICE" => "Microsoft.ContainerService".to_string(),
            "MANAGEDCLUSTERS" => "managedClusters".to_string(),
            "AGENTPOOLS" => "agentPools".to_string(),
            other => other.to_lowercase(),
        };
        out.push_str(&word);
    }
    out
}

/// Timestamps and ids for a background `az aks get-credentials` (Start + Success).
pub(crate) fn credential_fetch(
    rng: &mut ChaCha8Rng,
    c: &Cluster,
    tenant: &str,
    t: Micros,
) -> [ArmSpec; 2] {
    let human = &c.actors.humans[rng.random_range(0..c.actors.humans.len())];
    let name = display_name(&human.username);
    let start = ArmSpec {
        time: t,
        resource_id: c.resource_id.clone(),
        operation: "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/LISTCLUSTERUSERCREDENTIAL/ACTION"
            .to_string(),
        action: "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"
            .to_string(),
        result_type: "Start",
        result_signature: "Started.",
        status_code: "",
        status_message: None,
        duration_ms: 0,
        correlation_id: uuid_string(rng.random()),
        caller_upn: human.username.clone(),
        caller_name: name,
        caller_ip: human.source_ip.clone(),
        tenant_id: tenant.to_string(),
        principal_id: uuid_string(rng.random()),
    };
    let success = ArmSpec {
        time: t + rng.random_range(200_000..900_000),
        result_type: "Success",
        result_signature: "Succeeded.OK",
        status_code: "OK",
        duration_ms: rng.random_range(200..900),
        ..start.clone()
    };
    [start, success]
}

/// A display name for an Entra ID user principal name (`alice@contoso.com` -> `Alice Martin`).
pub(crate) fn display_name(upn: &str) -> String {
    let local = upn.split('@').next().unwrap_or(upn);
    let local = local.strip_prefix("oidc:").unwrap_or(local);
    let surname = match local {
        "alice" => "Martin",
        "bob" => "Nguyen",
        "carol" => "Schmidt",
        "dan" => "Okafor",
        _ => "User",
    };
    let mut chars = local.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{} {surname}", chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::world::build_clusters;
    use rand::SeedableRng;

    #[test]
    fn records_parse() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let clusters = build_clusters(&mut rng, 2, false);
        for c in &clusters {
            let aks = c.aks.as_ref().expect("aks");
            let mut out = String::new();
            let ev = r#"{"kind":"Event","requestURI":"/a?b=1\u0026c=2"}"#;
            push_audit_record(&mut out, c, aks, 0, ev, LogForm::String, 1);
            let v: serde_json::Value = serde_json::from_str(&out).expect("record");
            let log = v["properties"]["log"].as_str().expect("log string");
            assert!(log.ends_with('\n'));
            let inner: serde_json::Value = serde_json::from_str(log).expect("inner");
            assert_eq!(inner["requestURI"], "/a?b=1&c=2");
            assert_eq!(v["resourceId"], c.resource_id.as_str());
            out.clear();
            push_audit_record(&mut out, c, aks, 0, ev, LogForm::Object, 1);
            let v: serde_json::Value = serde_json::from_str(&out).expect("record");
            assert_eq!(v["properties"]["log"]["kind"], "Event");
            let mut line = String::new();
            for _ in 0..50 {
                out.clear();
                let cat = push_klog_record(&mut out, &mut line, &mut rng, c, aks, 0);
                let v: serde_json::Value = serde_json::from_str(&out).expect("klog record");
                assert_eq!(v["category"], cat);
                assert!(
                    v["properties"]["log"]
                        .as_str()
                        .is_some_and(|l| l.starts_with(['I', 'E']))
                );
            }
            let [a, b] = credential_fetch(&mut rng, c, "t", 1_000_000_000);
            for s in [a, b] {
                let v: serde_json::Value =
                    serde_json::from_str(&arm_record(&s, "x")).expect("arm record");
                assert_eq!(v["category"], "Administrative");
                assert!(
                    v["identity"]["authorization"]["scope"]
                        .as_str()
                        .is_some_and(|s| s
                            .contains("/providers/Microsoft.ContainerService/managedClusters/"))
                );
            }
        }
    }
}
