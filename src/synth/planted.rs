//! The planted set: rare suspicious activity, near misses the hunts must not return, context for
//! later hunts, and the ground-truth manifest (`_planted.json`) with the exact expected rows of
//! the three published hunts.
//!
//! Every kind is planted in every day-long window of the span, counted back from its end, so a
//! `Timestamp > ago(1d)` filter (with `now()` = end of span) keeps only the last day's items.
//! Items stay at least ten minutes (or a tenth of the window) away from window edges.

use std::collections::BTreeMap;

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::events::{
    Failure, Level, Req, Res, Stage, StageInfo, Target, push_request_uri, res, write_event,
};
use super::expected::{self, HuntRows, RowContext};
use super::json::{
    MICROS_PER_DAY, MICROS_PER_MIN, MICROS_PER_SEC, Micros, push_query_escaped,
    push_rfc3339_micros, push_rfc3339_secs, uuid_string,
};
use super::records::{ArmSpec, arm_record, display_name};
use super::world::{Actor, Cluster, FORBID_ANNOTATIONS, adhoc_actor, aks_resource_id, k8s_suffix};

/// The hunts the manifest predicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hunt {
    PrivilegedPod,
    ExecKubeSystem,
    ClusterAdminBinding,
}

/// What a planted item is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Returned by its hunt.
    Hit,
    /// Looks like its hunt's target but must not be returned (see `note`).
    NearMiss,
    /// Not targeted by the three hunts (deletes, node changes, ARM operations, ...).
    Context,
}

/// Where a planted event was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An Event Hubs Capture file (AKS cluster).
    Capture,
    /// A JSON-lines audit log (the on-prem cluster).
    Jsonl,
}

/// Kinds of planted activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlantedKind {
    PrivilegedPod,
    PrivilegedPodSecondContainer,
    PrivilegedPodTwoContainers,
    /// The `RequestReceived` stage of a privileged-pod request (no responseStatus); its
    /// `ResponseComplete` stage is a separate `privileged_pod` item with the same auditID.
    PrivilegedPodRequestReceived,
    PrivilegedPodDenied,
    UnprivilegedPod,
    ExecKubeSystem,
    ExecTunnelfront,
    ExecKonnectivity,
    ExecAksLink,
    ExecDefaultNamespace,
    /// kubectl >= 1.30 exec over WebSockets: `verb: get`, code 101. The published hunt
    /// requires `create` and misses it (a known gap).
    ExecWebsocketGet,
    ExecDenied,
    ClusterAdminBinding,
    ClusterAdminBindingByAcsService,
    ViewRoleBinding,
    ClusterAdminBindingDenied,
    DeleteDeployment,
    DeleteDeploymentFailed,
    DeletePod,
    DeletePodFailed,
    DeleteNode,
    DeleteNodeFailed,
    NodeUpdate,
    NodePatch,
    SecretsListUnusualUser,
    AnonymousRequest,
    ArmClusterDelete,
    ArmClusterDeleteFailed,
    ArmAgentPoolWrite,
}

impl PlantedKind {
    pub const ALL: [PlantedKind; 30] = [
        PlantedKind::PrivilegedPod,
        PlantedKind::PrivilegedPodSecondContainer,
        PlantedKind::PrivilegedPodTwoContainers,
        PlantedKind::PrivilegedPodRequestReceived,
        PlantedKind::PrivilegedPodDenied,
        PlantedKind::UnprivilegedPod,
        PlantedKind::ExecKubeSystem,
        PlantedKind::ExecTunnelfront,
        PlantedKind::ExecKonnectivity,
        PlantedKind::ExecAksLink,
        PlantedKind::ExecDefaultNamespace,
        PlantedKind::ExecWebsocketGet,
        PlantedKind::ExecDenied,
        PlantedKind::ClusterAdminBinding,
        PlantedKind::ClusterAdminBindingByAcsService,
        PlantedKind::ViewRoleBinding,
        PlantedKind::ClusterAdminBindingDenied,
        PlantedKind::DeleteDeployment,
        PlantedKind::DeleteDeploymentFailed,
        PlantedKind::DeletePod,
        PlantedKind::DeletePodFailed,
        PlantedKind::DeleteNode,
        PlantedKind::DeleteNodeFailed,
        PlantedKind::NodeUpdate,
        PlantedKind::NodePatch,
        PlantedKind::SecretsListUnusualUser,
        PlantedKind::AnonymousRequest,
        PlantedKind::ArmClusterDelete,
        PlantedKind::ArmClusterDeleteFailed,
        PlantedKind::ArmAgentPoolWrite,
    ];

    /// The snake_case name used in the manifest.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The hunt this kind is aimed at (as a hit or a near miss).
    pub fn hunt(self) -> Option<Hunt> {
        use PlantedKind::*;
        match self {
            PrivilegedPod
            | PrivilegedPodSecondContainer
            | PrivilegedPodTwoContainers
            | PrivilegedPodRequestReceived
            | PrivilegedPodDenied
            | UnprivilegedPod => Some(Hunt::PrivilegedPod),
            ExecKubeSystem | ExecTunnelfront | ExecKonnectivity | ExecAksLink
            | ExecDefaultNamespace | ExecWebsocketGet | ExecDenied => Some(Hunt::ExecKubeSystem),
            ClusterAdminBinding
            | ClusterAdminBindingByAcsService
            | ViewRoleBinding
            | ClusterAdminBindingDenied => Some(Hunt::ClusterAdminBinding),
            _ => None,
        }
    }

    /// Whether the kind is designed to be returned by its hunt (when in the last day).
    pub fn designed_hit(self) -> bool {
        use PlantedKind::*;
        matches!(
            self,
            PrivilegedPod
                | PrivilegedPodSecondContainer
                | PrivilegedPodTwoContainers
                | ExecKubeSystem
                | ClusterAdminBinding
        )
    }

