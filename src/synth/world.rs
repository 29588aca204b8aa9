//! The simulated estate: clusters, their nodes, workloads and the identities that talk to the API
//! server. Built once from the seed; the hot path only reads it.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::json::{push_hex, push_str_go, uuid_string};

/// Where a cluster's audit events go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// AKS: records in Event Hubs Capture files.
    Aks,
    /// A self-managed cluster: raw kube-apiserver JSON lines.
    OnPrem,
}

/// The AKS diagnostic category a cluster streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AuditCategory {
    /// Everything (`kube-audit`).
    KubeAudit,
    /// No `get`/`list` (`kube-audit-admin`).
    KubeAuditAdmin,
}

impl AuditCategory {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AuditCategory::KubeAudit => "kube-audit",
            AuditCategory::KubeAuditAdmin => "kube-audit-admin",
        }
    }
}

/// One identity as it appears in audit events, with its JSON pre-rendered.
#[derive(Clone, Debug)]
pub(crate) struct Actor {
    pub username: String,
    pub source_ip: String,
    pub user_agent: String,
    /// `"user":{...},"sourceIPs":[...],"userAgent":"..."`, escaped as Go would.
    pub fragment: String,
    /// `{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"..."}`.
    pub allow_annotations: String,
}

pub(crate) struct ActorSpec<'a> {
    pub username: &'a str,
    pub uid: Option<&'a str>,
    pub groups: &'a [&'a str],
    pub extra: &'a [(&'a str, &'a str)],
    pub source_ip: &'a str,
    pub user_agent: &'a str,
    /// The RBAC reason of allowed requests ("" for Node authorizer / system:masters).
    pub reason: &'a str,
}

impl Actor {
    pub(crate) fn new(spec: &ActorSpec<'_>) -> Actor {
        let mut f = String::with_capacity(256);
        f.push_str("\"user\":{\"username\":");
        push_str_go(&mut f, spec.username);
        if let Some(uid) = spec.uid {
            f.push_str(",\"uid\":");
            push_str_go(&mut f, uid);
        }
        f.push_str(",\"groups\":[");
        for (i, g) in spec.groups.iter().enumerate() {
            if i > 0 {
                f.push(',');
            }
            push_str_go(&mut f, g);
        }
        f.push(']');
        if !spec.extra.is_empty() {
            f.push_str(",\"extra\":{");
            for (i, (k, v)) in spec.extra.iter().enumerate() {
                if i > 0 {
                    f.push(',');
                }
                push_str_go(&mut f, k);
                f.push_str(":[");
                push_str_go(&mut f, v);
                f.push(']');
            }
            f.push('}');
        }
        f.push_str("},\"sourceIPs\":[");
        push_str_go(&mut f, spec.source_ip);
        f.push_str("],\"userAgent\":");
        push_str_go(&mut f, spec.user_agent);

        let mut a = String::with_capacity(160);
        a.push_str("{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":");
        push_str_go(&mut a, spec.reason);
        a.push('}');
        Actor {
            username: spec.username.to_string(),
            source_ip: spec.source_ip.to_string(),
            user_agent: spec.user_agent.to_string(),
            fragment: f,
            allow_annotations: a,
        }
    }
}

/// A worker node and the kubelet's identity on it.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub name: String,
    pub ip: String,
    pub kubelet: Actor,
}

/// An application deployment with running pods.
#[derive(Clone, Debug)]
pub(crate) struct Workload {
    pub namespace: &'static str,
    pub name: &'static str,
    pub image: &'static str,
    pub replicaset: String,
    pub pods: Vec<String>,
    /// The pods' service account, talking to the API server.
    pub sa: Actor,
    pub sa_name: &'static str,
}

/// A kube-system pod (target of node-local reads and of exec).
#[derive(Clone, Debug)]
pub(crate) struct SystemPod {
    pub name: String,
    pub container: &'static str,
}

/// A component that reads the API (addons, operators) and what it reads.
#[derive(Clone, Debug)]
pub(crate) struct Reader {
    pub actor: Actor,
    pub resources: &'static [&'static str],
    pub namespace: Option<&'static str>,
}

