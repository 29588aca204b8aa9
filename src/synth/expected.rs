//! The three published Defender hunts (`queries/hunts/*.kql`) evaluated over one audit event,
//! literally as their KQL reads, to produce the exact rows they must return.
//!
//! Row field names are the hunts' projected column names, in projection order, so a test can
//! compare query output to these rows directly.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::percent_decode;

/// `privileged-pod.kql`: one row per privileged container of a successful pod creation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PrivilegedPodRow {
    #[serde(rename = "Timestamp")]
    pub timestamp: String,
    #[serde(rename = "AzureResourceId")]
    pub azure_resource_id: String,
    #[serde(rename = "OperationName")]
    pub operation_name: String,
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
    #[serde(rename = "UserAgent")]
    pub user_agent: String,
    #[serde(rename = "PodName")]
    pub pod_name: String,
    #[serde(rename = "PodNamespace")]
    pub pod_namespace: String,
    #[serde(rename = "ContainerName")]
    pub container_name: String,
    #[serde(rename = "Username")]
    pub username: String,
}

/// `exec-kube-system.kql`: `kubectl exec` (verb `create`, code 101) into a kube-system pod.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExecKubeSystemRow {
    #[serde(rename = "Timestamp")]
    pub timestamp: String,
    #[serde(rename = "AzureResourceId")]
    pub azure_resource_id: String,
    #[serde(rename = "OperationName")]
    pub operation_name: String,
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
    #[serde(rename = "UserAgent")]
    pub user_agent: String,
    #[serde(rename = "PodName")]
    pub pod_name: String,
    #[serde(rename = "PodNamespace")]
    pub pod_namespace: String,
    #[serde(rename = "Username")]
    pub username: String,
    #[serde(rename = "ParsedCommand")]
    pub parsed_command: String,
}

/// `cluster-admin-binding.kql`: one row per subject of a new `cluster-admin` binding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClusterAdminBindingRow {
    #[serde(rename = "Timestamp")]
    pub timestamp: String,
    #[serde(rename = "AzureResourceId")]
    pub azure_resource_id: String,
    #[serde(rename = "OperationName")]
    pub operation_name: String,
    #[serde(rename = "ActionTakenBy")]
    pub action_taken_by: String,
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
    #[serde(rename = "UserAgent")]
    pub user_agent: String,
    #[serde(rename = "BindingName")]
    pub binding_name: String,
    #[serde(rename = "SubjectName")]
    pub subject_name: String,
    #[serde(rename = "SubjectKind")]
    pub subject_kind: String,
}

/// Expected rows of the three hunts, each sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HuntRows {
    pub privileged_pod: Vec<PrivilegedPodRow>,
    pub exec_kube_system: Vec<ExecKubeSystemRow>,
    pub cluster_admin_binding: Vec<ClusterAdminBindingRow>,
}

impl HuntRows {
    pub fn is_empty(&self) -> bool {
        self.privileged_pod.is_empty()
            && self.exec_kube_system.is_empty()
            && self.cluster_admin_binding.is_empty()
    }

    pub(crate) fn sort(&mut self) {
        self.privileged_pod.sort();
        self.exec_kube_system.sort();
        self.cluster_admin_binding.sort();
    }

    pub fn len(&self) -> usize {
        self.privileged_pod.len() + self.exec_kube_system.len() + self.cluster_admin_binding.len()
    }
}

/// The columns every row takes from the table rather than from the event.
pub(crate) struct RowContext<'a> {
    pub timestamp: &'a str,
    pub azure_resource_id: &'a str,
}

fn s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// KQL `tostring(x) startswith "20"` on a dynamic value.
fn code_starts_with_20(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.to_string().starts_with("20"),
        Value::String(s) => s.starts_with("20"),
        _ => false,
    }
}

/// KQL `x == "true"` on a dynamic value (a JSON bool compares by its text).
fn is_true(v: &Value) -> bool {
    matches!(v, Value::Bool(true)) || v.as_str() == Some("true")
}

fn first_ip(ev: &Value) -> String {
    s(&ev["sourceIPs"][0])
}

/// Rows `privileged-pod.kql` returns for `ev` (time and DataSource filters excluded).
pub(crate) fn privileged_pod(ev: &Value, ctx: &RowContext<'_>) -> Vec<PrivilegedPodRow> {
    let object_ref = &ev["objectRef"];
    if ev["verb"] != "create"
        || object_ref["resource"] != "pods"
        || !object_ref["subresource"].is_null()
        || !code_starts_with_20(&ev["responseStatus"]["code"])
    {
        return Vec::new();
    }
    let Some(containers) = ev["requestObject"]["spec"]["containers"].as_array() else {
        return Vec::new();
    };
    containers
        .iter()
        .filter(|c| is_true(&c["securityContext"]["privileged"]))
        .map(|c| PrivilegedPodRow {
            timestamp: ctx.timestamp.to_string(),
            azure_resource_id: ctx.azure_resource_id.to_string(),
            operation_name: s(&ev["verb"]),
            ip_address: first_ip(ev),
            user_agent: s(&ev["userAgent"]),
            pod_name: s(&ev["requestObject"]["metadata"]["name"]),
            pod_namespace: s(&object_ref["namespace"]),
            container_name: s(&c["name"]),
            username: s(&ev["user"]["username"]),
        })
        .collect()
}