    /// Why a near miss is not returned (for hunt kinds that are not designed hits).
    fn near_miss_note(self) -> &'static str {
        use PlantedKind::*;
        match self {
            PrivilegedPodRequestReceived => "stage RequestReceived: no responseStatus",
            PrivilegedPodDenied => "denied with 403 by Pod Security admission",
            UnprivilegedPod => "no container has securityContext.privileged true",
            ExecTunnelfront => "pod name starts with tunnelfront- (excluded by the hunt)",
            ExecKonnectivity => "pod name starts with konnectivity- (excluded by the hunt)",
            ExecAksLink => "pod name starts with aks-link (excluded by the hunt)",
            ExecDefaultNamespace => "namespace default, not kube-system",
            ExecWebsocketGet => {
                "known gap: kubectl >= 1.30 exec over WebSockets logs verb get; the hunt requires create"
            }
            ExecDenied => "denied with 403 (code is not 101)",
            ClusterAdminBindingByAcsService => "created by acsService (excluded by the hunt)",
            ViewRoleBinding => "binds role view, not cluster-admin",
            ClusterAdminBindingDenied => "denied with 403",
            _ => "",
        }
    }

    fn is_arm(self) -> bool {
        matches!(
            self,
            PlantedKind::ArmClusterDelete
                | PlantedKind::ArmClusterDeleteFailed
                | PlantedKind::ArmAgentPoolWrite
        )
    }

    /// Kinds whose verb is `get`/`list` (absent from `kube-audit-admin`).
    fn needs_reads(self) -> bool {
        matches!(
            self,
            PlantedKind::ExecWebsocketGet | PlantedKind::SecretsListUnusualUser
        )
    }

    /// Requests planted per day: a fixed base plus so many per million events of that day.
    fn per_day(self, events_per_day: u64) -> u64 {
        let (base, per_million) = if self.designed_hit() {
            (2, 4)
        } else if self.is_arm() {
            (1, 1)
        } else {
            (1, 2)
        };
        base + events_per_day * per_million / 1_000_000
    }
}

/// The audit-event fields of a planted item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedAudit {
    pub audit_id: String,
    pub stage: String,
    pub request_received_timestamp: String,
    pub verb: String,
    pub request_uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subresource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub username: String,
    pub source_ip: String,
    pub user_agent: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_code: Option<u16>,
    /// Containers of a created pod (`privileged` as written, absent when not set).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub containers: Vec<PlantedContainer>,
    /// The exec command, decoded and joined with spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<PlantedSubject>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedContainer {
    pub name: String,
    pub image: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedSubject {
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// The activity-log fields of a planted ARM record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedArm {
    pub operation_name: String,
    pub resource_id: String,
    pub result_type: String,
    pub correlation_id: String,
    pub caller: String,
    pub caller_ip_address: String,
}

/// One planted event (an audit event at one stage, or one activity-log record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedItem {
    /// `<kind>-<n>`, unique.
    pub id: String,
    pub kind: PlantedKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hunt: Option<Hunt>,
    pub outcome: Outcome,
    /// Why a near miss is not returned; empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub source: Source,
    pub cluster: String,
    /// Upper-cased cluster ARM id as AKS writes it; "" for the on-prem (JSON-lines) cluster.
    pub cluster_resource_id: String,
    /// `stageTimestamp` (audit) or `time` (ARM), RFC 3339 with microseconds.
    pub timestamp: String,
    /// `timestamp > end - 1 day`: inside the hunts' `ago(1d)` window.
    pub in_last_day: bool,
    /// How many times the record was written (2 when re-delivered by at-least-once capture).
    pub deliveries: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<PlantedAudit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm: Option<PlantedArm>,
}

/// Expected rows of the three hunts by source, for `now()` = `Planted::end`. Duplicate
/// deliveries are assumed removed (one row per event, keyed by auditID + stage).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// Rows from the AKS capture files (DataSource "Azure Kubernetes Service").
    pub capture: HuntRows,
    /// Rows from the JSON-lines (on-prem) events, computed *without* the
    /// `DataSource == "Azure Kubernetes Service"` filter of the privileged-pod and exec hunts:
    /// keep them for those two only if the JSON-lines rows are labelled that way.
    pub jsonl: HuntRows,
}

/// The ground-truth manifest written to `<out>/_planted.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planted {
    pub seed: u64,
    /// First event time.
    pub start: String,
    /// End of the span: the `now()` the expected rows assume.
    pub end: String,
    /// `end - 1 day`: the `ago(1d)` bound.
    pub cutoff: String,
    pub counts: BTreeMap<PlantedKind, u64>,
    pub items: Vec<PlantedItem>,
    pub expected: Expected,
}

impl Planted {
    /// Items of one kind.
    pub fn items_of(&self, kind: PlantedKind) -> impl Iterator<Item = &PlantedItem> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// Reads a manifest written by the generator.
    pub fn load(path: &std::path::Path) -> anyhow::Result<Planted> {
        use anyhow::Context;
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }
}

/// A record the generator must emit at a fixed time.
pub(crate) enum Payload {
    Audit(String),
    Arm(String),
}

pub(crate) struct Scheduled {
    pub at: Micros,
    pub cluster: usize,
    pub payload: Payload,
    /// Index into `Planted::items`, `None` for background.
    pub item: Option<u32>,
}

pub(crate) struct PlanInput<'a> {
    pub clusters: &'a [Cluster],
    pub start: Micros,
    pub end: Micros,
    pub events: u64,
    pub capture: bool,
    pub seed: u64,
    pub tenant: &'a str,
}

pub(crate) struct Plan {
    pub planted: Planted,
    pub scheduled: Vec<Scheduled>,
}

/// Extra manifest fields of a planted request.
#[derive(Default)]
struct Extra {
    containers: Vec<PlantedContainer>,
    command: Option<String>,
    role_ref: Option<String>,
    subjects: Vec<PlantedSubject>,
}

/// A planted request with owned fields, rendered at one or more stages.
struct PlantedRequest {
    actor: Actor,
    verb: &'static str,
    res: Res,
    /// A non-resource URL instead of `res`.
    path: Option<&'static str>,
    namespace: Option<String>,
    name: Option<String>,
    subresource: Option<&'static str>,
    query: String,
    code: u16,
    failure: Option<(&'static str, String)>,
    level: Level,
    request_object: Option<String>,
    response_object: Option<String>,
    annotations: Option<String>,
    extra: Extra,
    /// (kind of the item, stage, requestReceived, stage time).
    stages: Vec<(PlantedKind, Stage, Micros, Micros)>,
}

impl PlantedRequest {
    fn new(actor: Actor, verb: &'static str, res: Res) -> PlantedRequest {
        PlantedRequest {
            actor,
            verb,
            res,
            path: None,
            namespace: None,
            name: None,
            subresource: None,
            query: String::new(),
            code: 200,
            failure: None,
            level: Level::Metadata,
            request_object: None,
            response_object: None,
            annotations: None,
            extra: Extra::default(),
            stages: Vec::new(),
        }
    }