/// Control-plane and add-on identities of one cluster.
#[derive(Clone, Debug)]
pub(crate) struct Actors {
    pub scheduler: Actor,
    /// `system:serviceaccount:kube-system:<name>-controller` identities of kube-controller-manager.
    pub controllers: Vec<(&'static str, Actor)>,
    pub readers: Vec<Reader>,
    pub reviewers: Vec<Actor>,
    /// Leader-election holders: (lease name, actor).
    pub leaders: Vec<(&'static str, Actor)>,
    pub humans: Vec<Actor>,
    /// System identities with `system:masters` (aksService, masterclient, acsService on AKS).
    pub admins: Vec<Actor>,
}

/// AKS-only fields of a cluster's diagnostic records.
#[derive(Clone, Debug)]
pub(crate) struct AksInfo {
    pub ccp_namespace: String,
    pub apiserver_pods: Vec<String>,
    pub controller_manager_pod: String,
    pub autoscaler_pod: String,
    pub guard_pod: String,
    /// Whether records carry `ccpNamespace`, `Cloud`, `Environment`, `UnderlayClass`, `UnderlayName`.
    pub rich_records: bool,
    pub underlay: String,
    /// Fractional digits of the record `time` (7 or 9).
    pub time_digits: u32,
    pub container_id: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub index: usize,
    pub name: String,
    pub flavor: Flavor,
    /// Upper-cased ARM id as AKS writes it; "" for the on-prem cluster.
    pub resource_id: String,
    pub subscription: String,
    pub resource_group: String,
    pub category: AuditCategory,
    pub version: &'static str,
    pub git_commit: &'static str,
    pub nodes: Vec<Node>,
    pub workloads: Vec<Workload>,
    pub system_pods: Vec<SystemPod>,
    pub actors: Actors,
    pub aks: Option<AksInfo>,
    /// `true` when `get`/`list` are in the stream.
    pub reads_logged: bool,
    pub pod_cidr_prefix: &'static str,
}

impl Cluster {
    pub(crate) fn is_aks(&self) -> bool {
        self.flavor == Flavor::Aks
    }

    pub(crate) fn user_agent(&self, binary: &str, suffix: &str) -> String {
        let mut s = format!(
            "{binary}/{} (linux/amd64) kubernetes/{}",
            self.version, self.git_commit
        );
        if !suffix.is_empty() {
            s.push('/');
            s.push_str(suffix);
        }
        s
    }
}

/// The alphabet Kubernetes uses for generated name suffixes.
const K8S_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

pub(crate) fn k8s_suffix(rng: &mut ChaCha8Rng, len: usize) -> String {
    (0..len)
        .map(|_| K8S_ALPHABET[rng.random_range(0..K8S_ALPHABET.len())] as char)
        .collect()
}

pub(crate) fn push_k8s_suffix(out: &mut String, rng: &mut ChaCha8Rng, len: usize) {
    for _ in 0..len {
        out.push(K8S_ALPHABET[rng.random_range(0..K8S_ALPHABET.len())] as char);
    }
}

pub(crate) fn hex_string(rng: &mut ChaCha8Rng, len: usize) -> String {
    let mut s = String::with_capacity(len);
    while s.len() < len {
        let n = (len - s.len()).min(32);
        push_hex(&mut s, rng.random::<u128>(), n);
    }
    s
}

const AKS_NAMES: &[&str] = &[
    "aks-prod-weu-01",
    "aks-payments-neu-02",
    "aks-dev-weu-03",
    "aks-data-eus-04",
    "aks-edge-sea-05",
];
const AKS_RGS: &[&str] = &[
    "rg-aks-prod",
    "rg-payments",
    "rg-aks-dev",
    "rg-data",
    "rg-edge",
];
const VERSIONS: &[(&str, &str)] = &[
    ("v1.29.2", "4b8e819"),
    ("v1.30.4", "a51b3b7"),
    ("v1.28.9", "587f5fe"),
];

/// Public addresses humans connect from (documentation ranges).
pub(crate) const HUMAN_IPS: &[&str] = &[
    "203.0.113.24",
    "198.51.100.77",
    "203.0.113.140",
    "198.51.100.9",
    "192.0.2.61",
];

const HUMANS: &[(&str, &str)] = &[
    (
        "alice@contoso.com",
        "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
    ),
    (
        "bob@contoso.com",
        "kubectl/v1.28.3 (darwin/arm64) kubernetes/a8a1abc",
    ),
    (
        "carol@contoso.com",
        "k9s/v0.32.4 (darwin/arm64) kubernetes/$Format",
    ),
    (
        "dan@contoso.com",
        "kubectl.exe/v1.29.1 (windows/amd64) kubernetes/bc401b9",
    ),
];

/// Builds the clusters: `aks` AKS clusters (index 0..aks) then, if `on_prem`, one self-managed
/// cluster.
pub(crate) fn build_clusters(rng: &mut ChaCha8Rng, aks: usize, on_prem: bool) -> Vec<Cluster> {
    let subscriptions = [uuid_string(rng.random()), uuid_string(rng.random())];
    let mut clusters = Vec::new();
    for i in 0..aks {
        let base = AKS_NAMES[i % AKS_NAMES.len()];
        let name = if i < AKS_NAMES.len() {
            base.to_string()
        } else {
            format!("{base}-{}", i / AKS_NAMES.len())
        };
        let rg = AKS_RGS[i % AKS_RGS.len()].to_string();
        let sub = subscriptions[i % 2].clone();
        let category = if i.is_multiple_of(2) {
            AuditCategory::KubeAudit
        } else {
            AuditCategory::KubeAuditAdmin
        };
        clusters.push(build_cluster(rng, i, name, Flavor::Aks, sub, rg, category));
    }
    if on_prem {
        let i = clusters.len();
        clusters.push(build_cluster(
            rng,
            i,
            "onprem-k8s".to_string(),
            Flavor::OnPrem,
            String::new(),
            String::new(),
            AuditCategory::KubeAudit,
        ));
    }
    clusters
}

pub(crate) fn aks_resource_id(subscription: &str, rg: &str, name: &str) -> String {
    format!(
        "/SUBSCRIPTIONS/{}/RESOURCEGROUPS/{}/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/{}",
        subscription.to_uppercase(),
        rg.to_uppercase(),
        name.to_uppercase()
    )
}

fn build_cluster(
    rng: &mut ChaCha8Rng,
    index: usize,
    name: String,
    flavor: Flavor,
    subscription: String,
    resource_group: String,
    category: AuditCategory,
) -> Cluster {
    let (version, git_commit) = VERSIONS[index % VERSIONS.len()];
    let aks = flavor == Flavor::Aks;
    let resource_id = if aks {
        aks_resource_id(&subscription, &resource_group, &name)
    } else {
        String::new()
    };
    let mut c = Cluster {
        index,
        name,
        flavor,
        resource_id,
        subscription,
        resource_group,
        category,
        version,
        git_commit,
        nodes: Vec::new(),
        workloads: Vec::new(),
        system_pods: Vec::new(),
        actors: Actors {
            scheduler: placeholder_actor(),
            controllers: Vec::new(),
            readers: Vec::new(),
            reviewers: Vec::new(),
            leaders: Vec::new(),
            humans: Vec::new(),
            admins: Vec::new(),
        },
        aks: None,
        reads_logged: category == AuditCategory::KubeAudit,
        pod_cidr_prefix: if aks { "10.244" } else { "10.42" },
    };
    c.nodes = build_nodes(rng, &c);
    c.system_pods = build_system_pods(rng, &c);
    c.workloads = build_workloads(rng, &c);
    c.actors = build_actors(rng, &c);
    if aks {
        c.aks = Some(build_aks_info(rng, index));
    }
    c
}

fn placeholder_actor() -> Actor {
    Actor {
        username: String::new(),
        source_ip: String::new(),
        user_agent: String::new(),
        fragment: String::new(),
        allow_annotations: String::new(),
    }
}

fn build_aks_info(rng: &mut ChaCha8Rng, index: usize) -> AksInfo {
    let rs = hex_string(rng, 10);
    let apiserver_pods = (0..3)
        .map(|_| format!("kube-apiserver-{rs}-{}", k8s_suffix(rng, 5)))
        .collect();
    let region = ["westeurope", "northeurope", "eastus"][index % 3];
    AksInfo {
        ccp_namespace: hex_string(rng, 24),
        apiserver_pods,
        controller_manager_pod: format!(
            "kube-controller-manager-{}-{}",
            hex_string(rng, 10),
            k8s_suffix(rng, 5)
        ),
        autoscaler_pod: format!(
            "cluster-autoscaler-{}-{}",
            hex_string(rng, 10),
            k8s_suffix(rng, 5)
        ),
        guard_pod: format!("guard-{}-{}", hex_string(rng, 10), k8s_suffix(rng, 5)),
        rich_records: index.is_multiple_of(2),
        underlay: format!("hcp-underlay-{region}-cx-{}", rng.random_range(10..900)),
        time_digits: if index.is_multiple_of(2) { 7 } else { 9 },
        container_id: hex_string(rng, 64),
    }
}

fn build_nodes(rng: &mut ChaCha8Rng, c: &Cluster) -> Vec<Node> {
    let count = 3 + c.index % 3;
    let pool_id: u32 = rng.random_range(10_000_000..99_999_999);
    (0..count)
        .map(|i| {
            let (name, ip) = if c.is_aks() {
                let pool = if i < 3 { "nodepool1" } else { "userpool" };
                (
                    format!("aks-{pool}-{pool_id}-vmss{:06}", i),
                    format!("10.224.0.{}", 4 + i),
                )
            } else {
                (
                    format!("k8s-worker-{:02}", i + 1),
                    format!("192.168.10.{}", 21 + i),
                )
            };
            let username = format!("system:node:{name}");
            let ua = c.user_agent("kubelet", "");
            let kubelet = Actor::new(&ActorSpec {
                username: &username,
                uid: None,
                groups: &["system:nodes", "system:authenticated"],
                extra: &[],
                source_ip: &ip,
                user_agent: &ua,
                reason: "",
            });
            Node { name, ip, kubelet }
        })
        .collect()
}

fn build_system_pods(rng: &mut ChaCha8Rng, c: &Cluster) -> Vec<SystemPod> {
    let mut pods = Vec::new();
    let mut deployment = |rng: &mut ChaCha8Rng, name: &str, container: &'static str, n: usize| {
        let rs = k8s_suffix(rng, 10);
        for _ in 0..n {
            pods.push(SystemPod {
                name: format!("{name}-{rs}-{}", k8s_suffix(rng, 5)),
                container,
            });
        }
    };
    deployment(rng, "coredns", "coredns", 2);
    deployment(rng, "metrics-server", "metrics-server", 2);
    if c.is_aks() {
        deployment(rng, "coredns-autoscaler", "autoscaler", 1);
        deployment(rng, "konnectivity-agent", "konnectivity-agent", 2);
    }
    let daemonsets: &[(&str, &'static str)] = if c.is_aks() {
        &[
            ("kube-proxy", "kube-proxy"),
            ("azure-ip-masq-agent", "azure-ip-masq-agent"),
            ("cloud-node-manager", "cloud-node-manager"),
            ("csi-azuredisk-node", "azuredisk"),
            ("ama-logs", "ama-logs"),
        ]
    } else {
        &[("kube-proxy", "kube-proxy"), ("calico-node", "calico-node")]
    };
    for _ in &c.nodes {
        for (ds, container) in daemonsets {
            pods.push(SystemPod {
                name: format!("{ds}-{}", k8s_suffix(rng, 5)),
                container,
            });
        }
    }
    pods
}

struct WorkloadDef {
    namespace: &'static str,
    name: &'static str,
    image: &'static str,
    sa: &'static str,
    replicas: usize,
}

const WORKLOADS: &[WorkloadDef] = &[
    WorkloadDef {
        namespace: "shop",
        name: "frontend",
        image: "contosoacr.azurecr.io/shop/frontend:2.14.1",
        sa: "frontend",
        replicas: 3,
    },
    WorkloadDef {
        namespace: "shop",
        name: "orders-api",
        image: "contosoacr.azurecr.io/shop/orders-api:1.9.0",
        sa: "orders-api",
        replicas: 2,
    },
    WorkloadDef {
        namespace: "shop",
        name: "payments-api",
        image: "contosoacr.azurecr.io/shop/payments-api:3.2.7",
        sa: "payments-api",
        replicas: 2,
    },
    WorkloadDef {
        namespace: "monitoring",
        name: "prometheus-server",
        image: "quay.io/prometheus/prometheus:v2.51.1",
        sa: "prometheus-server",
        replicas: 1,
    },
    WorkloadDef {
        namespace: "monitoring",
        name: "grafana",
        image: "docker.io/grafana/grafana:10.4.1",
        sa: "grafana",
        replicas: 1,
    },
    WorkloadDef {
        namespace: "ingress-nginx",
        name: "ingress-nginx-controller",
        image: "registry.k8s.io/ingress-nginx/controller:v1.10.0",
        sa: "ingress-nginx",
        replicas: 2,
    },
    WorkloadDef {
        namespace: "default",
        name: "hello-world",
        image: "mcr.microsoft.com/azuredocs/aks-helloworld:v1",
        sa: "default",
        replicas: 1,
    },
];

fn build_workloads(rng: &mut ChaCha8Rng, c: &Cluster) -> Vec<Workload> {
    WORKLOADS
        .iter()
        .map(|d| {
            let replicaset = format!("{}-{}", d.name, k8s_suffix(rng, 10));
            let pods: Vec<String> = (0..d.replicas)
                .map(|_| format!("{replicaset}-{}", k8s_suffix(rng, 5)))
                .collect();
            let username = format!("system:serviceaccount:{}:{}", d.namespace, d.sa);
            let ip = format!(
                "{}.{}.{}",
                c.pod_cidr_prefix,
                rng.random_range(0..8),
                rng.random_range(2..250)
            );
            let ua = format!("{}/v0.0.0 (linux/amd64) kubernetes/$Format", d.name);
            let ns_group = format!("system:serviceaccounts:{}", d.namespace);
            let pod_uid = uuid_string(rng.random());
            let node = &c.nodes[rng.random_range(0..c.nodes.len())].name;
            let reason = format!(
                "RBAC: allowed by RoleBinding \"{0}-reader/{1}\" of Role \"{0}-reader\" to ServiceAccount \"{2}/{1}\"",
                d.name, d.namespace, d.sa
            );
            let uid = uuid_string(rng.random());
            let sa = Actor::new(&ActorSpec {
                username: &username,
                uid: Some(&uid),
                groups: &["system:serviceaccounts", &ns_group, "system:authenticated"],
                extra: &[
                    ("authentication.kubernetes.io/node-name", node),
                    ("authentication.kubernetes.io/pod-name", &pods[0]),
                    ("authentication.kubernetes.io/pod-uid", &pod_uid),
                ],
                source_ip: &ip,
                user_agent: &ua,
                reason: &reason,
            });
            Workload {
                namespace: d.namespace,
                name: d.name,
                image: d.image,
                replicaset,
                pods,
                sa,
                sa_name: d.sa,
            }
        })
        .collect()
}

fn ccp_ip(rng: &mut ChaCha8Rng, c: &Cluster) -> String {
    if c.is_aks() {
        format!(
            "172.31.{}.{}",
            rng.random_range(0..64),
            rng.random_range(2..250)
        )
    } else {
        "192.168.10.10".to_string()
    }
}

fn pod_ip(rng: &mut ChaCha8Rng, c: &Cluster) -> String {
    format!(
        "{}.{}.{}",
        c.pod_cidr_prefix,
        rng.random_range(0..8),
        rng.random_range(2..250)
    )
}

fn rbac_reason(binding: &str, role: &str, subject_kind: &str, subject: &str) -> String {
    format!(
        "RBAC: allowed by ClusterRoleBinding \"{binding}\" of ClusterRole \"{role}\" to {subject_kind} \"{subject}\""
    )
}

/// A kube-system service account running in a pod (with the 1.29+ pod-bound token `extra`).
fn kube_system_sa(rng: &mut ChaCha8Rng, c: &Cluster, sa: &str, ua: &str, role: &str) -> Actor {
    let username = format!("system:serviceaccount:kube-system:{sa}");
    let ip = pod_ip(rng, c);
    let uid = uuid_string(rng.random());
    let pod = format!("{sa}-{}-{}", k8s_suffix(rng, 10), k8s_suffix(rng, 5));
    let pod_uid = uuid_string(rng.random());
    let node = &c.nodes[rng.random_range(0..c.nodes.len())].name;
    let reason = rbac_reason(role, role, "ServiceAccount", &format!("{sa}/kube-system"));
    Actor::new(&ActorSpec {
        username: &username,
        uid: Some(&uid),
        groups: &[
            "system:serviceaccounts",
            "system:serviceaccounts:kube-system",
            "system:authenticated",
        ],
        extra: &[
            ("authentication.kubernetes.io/node-name", node),
            ("authentication.kubernetes.io/pod-name", &pod),
            ("authentication.kubernetes.io/pod-uid", &pod_uid),
        ],
        source_ip: &ip,
        user_agent: ua,
        reason: &reason,
    })
}

const CONTROLLERS: &[&str] = &[
    "replicaset-controller",
    "deployment-controller",
    "endpointslice-controller",
    "endpoint-controller",
    "daemon-set-controller",
    "generic-garbage-collector",
    "namespace-controller",
    "job-controller",
    "horizontal-pod-autoscaler",
    "resourcequota-controller",
];

fn build_actors(rng: &mut ChaCha8Rng, c: &Cluster) -> Actors {
    let kcm_ip = ccp_ip(rng, c);
    let controller_manager = Actor::new(&ActorSpec {
        username: "system:kube-controller-manager",
        uid: None,
        groups: &["system:authenticated"],
        extra: &[],
        source_ip: &kcm_ip,
        user_agent: &c.user_agent("kube-controller-manager", "leader-election"),
        reason: &rbac_reason(
            "system:kube-controller-manager",
            "system:kube-controller-manager",
            "User",
            "system:kube-controller-manager",
        ),
    });
    let sched_ip = ccp_ip(rng, c);
    let scheduler = Actor::new(&ActorSpec {
        username: "system:kube-scheduler",
        uid: None,
        groups: &["system:authenticated"],
        extra: &[],
        source_ip: &sched_ip,
        user_agent: &c.user_agent("kube-scheduler", "scheduler"),
        reason: &rbac_reason(
            "system:kube-scheduler",
            "system:kube-scheduler",
            "User",
            "system:kube-scheduler",
        ),
    });
    let controllers = CONTROLLERS
        .iter()
        .map(|&name| {
            let username = format!("system:serviceaccount:kube-system:{name}");
            let uid = uuid_string(rng.random());
            let ua = c.user_agent("kube-controller-manager", &username);
            let role = format!("system:controller:{name}");
            let reason = rbac_reason(
                &role,
                &role,
                "ServiceAccount",
                &format!("{name}/kube-system"),
            );
            let actor = Actor::new(&ActorSpec {
                username: &username,
                uid: Some(&uid),
                groups: &[
                    "system:serviceaccounts",
                    "system:serviceaccounts:kube-system",
                    "system:authenticated",
                ],
                extra: &[],
                source_ip: &kcm_ip,
                user_agent: &ua,
                reason: &reason,
            });
            (name, actor)
        })
        .collect();

    let readers = build_readers(rng, c);
    let metrics_ua = "metrics-server/v0.6.4 (linux/amd64) kubernetes/$Format";
    let mut reviewers = vec![kube_system_sa(
        rng,
        c,
        "metrics-server",
        metrics_ua,
        "system:metrics-server",
    )];
    if c.is_aks() {
        reviewers.push(kube_system_sa(
            rng,
            c,
            "azure-policy",
            "azure-policy/v1.4.0 (linux/amd64) kubernetes/$Format",
            "policy-agent",
        ));
    }
    let mut leaders = vec![
        ("kube-controller-manager", controller_manager.clone()),
        ("kube-scheduler", scheduler.clone()),
    ];
    if c.is_aks() {
        let ccm_ip = ccp_ip(rng, c);
        let ccm = Actor::new(&ActorSpec {
            username: "system:serviceaccount:kube-system:cloud-controller-manager",
            uid: Some(&uuid_string(rng.random())),
            groups: &[
                "system:serviceaccounts",
                "system:serviceaccounts:kube-system",
                "system:authenticated",
            ],
            extra: &[],
            source_ip: &ccm_ip,
            user_agent: "cloud-controller-manager/v1.29.8 (linux/amd64) kubernetes/$Format/leader-election",
            reason: &rbac_reason(
                "system:cloud-controller-manager",
                "system:cloud-controller-manager",
                "ServiceAccount",
                "cloud-controller-manager/kube-system",
            ),
        });
        leaders.push(("cloud-controller-manager", ccm));
        leaders.push((
            "cluster-autoscaler",
            kube_system_sa(
                rng,
                c,
                "cluster-autoscaler",
                "cluster-autoscaler/v1.29.0 (linux/amd64) kubernetes/$Format",
                "cluster-autoscaler",
            ),
        ));
    }
    Actors {
        scheduler,
        controllers,
        readers,
        reviewers,
        leaders,
        humans: build_humans(rng, c),
        admins: build_admins(rng, c),
    }
}

fn build_readers(rng: &mut ChaCha8Rng, c: &Cluster) -> Vec<Reader> {
    let mut defs: Vec<(&str, &str, &'static [&'static str], Option<&'static str>)> = vec![
        (
            "coredns",
            "coredns/v1.11.1 (linux/amd64) kubernetes/$Format",
            &["endpointslices", "services", "namespaces"],
            None,
        ),
        (
            "metrics-server",
            "metrics-server/v0.6.4 (linux/amd64) kubernetes/$Format",
            &["nodes", "pods", "configmaps"],
            None,
        ),
        (
            "kube-proxy",
            "kube-proxy/v1.29.2 (linux/amd64) kubernetes/4b8e819",
            &["services", "endpointslices", "nodes"],
            None,
        ),
    ];
    if c.is_aks() {
        defs.extend_from_slice(&[
            (
                "azure-policy",
                "azure-policy/v1.4.0 (linux/amd64) kubernetes/$Format",
                &["constrainttemplates", "namespaces", "pods", "configmaps"],
                None,
            ),
            (
                "ama-logs",
                "ama-logs/v3.1.19 (linux/amd64) kubernetes/$Format",
                &["pods", "nodes", "events", "services", "deployments"],
                None,
            ),
            (
                "cloud-node-manager",
                "cloud-node-manager/v1.29.8 (linux/amd64) kubernetes/$Format",
                &["nodes"],
                None,
            ),
            (
                "csi-azuredisk-node-sa",
                "azuredisk.csi.azure.com/v1.29.5 (linux/amd64) kubernetes/$Format",
                &["nodes", "csinodes", "volumeattachments"],
                None,
            ),
            (
                "konnectivity-agent",
                "proxy-agent/v0.1.5 (linux/amd64) kubernetes/$Format",
                &["leases"],
                Some("kube-system"),
            ),
        ]);
    } else {
        defs.push((
            "calico-node",
            "calico-node/v3.27.2 (linux/amd64) kubernetes/$Format",
            &["nodes", "pods", "namespaces", "serviceaccounts"],
            None,
        ));
    }
    defs.into_iter()
        .map(|(sa, ua, resources, namespace)| Reader {
            actor: kube_system_sa(rng, c, sa, ua, &format!("system:{sa}")),
            resources,
            namespace,
        })
        .collect()
}

fn build_humans(rng: &mut ChaCha8Rng, c: &Cluster) -> Vec<Actor> {
    let group = uuid_string(rng.random());
    HUMANS
        .iter()
        .enumerate()
        .map(|(i, (upn, ua))| {
            let username = if c.is_aks() {
                (*upn).to_string()
            } else {
                format!("oidc:{upn}")
            };
            let oid = uuid_string(rng.random());
            let reason = rbac_reason("aks-cluster-admins", "cluster-admin", "Group", &group);
            let extra: &[(&str, &str)] = if c.is_aks() { &[("oid", &oid)] } else { &[] };
            Actor::new(&ActorSpec {
                username: &username,
                uid: None,
                groups: &[&group, "system:authenticated"],
                extra,
                source_ip: HUMAN_IPS[i % HUMAN_IPS.len()],
                user_agent: ua,
                reason: &reason,
            })
        })
        .collect()
}

fn build_admins(rng: &mut ChaCha8Rng, c: &Cluster) -> Vec<Actor> {
    let masters: &[&str] = &["system:masters", "system:authenticated"];
    let ccp = ccp_ip(rng, c);
    let kubectl = c.user_agent("kubectl", "");
    let mk = |username: &str, ip: &str, ua: &str| {
        Actor::new(&ActorSpec {
            username,
            uid: None,
            groups: masters,
            extra: &[],
            source_ip: ip,
            user_agent: ua,
            reason: "",
        })
    };
    if c.is_aks() {
        vec![
            mk("aksService", &ccp, "Go-http-client/2.0"),
            mk("masterclient", HUMAN_IPS[3], &kubectl),
            mk(
                "acsService",
                &ccp,
                "addon-manager/v9.1.3 (linux/amd64) kubernetes/$Format",
            ),
        ]
    } else {
        vec![mk("kubernetes-admin", "192.168.10.5", &kubectl)]
    }
}

/// A stand-alone actor for planted activity (attackers, CI identities).
pub(crate) fn adhoc_actor(
    username: &str,
    groups: &[&str],
    source_ip: &str,
    user_agent: &str,
    reason: &str,
) -> Actor {
    Actor::new(&ActorSpec {
        username,
        uid: None,
        groups,
        extra: &[],
        source_ip,
        user_agent,
        reason,
    })
}

/// `{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""}`.
pub(crate) const FORBID_ANNOTATIONS: &str =
    "{\"authorization.k8s.io/decision\":\"forbid\",\"authorization.k8s.io/reason\":\"\"}";