/// `url_decode(strcat_array(extract_all(@"command=([^\&]*)", uri), " "))`.
pub(crate) fn parsed_command(uri: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = uri;
    while let Some(i) = rest.find("command=") {
        let value = &rest[i + "command=".len()..];
        let end = value.find('&').unwrap_or(value.len());
        parts.push(&value[..end]);
        rest = &value[end..];
    }
    percent_decode(&parts.join(" "))
}

/// Rows `exec-kube-system.kql` returns for `ev` (time and DataSource filters excluded).
pub(crate) fn exec_kube_system(ev: &Value, ctx: &RowContext<'_>) -> Vec<ExecKubeSystemRow> {
    let object_ref = &ev["objectRef"];
    let pod = s(&object_ref["name"]);
    let matches = ev["verb"] == "create"
        && object_ref["resource"] == "pods"
        && ev["responseStatus"]["code"] == 101
        && object_ref["namespace"] == "kube-system"
        && object_ref["subresource"] == "exec"
        && !pod.starts_with("tunnelfront-")
        && !pod.starts_with("konnectivity-")
        && !pod.starts_with("aks-link");
    if !matches {
        return Vec::new();
    }
    vec![ExecKubeSystemRow {
        timestamp: ctx.timestamp.to_string(),
        azure_resource_id: ctx.azure_resource_id.to_string(),
        operation_name: s(&ev["verb"]),
        ip_address: first_ip(ev),
        user_agent: s(&ev["userAgent"]),
        pod_name: pod,
        pod_namespace: s(&object_ref["namespace"]),
        username: s(&ev["user"]["username"]),
        parsed_command: parsed_command(ev["requestURI"].as_str().unwrap_or_default()),
    }]
}

/// Rows `cluster-admin-binding.kql` returns for `ev` (time filter excluded).
pub(crate) fn cluster_admin_binding(
    ev: &Value,
    ctx: &RowContext<'_>,
) -> Vec<ClusterAdminBindingRow> {
    let request = &ev["requestObject"];
    let username = s(&ev["user"]["username"]);
    if ev["verb"] != "create"
        || ev["objectRef"]["resource"] != "clusterrolebindings"
        || !code_starts_with_20(&ev["responseStatus"]["code"])
        || request["roleRef"]["name"] != "cluster-admin"
        || username == "acsService"
    {
        return Vec::new();
    }
    let Some(subjects) = request["subjects"].as_array() else {
        return Vec::new();
    };
    subjects
        .iter()
        .map(|sub| ClusterAdminBindingRow {
            timestamp: ctx.timestamp.to_string(),
            azure_resource_id: ctx.azure_resource_id.to_string(),
            operation_name: s(&ev["verb"]),
            action_taken_by: username.clone(),
            ip_address: first_ip(ev),
            user_agent: s(&ev["userAgent"]),
            binding_name: s(&ev["objectRef"]["name"]),
            subject_name: s(&sub["name"]),
            subject_kind: s(&sub["kind"]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_like_the_hunt() {
        assert_eq!(
            parsed_command(
                "/api/v1/namespaces/kube-system/pods/x/exec?command=cat&command=%2Fetc%2Fkubernetes%2Fazure.json&container=c&stdout=true"
            ),
            "cat /etc/kubernetes/azure.json"
        );
        assert_eq!(parsed_command("/x/exec?container=c"), "");
    }

    #[test]
    fn privileged_pod_matches_json_bool() {
        let ev: Value = serde_json::from_str(
            r#"{"verb":"create","objectRef":{"resource":"pods","namespace":"ns"},
                "responseStatus":{"code":201},"sourceIPs":["1.2.3.4"],"userAgent":"ua",
                "user":{"username":"u"},
                "requestObject":{"metadata":{"name":"p"},"spec":{"containers":[
                    {"name":"a","securityContext":{"privileged":false}},
                    {"name":"b","securityContext":{"privileged":true}},
                    {"name":"c"}]}}}"#,
        )
        .expect("json");
        let ctx = RowContext {
            timestamp: "t",
            azure_resource_id: "r",
        };
        let rows = privileged_pod(&ev, &ctx);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].container_name, "b");
        assert_eq!(rows[0].ip_address, "1.2.3.4");
    }
}