    fn target(&self) -> Target<'_> {
        if let Some(p) = self.path {
            return Target::Path(p);
        }
        let t = Target::resource(self.res, self.namespace.as_deref(), self.name.as_deref());
        match self.subresource {
            Some(s) => t.sub(s),
            None => t,
        }
    }

    fn req(&self) -> Req<'_> {
        let mut r = Req::new(self.verb, &self.actor, self.target());
        r.query = &self.query;
        r.code = self.code;
        r.failure = self
            .failure
            .as_ref()
            .map(|(reason, message)| Failure { reason, message });
        r.level = self.level;
        r.request_object = self.request_object.as_deref();
        r.response_object = self.response_object.as_deref();
        r.annotations = self.annotations.as_deref();
        r
    }

    /// One `ResponseComplete` stage at `t`.
    fn complete_at(mut self, kind: PlantedKind, t: Micros, rng: &mut ChaCha8Rng) -> Self {
        let lat = rng.random_range(2_000..40_000);
        self.stages
            .push((kind, Stage::ResponseComplete, t - lat, t));
        self
    }
}

const KUBECTL_129: &str = "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819";
const KUBECTL_128: &str = "kubectl/v1.28.3 (darwin/arm64) kubernetes/a8a1abc";
const KUBECTL_131: &str = "kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5";

/// Identities behind planted activity: (username, source IP, user agent).
const SUSPECTS: &[(&str, &str, &str)] = &[
    ("alice@contoso.com", "203.0.113.24", KUBECTL_129),
    ("j.doe@fabrikam.com", "198.51.100.203", KUBECTL_128),
    ("svc-backup@contoso.com", "192.0.2.150", KUBECTL_129),
    (
        "system:serviceaccount:ci:deployer",
        "10.244.3.41",
        KUBECTL_129,
    ),
];

/// Exec commands of planted kube-system execs. Arguments contain no spaces, so the hunt's
/// `url_decode` of the joined `command=` values gives exactly the joined arguments.
const EXEC_COMMANDS: &[&[&str]] = &[
    &["cat", "/etc/kubernetes/azure.json"],
    &["cat", "/var/run/secrets/kubernetes.io/serviceaccount/token"],
    &["sh"],
    &["ls", "-la", "/etc/kubernetes"],
    &["env"],
    &[
        "wget",
        "-qO-",
        "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/",
    ],
];

const IMAGES: &[&str] = &[
    "docker.io/library/alpine:3.19",
    "docker.io/library/ubuntu:22.04",
    "docker.io/library/busybox:1.36",
    "ghcr.io/nicolaka/netshoot:v0.12",
];

const OLDER: &str = "older than 1 day (outside ago(1d))";

struct Planner<'a> {
    input: &'a PlanInput<'a>,
    rng: ChaCha8Rng,
    uri: String,
    items: Vec<PlantedItem>,
    /// Rendered audit JSON of each item (`None` for ARM), for the hunt evaluation.
    events: Vec<Option<String>>,
    scheduled: Vec<Scheduled>,
    counts: BTreeMap<PlantedKind, u64>,
    /// Items so far per kind (for ids).
    ids: BTreeMap<PlantedKind, u32>,
    cutoff: Micros,
}

/// Plans the planted set: renders its events and builds the manifest.
pub(crate) fn plan(input: &PlanInput<'_>, rng: ChaCha8Rng) -> Plan {
    let mut p = Planner {
        input,
        rng,
        uri: String::new(),
        items: Vec::new(),
        events: Vec::new(),
        scheduled: Vec::new(),
        counts: BTreeMap::new(),
        ids: BTreeMap::new(),
        cutoff: input.end - MICROS_PER_DAY,
    };
    let span = (input.end - input.start).max(1);
    let events_per_day = (input.events as u128 * MICROS_PER_DAY as u128 / span as u128) as u64;
    let windows = windows(input.start, input.end);
    for (kind_index, kind) in PlantedKind::ALL.into_iter().enumerate() {
        let eligible: Vec<&Cluster> = input
            .clusters
            .iter()
            .filter(|c| eligible(kind, c, input.capture))
            .collect();
        if eligible.is_empty() {
            continue;
        }
        let mut n = 0u64;
        for &(lo, hi) in &windows {
            let margin = (MICROS_PER_MIN * 10).min((hi - lo) / 10);
            for _ in 0..kind.per_day(events_per_day) {
                // Rotate over the clusters, starting at a different one for each kind.
                let cluster = eligible[((n + kind_index as u64) % eligible.len() as u64) as usize];
                let t = p.rng.random_range(lo + margin..hi - 2 * margin);
                p.plant(kind, cluster, t, n, margin);
                n += 1;
            }
        }
        p.counts.insert(kind, n);
    }
    p.finish()
}

/// Day-long windows counted back from `end`, clipped to the span.
fn windows(start: Micros, end: Micros) -> Vec<(Micros, Micros)> {
    let mut out = Vec::new();
    let mut hi = end;
    while hi > start {
        let lo = (hi - MICROS_PER_DAY).max(start);
        out.push((lo, hi));
        hi = lo;
    }
    out
}

fn eligible(kind: PlantedKind, c: &Cluster, capture: bool) -> bool {
    if kind.is_arm() {
        return c.is_aks() && capture;
    }
    !kind.needs_reads() || c.reads_logged
}

fn aad_actor(username: &str, ip: &str, ua: &str) -> Actor {
    let reason = "RBAC: allowed by ClusterRoleBinding \"aks-cluster-admins\" of ClusterRole \"cluster-admin\" to Group \"5f1c7a3e-2b7d-4a8e-9c51-0d6e3f1b2a90\"";
    if username.starts_with("system:serviceaccount:") {
        return adhoc_actor(
            username,
            &[
                "system:serviceaccounts",
                "system:serviceaccounts:ci",
                "system:authenticated",
            ],
            ip,
            ua,
            "RBAC: allowed by ClusterRoleBinding \"ci-deployer\" of ClusterRole \"cluster-admin\" to ServiceAccount \"deployer/ci\"",
        );
    }
    adhoc_actor(
        username,
        &[
            "5f1c7a3e-2b7d-4a8e-9c51-0d6e3f1b2a90",
            "system:authenticated",
        ],
        ip,
        ua,
        reason,
    )
}

fn suspect(n: u64) -> Actor {
    let (u, ip, ua) = SUSPECTS[(n % SUSPECTS.len() as u64) as usize];
    aad_actor(u, ip, ua)
}

fn forbidden(message: String) -> Option<(&'static str, String)> {
    Some(("Forbidden", message))
}

impl Planner<'_> {
    fn plant(&mut self, kind: PlantedKind, c: &Cluster, t: Micros, n: u64, margin: Micros) {
        use PlantedKind::*;
        match kind {
            PrivilegedPod
            | PrivilegedPodSecondContainer
            | PrivilegedPodTwoContainers
            | PrivilegedPodRequestReceived
            | PrivilegedPodDenied
            | UnprivilegedPod => {
                let r = self.pod_creation(kind, t, n);
                self.emit(c, r);
            }
            ExecKubeSystem | ExecTunnelfront | ExecKonnectivity | ExecAksLink
            | ExecDefaultNamespace | ExecWebsocketGet | ExecDenied => {
                let r = self.exec(kind, c, t, n, margin);
                self.emit(c, r);
            }
            ClusterAdminBinding
            | ClusterAdminBindingByAcsService
            | ViewRoleBinding
            | ClusterAdminBindingDenied => {
                let r = self.binding(kind, t, n);
                self.emit(c, r);
            }
            DeleteDeployment
            | DeleteDeploymentFailed
            | DeletePod
            | DeletePodFailed
            | DeleteNode
            | DeleteNodeFailed => {
                let r = self.delete(kind, c, t, n);
                self.emit(c, r);
            }
            NodeUpdate | NodePatch => {
                let r = self.node_change(kind, c, t, n);
                self.emit(c, r);
            }
            SecretsListUnusualUser => {
                let r = self.secrets_list(c, t, n);
                self.emit(c, r);
            }
            AnonymousRequest => {
                let r = self.anonymous(c, t, n);
                self.emit(c, r);
            }
            ArmClusterDelete | ArmClusterDeleteFailed | ArmAgentPoolWrite => {
                self.arm(kind, c, t, n, margin);
            }
        }
    }

    fn pod_creation(&mut self, kind: PlantedKind, t: Micros, n: u64) -> PlantedRequest {
        use PlantedKind::*;
        let rng = &mut self.rng;
        let prefix = [
            "debug-node",
            "nsenter",
            "hostpath-shell",
            "node-shell",
            "diag",
        ][(n % 5) as usize];
        let name = format!("{prefix}-{}", k8s_suffix(rng, 5));
        let namespace = ["default", "kube-system", "shop", "monitoring"][(n % 4) as usize];
        let image = |i: u64| IMAGES[((n + i) % IMAGES.len() as u64) as usize];
        let containers: Vec<PlantedContainer> = match kind {
            PrivilegedPodSecondContainer => vec![
                container("app", image(0), Some(false)),
                container("shell", image(1), Some(true)),
            ],
            PrivilegedPodTwoContainers => vec![
                container("nsenter", image(0), Some(true)),
                container("debugger", image(1), Some(true)),
            ],
            UnprivilegedPod => vec![
                container("app", image(0), Some(false)),
                container("log-agent", image(1), None),
            ],
            _ => vec![container("shell", image(0), Some(true))],
        };
        let uid = uuid_string(rng.random());
        let request = pod_object(&name, namespace, &containers, None);
        let response = pod_object(&name, namespace, &containers, Some((&uid, t)));
        let mut r = PlantedRequest::new(suspect(n), "create", res::PODS);
        r.namespace = Some(namespace.to_string());
        r.name = Some(name.clone());
        r.level = Level::RequestResponse;
        r.query = "fieldManager=kubectl-run".to_string();
        r.request_object = Some(request.to_string());
        r.extra.containers = containers;
        match kind {
            PrivilegedPodDenied => {
                r.code = 403;
                r.failure = forbidden(format!(
                    "pods \"{name}\" is forbidden: violates PodSecurity \"baseline:latest\": privileged (container \"shell\" must not set securityContext.privileged=true)"
                ));
                r.annotations = Some(format!(
                    "{{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":{},\"pod-security.kubernetes.io/enforce-policy\":\"baseline:latest\"}}",
                    Value::from(r.actor_reason())
                ));
                r.complete_at(kind, t, rng)
            }
            PrivilegedPodRequestReceived => {
                // Logged at RequestReceived and at ResponseComplete (a hit) a moment later.
                r.code = 201;
                r.response_object = Some(response.to_string());
                let lat = rng.random_range(3_000..40_000);
                r.stages
                    .push((PrivilegedPodRequestReceived, Stage::RequestReceived, t, t));
                r.stages
                    .push((PrivilegedPod, Stage::ResponseComplete, t, t + lat));
                r
            }
            _ => {
                r.code = 201;
                r.response_object = Some(response.to_string());
                r.complete_at(kind, t, rng)
            }
        }
    }

    fn exec(
        &mut self,
        kind: PlantedKind,
        c: &Cluster,
        t: Micros,
        n: u64,
        margin: Micros,
    ) -> PlantedRequest {
        use PlantedKind::*;
        let rng = &mut self.rng;
        let rs = k8s_suffix(rng, 10);
        let suffix = k8s_suffix(rng, 5);
        let hunt_pods: Vec<_> = c
            .system_pods
            .iter()
            .filter(|p| !p.name.starts_with("konnectivity-"))
            .collect();
        let (namespace, pod, container) = match kind {
            ExecTunnelfront => (
                "kube-system",
                format!("tunnelfront-{rs}-{suffix}"),
                "tunnel-front",
            ),
            ExecKonnectivity => (
                "kube-system",
                format!("konnectivity-agent-{rs}-{suffix}"),
                "konnectivity-agent",
            ),
            ExecAksLink => ("kube-system", format!("aks-link-{rs}-{suffix}"), "aks-link"),
            ExecDefaultNamespace => {
                let w = c
                    .workloads
                    .iter()
                    .find(|w| w.namespace == "default")
                    .unwrap_or(&c.workloads[0]);
                ("default", w.pods[0].clone(), w.name)
            }
            _ => {
                let p = hunt_pods[(n as usize * 7 + 3) % hunt_pods.len()];
                ("kube-system", p.name.clone(), p.container)
            }
        };
        let command = EXEC_COMMANDS[(n % EXEC_COMMANDS.len() as u64) as usize];
        let mut query = String::new();
        for arg in command {
            query.push_str("command=");
            push_query_escaped(&mut query, arg);
            query.push('&');
        }
        query.push_str("container=");
        push_query_escaped(&mut query, container);
        query.push_str(if command.len() == 1 {
            "&stdin=true&stdout=true&tty=true"
        } else {
            "&stderr=true&stdout=true"
        });
        let actor = if kind == ExecWebsocketGet {
            let (u, ip, _) = SUSPECTS[(n % SUSPECTS.len() as u64) as usize];
            aad_actor(u, ip, KUBECTL_131)
        } else {
            suspect(n)
        };
        let verb = if kind == ExecWebsocketGet {
            "get"
        } else {
            "create"
        };
        let mut r = PlantedRequest::new(actor, verb, res::PODS);
        r.namespace = Some(namespace.to_string());
        r.name = Some(pod.clone());
        r.subresource = Some("exec");
        r.query = query;
        r.extra.command = Some(command.join(" "));
        if kind == ExecDenied {
            r.code = 403;
            r.failure = forbidden(format!(
                "pods \"{pod}\" is forbidden: User \"{}\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"kube-system\"",
                r.actor.username
            ));
            r.annotations = Some(FORBID_ANNOTATIONS.to_string());
            return r.complete_at(kind, t, rng);
        }
        r.code = 101;
        let lat = rng.random_range(5_000..60_000);
        let session = rng.random_range(margin / 20..margin.max(2));
        r.stages.push((kind, Stage::ResponseStarted, t - lat, t));
        r.stages
            .push((kind, Stage::ResponseComplete, t - lat, t + session));
        r
    }

    fn binding(&mut self, kind: PlantedKind, t: Micros, n: u64) -> PlantedRequest {
        use PlantedKind::*;
        let rng = &mut self.rng;
        let actor = if kind == ClusterAdminBindingByAcsService {
            adhoc_actor(
                "acsService",
                &["system:masters", "system:authenticated"],
                "172.31.22.9",
                "addon-manager/v9.1.3 (linux/amd64) kubernetes/$Format",
                "",
            )
        } else {
            suspect(n)
        };
        let (name, role) = match kind {
            ClusterAdminBindingByAcsService => (
                format!("aks-cluster-admin-binding-{}", k8s_suffix(rng, 4)),
                "cluster-admin",
            ),
            ViewRoleBinding => (format!("dev-readers-{}", k8s_suffix(rng, 4)), "view"),
            _ => (
                format!(
                    "{}-{}",
                    [
                        "backup-operator-admin",
                        "ci-deployer-admin",
                        "tmp-debug-admin"
                    ][(n % 3) as usize],
                    k8s_suffix(rng, 4)
                ),
                "cluster-admin",
            ),
        };
        let subjects: Vec<PlantedSubject> = match (kind, n % 3) {
            (ClusterAdminBindingByAcsService, _) => vec![subject("User", "clusterAdmin", None)],
            (_, 0) => vec![subject("User", "j.doe@fabrikam.com", None)],
            (_, 1) => vec![
                subject("ServiceAccount", "default", Some("default")),
                subject("User", "svc-backup@contoso.com", None),
            ],
            _ => vec![subject("Group", "system:authenticated", None)],
        };
        let request = binding_object(&name, role, &subjects, None);
        let uid = uuid_string(rng.random());
        let response = binding_object(&name, role, &subjects, Some((&uid, t)));
        let mut r = PlantedRequest::new(actor, "create", res::CLUSTERROLEBINDINGS);
        r.name = Some(name);
        r.level = Level::RequestResponse;
        r.query = "fieldManager=kubectl-create&fieldValidation=Strict".to_string();
        r.request_object = Some(request.to_string());
        r.extra.role_ref = Some(role.to_string());
        r.extra.subjects = subjects;
        if kind == ClusterAdminBindingDenied {
            r.code = 403;
            r.failure = forbidden(format!(
                "clusterrolebindings.rbac.authorization.k8s.io is forbidden: User \"{}\" cannot create resource \"clusterrolebindings\" in API group \"rbac.authorization.k8s.io\" at the cluster scope",
                r.actor.username
            ));
            r.annotations = Some(FORBID_ANNOTATIONS.to_string());
        } else {
            r.code = 201;
            r.response_object = Some(response.to_string());
        }
        r.complete_at(kind, t, rng)
    }

    fn delete(&mut self, kind: PlantedKind, c: &Cluster, t: Micros, n: u64) -> PlantedRequest {
        use PlantedKind::*;
        let rng = &mut self.rng;
        let w = &c.workloads[(n as usize) % c.workloads.len()];
        let mut r = match kind {
            DeleteDeployment | DeleteDeploymentFailed => {
                let mut r = PlantedRequest::new(suspect(n), "delete", res::DEPLOYMENTS);
                r.namespace = Some(w.namespace.to_string());
                r.name = Some(w.name.to_string());
                r
            }
            DeletePod | DeletePodFailed => {
                let mut r = PlantedRequest::new(suspect(n), "delete", res::PODS);
                if n.is_multiple_of(2) {
                    r.namespace = Some(w.namespace.to_string());
                    r.name = Some(w.pods[0].clone());
                } else {
                    let p = &c.system_pods[(n as usize) % c.system_pods.len()];
                    r.namespace = Some("kube-system".to_string());
                    r.name = Some(p.name.clone());
                }
                r
            }
            _ => {
                let mut r = PlantedRequest::new(suspect(n), "delete", res::NODES);
                r.name = Some(c.nodes[(n as usize) % c.nodes.len()].name.clone());
                r
            }
        };
        r.level = Level::Request;
        r.request_object = Some(
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}"
                .to_string(),
        );
        let failed = matches!(
            kind,
            DeleteDeploymentFailed | DeletePodFailed | DeleteNodeFailed
        );
        let not_found = kind == DeletePodFailed || (kind == DeleteDeploymentFailed && n % 2 == 1);
        if failed && not_found {
            r.code = 404;
            r.failure = Some((
                "NotFound",
                format!(
                    "{}{} \"{}\" not found",
                    r.res.resource,
                    if r.res.group.is_empty() {
                        String::new()
                    } else {
                        format!(".{}", r.res.group)
                    },
                    r.name.as_deref().unwrap_or_default()
                ),
            ));
        } else if failed {
            r.code = 403;
            let scope = match r.namespace.as_deref() {
                Some(ns) => format!("in the namespace \"{ns}\""),
                None => "at the cluster scope".to_string(),
            };
            r.failure = forbidden(format!(
                "{} \"{}\" is forbidden: User \"{}\" cannot delete resource \"{}\" in API group \"{}\" {scope}",
                r.res.resource,
                r.name.as_deref().unwrap_or_default(),
                r.actor.username,
                r.res.resource,
                r.res.group
            ));
            r.annotations = Some(FORBID_ANNOTATIONS.to_string());
        }
        r.complete_at(kind, t, rng)
    }

    fn node_change(&mut self, kind: PlantedKind, c: &Cluster, t: Micros, n: u64) -> PlantedRequest {
        let rng = &mut self.rng;
        let node = &c.nodes[(n as usize + 1) % c.nodes.len()];
        let verb = if kind == PlantedKind::NodeUpdate {
            "update"
        } else {
            "patch"
        };
        let mut r = PlantedRequest::new(suspect(n), verb, res::NODES);
        r.name = Some(node.name.clone());
        r.level = Level::Request;
        let body = if kind == PlantedKind::NodeUpdate {
            json!({
                "kind": "Node", "apiVersion": "v1",
                "metadata": {"name": node.name, "labels": {"kubernetes.io/hostname": node.name, "node-role.kubernetes.io/agent": ""}},
                "spec": {"taints": []}
            })
        } else if n.is_multiple_of(2) {
            json!({"spec": {"unschedulable": true}})
        } else {
            json!({"metadata": {"labels": {"node.kubernetes.io/exclude-from-external-load-balancers": "true"}}})
        };
        r.request_object = Some(body.to_string());
        r.complete_at(kind, t, rng)
    }

    fn secrets_list(&mut self, c: &Cluster, t: Micros, n: u64) -> PlantedRequest {
        let rng = &mut self.rng;
        let actor = if n.is_multiple_of(2) {
            adhoc_actor(
                "system:serviceaccount:default:default",
                &[
                    "system:serviceaccounts",
                    "system:serviceaccounts:default",
                    "system:authenticated",
                ],
                &format!("{}.5.{}", c.pod_cidr_prefix, 10 + n % 200),
                "python-requests/2.31.0",
                "RBAC: allowed by ClusterRoleBinding \"default-sa-admin\" of ClusterRole \"cluster-admin\" to ServiceAccount \"default/default\"",
            )
        } else {
            suspect(n + 1)
        };
        let mut r = PlantedRequest::new(actor, "list", res::SECRETS);
        r.namespace = (n % 3 != 2).then(|| "kube-system".to_string());
        r.query = "limit=500".to_string();
        r.complete_at(PlantedKind::SecretsListUnusualUser, t, rng)
    }

    fn anonymous(&mut self, c: &Cluster, t: Micros, n: u64) -> PlantedRequest {
        let rng = &mut self.rng;
        let actor = adhoc_actor(
            "system:anonymous",
            &["system:unauthenticated"],
            ["192.0.2.77", "198.51.100.14", "203.0.113.99"][(n % 3) as usize],
            ["curl/8.4.0", "python-requests/2.31.0", "Go-http-client/1.1"][(n % 3) as usize],
            "",
        );
        let r = if c.reads_logged && n.is_multiple_of(2) {
            let mut r = PlantedRequest::new(actor, "get", res::PODS);
            r.path = Some("/version");
            r.annotations = Some(
                "{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"system:public-info-viewer\\\" of ClusterRole \\\"system:public-info-viewer\\\" to Group \\\"system:unauthenticated\\\"\"}"
                    .to_string(),
            );
            r
        } else {
            let verb = if c.reads_logged { "list" } else { "create" };
            let mut r = PlantedRequest::new(
                actor,
                verb,
                if c.reads_logged {
                    res::SECRETS
                } else {
                    res::PODS
                },
            );
            r.namespace = Some(
                if c.reads_logged {
                    "kube-system"
                } else {
                    "default"
                }
                .to_string(),
            );
            r.code = 403;
            r.failure = forbidden(format!(
                "{} is forbidden: User \"system:anonymous\" cannot {verb} resource \"{}\" in API group \"\" in the namespace \"{}\"",
                r.res.resource,
                r.res.resource,
                r.namespace.as_deref().unwrap_or_default()
            ));
            r.annotations = Some(FORBID_ANNOTATIONS.to_string());
            r
        };
        r.complete_at(PlantedKind::AnonymousRequest, t, rng)
    }

    fn arm(&mut self, kind: PlantedKind, c: &Cluster, t: Micros, n: u64, margin: Micros) {
        use PlantedKind::*;
        let rng = &mut self.rng;
        let (upn, ip, _) = SUSPECTS[(n % 3) as usize];
        let (resource_id, operation, action, cluster_id) = match kind {
            ArmClusterDelete => {
                let ghost = format!("aks-staging-{:02}", n % 100);
                let id = aks_resource_id(&c.subscription, &c.resource_group, &ghost);
                (
                    id.clone(),
                    "MANAGEDCLUSTERS/DELETE",
                    "managedClusters/delete",
                    id,
                )
            }
            ArmClusterDeleteFailed => (
                c.resource_id.clone(),
                "MANAGEDCLUSTERS/DELETE",
                "managedClusters/delete",
                c.resource_id.clone(),
            ),
            _ => (
                format!(
                    "{}/AGENTPOOLS/{}",
                    c.resource_id,
                    if n.is_multiple_of(2) {
                        "NODEPOOL1"
                    } else {
                        "USERPOOL"
                    }
                ),
                "MANAGEDCLUSTERS/AGENTPOOLS/WRITE",
                "managedClusters/agentPools/write",
                c.resource_id.clone(),
            ),
        };
        let start = ArmSpec {
            time: t,
            resource_id,
            operation: format!("MICROSOFT.CONTAINERSERVICE/{operation}"),
            action: format!("Microsoft.ContainerService/{action}"),
            result_type: "Start",
            result_signature: "Started.",
            status_code: "",
            status_message: None,
            duration_ms: 0,
            correlation_id: uuid_string(rng.random()),
            caller_upn: upn.to_string(),
            caller_name: display_name(upn),
            caller_ip: ip.to_string(),
            tenant_id: self.input.tenant.to_string(),
            principal_id: uuid_string(rng.random()),
        };
        let later = t + rng.random_range(margin / 10..margin.max(2));
        let end = if kind == ArmClusterDeleteFailed {
            ArmSpec {
                time: t + rng.random_range(300_000..2_000_000),
                result_type: "Failure",
                result_signature: "Conflict.ScopeLocked",
                status_code: "Conflict",
                status_message: Some(format!(
                    "{{\"error\":{{\"code\":\"ScopeLocked\",\"message\":\"The scope '{}' cannot perform delete operation because following scope(s) are locked: '/subscriptions/{}/resourceGroups/{}'. Please remove the lock and try again.\"}}}}",
                    c.resource_id.to_lowercase(),
                    c.subscription,
                    c.resource_group
                )),
                duration_ms: rng.random_range(300..2_000),
                ..start.clone()
            }
        } else {
            ArmSpec {
                time: later,
                result_type: "Success",
                result_signature: if kind == ArmClusterDelete {
                    "Succeeded.OK"
                } else {
                    "Succeeded.Created"
                },
                status_code: if kind == ArmClusterDelete {
                    "OK"
                } else {
                    "Created"
                },
                duration_ms: ((later - t) / 1000) as u64,
                ..start.clone()
            }
        };
        for spec in [start, end] {
            let record = arm_record(&spec, &uuid_string(self.rng.random()));
            let mut timestamp = String::new();
            push_rfc3339_micros(&mut timestamp, spec.time);
            let item = PlantedItem {
                id: String::new(),
                kind,
                hunt: None,
                outcome: Outcome::Context,
                note: String::new(),
                source: Source::Capture,
                cluster: c.name.clone(),
                cluster_resource_id: cluster_id.clone(),
                timestamp,
                in_last_day: spec.time > self.cutoff,
                deliveries: 1,
                audit: None,
                arm: Some(PlantedArm {
                    operation_name: spec.operation.clone(),
                    resource_id: spec.resource_id.clone(),
                    result_type: spec.result_type.to_string(),
                    correlation_id: spec.correlation_id.clone(),
                    caller: spec.caller_upn.clone(),
                    caller_ip_address: spec.caller_ip.clone(),
                }),
            };
            self.push(c, spec.time, item, Payload::Arm(record), None);
        }
    }

    /// Renders every stage of `r` and records one item per stage.
    fn emit(&mut self, c: &Cluster, r: PlantedRequest) {
        let audit_id = self.rng.random::<u128>();
        let req = r.req();
        let mut uri = String::new();
        push_request_uri(&mut uri, &req);
        for &(kind, stage, received, at) in &r.stages {
            let mut json = String::new();
            let st = StageInfo {
                audit_id,
                stage,
                received,
                at,
            };
            write_event(&mut json, &req, &st, &mut self.uri);
            let mut timestamp = String::new();
            push_rfc3339_micros(&mut timestamp, at);
            let mut received_ts = String::new();
            push_rfc3339_micros(&mut received_ts, received);
            let (resource, namespace, name, subresource) = match req.target {
                Target::Resource {
                    res,
                    namespace,
                    name,
                    subresource,
                } => (
                    Some(res.resource.to_string()),
                    namespace.map(str::to_string),
                    name.map(str::to_string),
                    subresource.map(str::to_string),
                ),
                Target::Path(_) => (None, None, None, None),
            };
            let item = PlantedItem {
                id: String::new(),
                kind,
                hunt: kind.hunt(),
                outcome: if kind.hunt().is_some() {
                    Outcome::NearMiss
                } else {
                    Outcome::Context
                },
                note: String::new(),
                source: if c.is_aks() {
                    Source::Capture
                } else {
                    Source::Jsonl
                },
                cluster: c.name.clone(),
                cluster_resource_id: c.resource_id.clone(),
                timestamp,
                in_last_day: at > self.cutoff,
                deliveries: 1,
                audit: Some(PlantedAudit {
                    audit_id: uuid_string(audit_id),
                    stage: stage.as_str().to_string(),
                    request_received_timestamp: received_ts,
                    verb: r.verb.to_string(),
                    request_uri: uri.clone(),
                    resource,
                    subresource,
                    namespace,
                    name,
                    username: r.actor.username.clone(),
                    source_ip: r.actor.source_ip.clone(),
                    user_agent: r.actor.user_agent.clone(),
                    response_code: (stage != Stage::RequestReceived).then_some(r.code),
                    containers: r.extra.containers.clone(),
                    command: r.extra.command.clone(),
                    role_ref: r.extra.role_ref.clone(),
                    subjects: r.extra.subjects.clone(),
                }),
                arm: None,
            };
            let event = json.clone();
            self.push(c, at, item, Payload::Audit(json), Some(event));
        }
    }

    fn push(
        &mut self,
        c: &Cluster,
        at: Micros,
        mut item: PlantedItem,
        payload: Payload,
        event: Option<String>,
    ) {
        let index = self.items.len() as u32;
        let n = self.ids.entry(item.kind).or_default();
        item.id = format!("{}-{:04}", item.kind.name(), *n);
        *n += 1;
        self.items.push(item);
        self.events.push(event);
        self.scheduled.push(Scheduled {
            at,
            cluster: c.index,
            payload,
            item: Some(index),
        });
    }

    /// Evaluates the hunts over every planted audit event and fills outcomes and rows.
    fn finish(mut self) -> Plan {
        let mut expected = Expected::default();
        for (item, event) in self.items.iter_mut().zip(&self.events) {
            let Some(event) = event else { continue };
            let Ok(ev) = serde_json::from_str::<Value>(event) else {
                continue;
            };
            let ctx = RowContext {
                timestamp: &item.timestamp,
                azure_resource_id: &item.cluster_resource_id,
            };
            let mut rows = HuntRows {
                privileged_pod: expected::privileged_pod(&ev, &ctx),
                exec_kube_system: expected::exec_kube_system(&ev, &ctx),
                cluster_admin_binding: expected::cluster_admin_binding(&ev, &ctx),
            };
            let matched = !rows.is_empty();
            if item.hunt.is_some() {
                (item.outcome, item.note) = match (matched, item.in_last_day) {
                    (true, true) => (Outcome::Hit, String::new()),
                    (true, false) => (Outcome::NearMiss, OLDER.to_string()),
                    (false, true) => (Outcome::NearMiss, item.kind.near_miss_note().to_string()),
                    (false, false) => (
                        Outcome::NearMiss,
                        format!("{}; also {OLDER}", item.kind.near_miss_note()),
                    ),
                };
            }
            if !item.in_last_day || rows.is_empty() {
                continue;
            }
            let target = match item.source {
                Source::Capture => &mut expected.capture,
                Source::Jsonl => &mut expected.jsonl,
            };
            target.privileged_pod.append(&mut rows.privileged_pod);
            target.exec_kube_system.append(&mut rows.exec_kube_system);
            target
                .cluster_admin_binding
                .append(&mut rows.cluster_admin_binding);
        }
        expected.capture.sort();
        expected.jsonl.sort();
        let fmt = |t: Micros| {
            let mut s = String::new();
            push_rfc3339_micros(&mut s, t);
            s
        };
        let planted = Planted {
            seed: self.input.seed,
            start: fmt(self.input.start),
            end: fmt(self.input.end),
            cutoff: fmt(self.cutoff),
            counts: self.counts,
            items: self.items,
            expected,
        };
        Plan {
            planted,
            scheduled: self.scheduled,
        }
    }
}

impl PlantedRequest {
    fn actor_reason(&self) -> String {
        serde_json::from_str::<Value>(&self.actor.allow_annotations)
            .ok()
            .and_then(|v| {
                v["authorization.k8s.io/reason"]
                    .as_str()
                    .map(str::to_string)
            })
            .unwrap_or_default()
    }
}

fn container(name: &str, image: &str, privileged: Option<bool>) -> PlantedContainer {
    PlantedContainer {
        name: name.to_string(),
        image: image.to_string(),
        privileged,
    }
}

fn subject(kind: &str, name: &str, namespace: Option<&str>) -> PlantedSubject {
    PlantedSubject {
        kind: kind.to_string(),
        name: name.to_string(),
        namespace: namespace.map(str::to_string),
    }
}

/// A Pod as `kubectl run`/`kubectl apply` sends it (`created` = (uid, time) for the response).
fn pod_object(
    name: &str,
    namespace: &str,
    containers: &[PlantedContainer],
    created: Option<(&str, Micros)>,
) -> Value {
    let privileged = containers.iter().any(|c| c.privileged == Some(true));
    let specs: Vec<Value> = containers
        .iter()
        .map(|c| {
            let mut spec = json!({
                "name": c.name,
                "image": c.image,
                "command": ["sleep", "infinity"],
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "imagePullPolicy": "IfNotPresent",
            });
            if let Some(p) = c.privileged {
                spec["securityContext"] = json!({"privileged": p});
            }
            if privileged && c.privileged == Some(true) {
                spec["volumeMounts"] = json!([{"name": "host-root", "mountPath": "/host"}]);
            }
            spec
        })
        .collect();
    let mut metadata = json!({"name": name, "namespace": namespace, "creationTimestamp": null, "labels": {"run": name}});
    let mut status = json!({});
    if let Some((uid, t)) = created {
        let mut ts = String::new();
        push_rfc3339_secs(&mut ts, t);
        metadata["uid"] = json!(uid);
        metadata["resourceVersion"] = json!(((t / MICROS_PER_SEC) % 90_000_000).to_string());
        metadata["creationTimestamp"] = json!(ts);
        status = json!({"phase": "Pending", "qosClass": "BestEffort"});
    }
    let mut spec = json!({
        "containers": specs,
        "restartPolicy": "Never",
        "terminationGracePeriodSeconds": 30,
        "dnsPolicy": "ClusterFirst",
        "securityContext": {},
        "schedulerName": "default-scheduler",
        "enableServiceLinks": true,
    });
    if privileged {
        spec["hostPID"] = json!(true);
        spec["hostNetwork"] = json!(true);
        spec["volumes"] = json!([{"name": "host-root", "hostPath": {"path": "/", "type": ""}}]);
    }
    json!({"kind": "Pod", "apiVersion": "v1", "metadata": metadata, "spec": spec, "status": status})
}

fn binding_object(
    name: &str,
    role: &str,
    subjects: &[PlantedSubject],
    created: Option<(&str, Micros)>,
) -> Value {
    let subjects: Vec<Value> = subjects
        .iter()
        .map(|s| match (&s.namespace, s.kind.as_str()) {
            (Some(ns), _) => json!({"kind": s.kind, "name": s.name, "namespace": ns}),
            (None, _) => {
                json!({"kind": s.kind, "apiGroup": "rbac.authorization.k8s.io", "name": s.name})
            }
        })
        .collect();
    let mut metadata = json!({"name": name, "creationTimestamp": null});
    if let Some((uid, t)) = created {
        let mut ts = String::new();
        push_rfc3339_secs(&mut ts, t);
        metadata = json!({"name": name, "uid": uid, "resourceVersion": ((t / MICROS_PER_SEC) % 90_000_000).to_string(), "creationTimestamp": ts});
    }
    json!({
        "kind": "ClusterRoleBinding",
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "metadata": metadata,
        "subjects": subjects,
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
    })
}
