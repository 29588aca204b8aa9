//! Background traffic: what a busy cluster's API server audits all day long (leases, informer
//! lists and watches, status updates, events, token and access reviews, add-on reads, a little
//! human kubectl work). Never contains the patterns the planted set owns (see `planted.rs`).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::events::{Failure, Level, Req, Stage, StageInfo, Target, res, write_event};
use super::json::{MICROS_PER_SEC, Micros, push_hex, push_query_escaped, push_u64};
use super::objects;
use super::world::{Actor, Cluster, FORBID_ANNOTATIONS, push_k8s_suffix};

/// Kinds of background requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Activity {
    NodeLease,
    LeaderLease,
    NodeStatus,
    KubeletRead,
    Watch,
    ControllerList,
    ControllerWrite,
    EventWrite,
    TokenRequest,
    AccessReview,
    AddonRead,
    AppRead,
    Human,
    SystemAdmin,
    PodChurn,
    Discovery,
    BigObject,
}

impl Activity {
    /// Weight per 10,000 requests, and whether the activity only reads (`get`/`list`).
    fn weight(self) -> (u32, bool) {
        match self {
            Activity::NodeLease => (1500, false),
            Activity::LeaderLease => (1100, false),
            Activity::NodeStatus => (300, false),
            Activity::KubeletRead => (900, true),
            Activity::Watch => (550, false),
            Activity::ControllerList => (350, true),
            Activity::ControllerWrite => (900, false),
            Activity::EventWrite => (600, false),
            Activity::TokenRequest => (250, false),
            Activity::AccessReview => (450, false),
            Activity::AddonRead => (1200, true),
            Activity::AppRead => (550, true),
            Activity::Human => (180, false),
            Activity::SystemAdmin => (100, false),
            Activity::PodChurn => (200, false),
            Activity::Discovery => (350, true),
            Activity::BigObject => (2, false),
        }
    }

    const ALL: [Activity; 17] = [
        Activity::NodeLease,
        Activity::LeaderLease,
        Activity::NodeStatus,
        Activity::KubeletRead,
        Activity::Watch,
        Activity::ControllerList,
        Activity::ControllerWrite,
        Activity::EventWrite,
        Activity::TokenRequest,
        Activity::AccessReview,
        Activity::AddonRead,
        Activity::AppRead,
        Activity::Human,
        Activity::SystemAdmin,
        Activity::PodChurn,
        Activity::Discovery,
        Activity::BigObject,
    ];
}

/// Cumulative weights for one cluster (read-only activities dropped for `kube-audit-admin`).
struct Table {
    cumulative: Vec<(u32, Activity)>,
}

impl Table {
    fn new(reads_logged: bool) -> Table {
        let mut total = 0;
        let cumulative = Activity::ALL
            .iter()
            .filter_map(|&a| {
                let (w, read_only) = a.weight();
                if read_only && !reads_logged {
                    return None;
                }
                total += w;
                Some((total, a))
            })
            .collect();
        Table { cumulative }
    }

    fn pick(&self, rng: &mut ChaCha8Rng) -> Activity {
        let total = self.cumulative.last().map_or(1, |&(t, _)| t);
        let x = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|&(c, _)| c <= x);
        self.cumulative[i].1
    }
}

/// How a request is staged in the log.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// One `ResponseComplete` event.
    Complete,
    /// `ResponseStarted` now, `ResponseComplete` after the given time (watches, exec).
    Long(Micros),
}

/// Reusable text buffers the activities write objects, queries and names into.
#[derive(Default)]
struct Bufs {
    query: String,
    name: String,
    message: String,
    request: String,
    response: String,
}

/// A later stage of a request, already rendered, due at `at`.
pub(crate) struct LaterStage {
    pub at: Micros,
    pub json: String,
}

/// Generates background audit events.
pub(crate) struct Background {
    rng: ChaCha8Rng,
    bufs: Bufs,
    uri: String,
    tables: Vec<Table>,
    /// Recycled strings for later stages.
    pool: Vec<String>,
}

impl Background {
    pub(crate) fn new(rng: ChaCha8Rng, clusters: &[Cluster]) -> Background {
        Background {
            rng,
            bufs: Bufs::default(),
            uri: String::new(),
            tables: clusters
                .iter()
                .map(|c| Table::new(c.reads_logged))
                .collect(),
            pool: Vec::new(),
        }
    }

    /// Gives a later stage's string back for reuse.
    pub(crate) fn recycle(&mut self, mut s: String) {
        if self.pool.len() < 4096 {
            s.clear();
            self.pool.push(s);
        }
    }

    /// Writes the first (or only) stage of a new request of cluster `c` at time `t` into `out`,
    /// returning its later stage if it has one.
    pub(crate) fn next_event(
        &mut self,
        c: &Cluster,
        t: Micros,
        out: &mut String,
    ) -> Option<LaterStage> {
        let activity = self.tables[c.index].pick(&mut self.rng);
        let rng = &mut self.rng;
        let b = &mut self.bufs;
        let (req, shape) = match activity {
            Activity::NodeLease => node_lease(rng, c),
            Activity::LeaderLease => leader_lease(rng, c),
            Activity::NodeStatus => node_status(rng, c, t, b),
            Activity::KubeletRead => kubelet_read(rng, c, b),
            Activity::Watch => watch(rng, c, b),
            Activity::ControllerList => controller_list(rng, c, b),
            Activity::ControllerWrite => controller_write(rng, c, t, b),
            Activity::EventWrite => event_write(rng, c, t, b),
            Activity::TokenRequest => token_request(rng, c),
            Activity::AccessReview => access_review(rng, c, b),
            Activity::AddonRead => addon_read(rng, c, b),
            Activity::AppRead => app_read(rng, c, b),
            Activity::Human => human(rng, c, t, b),
            Activity::SystemAdmin => system_admin(rng, c, t, b),
            Activity::PodChurn => pod_churn(rng, c, t, b),
            Activity::Discovery => discovery(rng, c),
            Activity::BigObject => big_object(rng, c, b),
        };
        emit(
            &mut self.rng,
            &mut self.uri,
            &mut self.pool,
            &req,
            shape,
            t,
            out,
        )
    }
}

/// Server-side latency of a request, in microseconds.
fn latency(rng: &mut ChaCha8Rng, verb: &str) -> Micros {
    match verb {
        "get" => rng.random_range(250..6_000),
        "list" => rng.random_range(800..80_000),
        "watch" => rng.random_range(300..3_000),
        _ => rng.random_range(1_500..35_000),
    }
}

fn emit(
    rng: &mut ChaCha8Rng,
    uri: &mut String,
    pool: &mut Vec<String>,
    req: &Req<'_>,
    shape: Shape,
    t: Micros,
    out: &mut String,
) -> Option<LaterStage> {
    let audit_id = rng.random::<u128>();
    let lat = latency(rng, req.verb);
    match shape {
        Shape::Complete if rng.random_bool(0.02) => {
            // The audit policy also logs RequestReceived for a small share of requests.
            let st = StageInfo {
                audit_id,
                stage: Stage::RequestReceived,
                received: t,
                at: t,
            };
            write_event(out, req, &st, uri);
            let mut json = pool.pop().unwrap_or_default();
            let done = StageInfo {
                stage: Stage::ResponseComplete,
                at: t + lat,
                ..st
            };
            write_event(&mut json, req, &done, uri);
            Some(LaterStage { at: t + lat, json })
        }
        Shape::Complete => {
            let st = StageInfo {
                audit_id,
                stage: Stage::ResponseComplete,
                received: t - lat,
                at: t,
            };
            write_event(out, req, &st, uri);
            None
        }
        Shape::Long(duration) => {
            let st = StageInfo {
                audit_id,
                stage: Stage::ResponseStarted,
                received: t - lat,
                at: t,
            };
            write_event(out, req, &st, uri);
            let mut json = pool.pop().unwrap_or_default();
            let done = StageInfo {
                stage: Stage::ResponseComplete,
                at: t + duration,
                ..st
            };
            write_event(&mut json, req, &done, uri);
            Some(LaterStage {
                at: t + duration,
                json,
            })
        }
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn conflict<'a>(req: &mut Req<'a>, message: &'a str) {
    req.code = 409;
    req.failure = Some(Failure {
        reason: "Conflict",
        message,
    });
}

const LEASE_CONFLICT: &str = "Operation cannot be fulfilled on leases.coordination.k8s.io: the object has been modified; please apply your changes to the latest version and try again";

fn node_lease<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster) -> (Req<'a>, Shape) {
    let node = pick(rng, &c.nodes);
    let target = Target::resource(res::LEASES, Some("kube-node-lease"), Some(&node.name));
    let mut req = Req::new("update", &node.kubelet, target);
    if rng.random_bool(0.004) {
        conflict(&mut req, LEASE_CONFLICT);
    }
    (req, Shape::Complete)
}

fn leader_lease<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster) -> (Req<'a>, Shape) {
    let (lease, actor) = pick(rng, &c.actors.leaders);
    let target = Target::resource(res::LEASES, Some("kube-system"), Some(lease));
    let verb = if c.reads_logged && rng.random_bool(0.45) {
        "get"
    } else {
        "update"
    };
    let mut req = Req::new(verb, actor, target);
    if verb == "update" && rng.random_bool(0.004) {
        conflict(&mut req, LEASE_CONFLICT);
    }
    (req, Shape::Complete)
}

fn node_status<'a>(
    rng: &mut ChaCha8Rng,
    c: &'a Cluster,
    t: Micros,
    b: &'a mut Bufs,
) -> (Req<'a>, Shape) {
    let node = pick(rng, &c.nodes);
    let target = Target::resource(res::NODES, None, Some(&node.name)).sub("status");
    let mut req = Req::new("patch", &node.kubelet, target);
    if rng.random_bool(0.3) {
        // Node status patches carry conditions and images: logged at Request level.
        objects::pod_status_patch(&mut b.request, rng, t);
        req.level = Level::Request;
        req.request_object = Some(&b.request);
    }
    (req, Shape::Complete)
}

fn kubelet_read<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let node = pick(rng, &c.nodes);
    let w = pick(rng, &c.workloads);
    let roll = rng.random_range(0..100);
    let target = match roll {
        0..=39 => Target::resource(
            res::PODS,
            Some(w.namespace),
            Some(pick(rng, &w.pods).as_str()),
        ),
        40..=64 => Target::resource(res::CONFIGMAPS, Some(w.namespace), Some("kube-root-ca.crt")),
        65..=79 => Target::resource(res::NODES, None, Some(&node.name)),
        80..=89 => {
            b.name.clear();
            b.name.push_str(w.name);
            b.name.push_str("-tls");
            Target::resource(res::SECRETS, Some(w.namespace), Some(&b.name))
        }
        _ => Target::resource(res::SERVICEACCOUNTS, Some(w.namespace), Some(w.sa_name)),
    };
    let mut req = Req::new("get", &node.kubelet, target);
    if roll < 40 && rng.random_bool(0.02) {
        b.message.clear();
        b.message.push_str("pods not found");
        req.code = 404;
        req.failure = Some(Failure {
            reason: "NotFound",
            message: &b.message,
        });
    }
    (req, Shape::Complete)
}

fn watch_query(rng: &mut ChaCha8Rng, q: &mut String) -> Micros {
    let timeout = rng.random_range(300..600u64);
    q.clear();
    q.push_str("allowWatchBookmarks=true&resourceVersion=");
    push_u64(q, rng.random_range(1_000_000..90_000_000u64));
    q.push_str("&timeout=");
    push_u64(q, timeout / 60);
    q.push('m');
    push_u64(q, timeout % 60);
    q.push_str("s&timeoutSeconds=");
    push_u64(q, timeout);
    q.push_str("&watch=true");
    timeout as Micros * MICROS_PER_SEC + rng.random_range(0..MICROS_PER_SEC)
}

fn watch<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let duration = watch_query(rng, &mut b.query);
    let roll = rng.random_range(0..10);
    let (actor, resource, namespace): (&Actor, _, Option<&str>) = match roll {
        0..=3 => {
            let r = pick(rng, &c.actors.readers);
            (
                &r.actor,
                res::by_name(pick::<&str>(rng, r.resources)),
                r.namespace,
            )
        }
        4..=7 => {
            let (name, a) = pick(rng, &c.actors.controllers);
            (a, controller_resource(name), None)
        }
        _ => {
            let node = pick(rng, &c.nodes);
            (&node.kubelet, res::PODS, None)
        }
    };
    let mut req = Req::new("watch", actor, Target::resource(resource, namespace, None));
    req.query = &b.query;
    (req, Shape::Long(duration))
}

fn controller_resource(controller: &str) -> super::events::Res {
    match controller {
        "replicaset-controller" => res::REPLICASETS,
        "deployment-controller" => res::DEPLOYMENTS,
        "endpointslice-controller" => res::ENDPOINTSLICES,
        "endpoint-controller" => res::ENDPOINTS,
        "daemon-set-controller" => res::DAEMONSETS,
        "namespace-controller" => res::NAMESPACES,
        "job-controller" => res::JOBS,
        "horizontal-pod-autoscaler" => res::HPAS,
        "resourcequota-controller" => res::PVCS,
        _ => res::PODS,
    }
}

fn controller_list<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let (name, actor) = pick(rng, &c.actors.controllers);
    b.query.clear();
    b.query.push_str("limit=500&resourceVersion=0");
    let mut req = Req::new(
        "list",
        actor,
        Target::resource(controller_resource(name), None, None),
    );
    req.query = &b.query;
    (req, Shape::Complete)
}

fn controller_write<'a>(
    rng: &mut ChaCha8Rng,
    c: &'a Cluster,
    t: Micros,
    b: &'a mut Bufs,
) -> (Req<'a>, Shape) {
    let w = pick(rng, &c.workloads);
    let controllers = &c.actors.controllers;
    let by_name = |name: &str| {
        controllers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a)
            .unwrap_or(&controllers[0].1)
    };
    let roll = rng.random_range(0..100);
    let req = match roll {
        0..=29 => {
            b.name.clear();
            b.name.push_str(w.name);
            b.name.push('-');
            push_k8s_suffix(&mut b.name, rng, 5);
            Req::new(
                "update",
                by_name("endpointslice-controller"),
                Target::resource(res::ENDPOINTSLICES, Some(w.namespace), Some(&b.name)),
            )
        }
        30..=44 => Req::new(
            "update",
            by_name("endpoint-controller"),
            Target::resource(res::ENDPOINTS, Some(w.namespace), Some(w.name)),
        ),
        45..=54 => Req::new(
            "update",
            by_name("deployment-controller"),
            Target::resource(res::DEPLOYMENTS, Some(w.namespace), Some(w.name)).sub("status"),
        ),
        55..=64 => Req::new(
            "update",
            by_name("replicaset-controller"),
            Target::resource(res::REPLICASETS, Some(w.namespace), Some(&w.replicaset))
                .sub("status"),
        ),
        65..=69 => Req::new(
            "update",
            by_name("horizontal-pod-autoscaler"),
            Target::resource(res::HPAS, Some(w.namespace), Some(w.name)).sub("status"),
        ),
        _ => {
            // kubelet reporting pod readiness
            let node = pick(rng, &c.nodes);
            objects::pod_status_patch(&mut b.request, rng, t);
            let mut req = Req::new(
                "patch",
                &node.kubelet,
                Target::resource(
                    res::PODS,
                    Some(w.namespace),
                    Some(pick(rng, &w.pods).as_str()),
                )
                .sub("status"),
            );
            req.level = Level::Request;
            req.request_object = Some(&b.request);
            req
        }
    };
    (req, Shape::Complete)
}

const EVENT_REASONS: &[(&str, &str)] = &[
    ("Pulled", "Container image already present on machine"),
    ("Started", "Started container"),
    ("Created", "Created container"),
    (
        "Unhealthy",
        "Readiness probe failed: HTTP probe failed with statuscode: 503",
    ),
    ("BackOff", "Back-off restarting failed container"),
    ("Scheduled", "Successfully assigned pod to node"),
    ("SuccessfulCreate", "Created pod"),
];

fn event_write<'a>(
    rng: &mut ChaCha8Rng,
    c: &'a Cluster,
    t: Micros,
    b: &'a mut Bufs,
) -> (Req<'a>, Shape) {
    let w = pick(rng, &c.workloads);
    let pod = pick(rng, &w.pods);
    let roll = rng.random_range(0..10);
    let actor = match roll {
        0..=5 => &pick(rng, &c.nodes).kubelet,
        6..=7 => &c.actors.scheduler,
        _ => &c.actors.controllers[0].1,
    };
    b.name.clear();
    b.name.push_str(pod);
    b.name.push('.');
    push_hex(&mut b.name, rng.random(), 16);
    let patch = rng.random_bool(0.35);
    if patch {
        let mut req = Req::new(
            "patch",
            actor,
            Target::resource(res::EVENTS, Some(w.namespace), Some(&b.name)),
        );
        b.request.clear();
        b.request.push_str("{\"count\":");
        push_u64(&mut b.request, rng.random_range(2..400));
        b.request.push('}');
        req.level = Level::Request;
        req.request_object = Some(&b.request);
        return (req, Shape::Complete);
    }
    let (reason, message) = *pick(rng, EVENT_REASONS);
    let source = if roll <= 5 {
        "kubelet"
    } else {
        "default-scheduler"
    };
    objects::k8s_event(
        &mut b.request,
        &objects::EventSpec {
            name: &b.name,
            namespace: w.namespace,
            involved_kind: "Pod",
            involved: pod,
            reason,
            message,
            source,
        },
        t,
    );
    let mut req = Req::new(
        "create",
        actor,
        Target::resource(res::EVENTS, Some(w.namespace), Some(&b.name)),
    );
    req.code = 201;
    req.level = Level::Request;
    req.request_object = Some(&b.request);
    (req, Shape::Complete)
}

fn token_request<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster) -> (Req<'a>, Shape) {
    let node = pick(rng, &c.nodes);
    let w = pick(rng, &c.workloads);
    let target =
        Target::resource(res::SERVICEACCOUNTS, Some(w.namespace), Some(w.sa_name)).sub("token");
    let mut req = Req::new("create", &node.kubelet, target);
    req.code = 201;
    (req, Shape::Complete)
}

fn access_review<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let actor = pick(rng, &c.actors.reviewers);
    let (user, _) = pick(rng, &c.actors.controllers);
    if rng.random_bool(0.35) {
        let mut req = Req::new(
            "create",
            actor,
            Target::resource(res::TOKENREVIEWS, None, None),
        );
        req.code = 201;
        return (req, Shape::Complete);
    }
    b.name.clear();
    b.name.push_str("system:serviceaccount:kube-system:");
    b.name.push_str(user);
    objects::subject_access_review(
        &mut b.request,
        &mut b.response,
        &b.name,
        "/apis/metrics.k8s.io/v1beta1",
        "RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole \"system:discovery\" to Group \"system:authenticated\"",
    );
    let mut req = Req::new("create", actor, Target::resource(res::SARS, None, None));
    req.code = 201;
    req.level = Level::RequestResponse;
    req.request_object = Some(&b.request);
    req.response_object = Some(&b.response);
    (req, Shape::Complete)
}

fn addon_read<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let r = pick(rng, &c.actors.readers);
    let resource = res::by_name(pick::<&str>(rng, r.resources));
    if rng.random_bool(0.6) {
        b.query.clear();
        b.query.push_str("limit=500&resourceVersion=0");
        let mut req = Req::new(
            "list",
            &r.actor,
            Target::resource(resource, r.namespace, None),
        );
        req.query = &b.query;
        return (req, Shape::Complete);
    }
    let name: &str = match resource.resource {
        "nodes" | "csinodes" => &pick(rng, &c.nodes).name,
        "pods" => &pick(rng, &c.system_pods).name,
        "configmaps" => "extension-apiserver-authentication",
        "leases" => "konnectivity-agent",
        _ => pick(rng, &c.workloads).name,
    };
    let ns = r.namespace.or(Some("kube-system"));
    (
        Req::new("get", &r.actor, Target::resource(resource, ns, Some(name))),
        Shape::Complete,
    )
}

fn app_read<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let w = pick(rng, &c.workloads);
    b.name.clear();
    b.name.push_str(w.name);
    let roll = rng.random_range(0..100);
    let resource = if roll < 60 {
        b.name.push_str("-config");
        res::CONFIGMAPS
    } else {
        b.name.push_str("-credentials");
        res::SECRETS
    };
    if roll >= 97 {
        // A misconfigured app reading a kube-system config map: forbidden.
        b.message.clear();
        b.message
            .push_str("configmaps \"cluster-info\" is forbidden: User \"");
        b.message.push_str(&w.sa.username);
        b.message.push_str(
            "\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"kube-system\"",
        );
        let mut req = Req::new(
            "get",
            &w.sa,
            Target::resource(res::CONFIGMAPS, Some("kube-system"), Some("cluster-info")),
        );
        req.code = 403;
        req.failure = Some(Failure {
            reason: "Forbidden",
            message: &b.message,
        });
        req.annotations = Some(FORBID_ANNOTATIONS);
        return (req, Shape::Complete);
    }
    (
        Req::new(
            "get",
            &w.sa,
            Target::resource(resource, Some(w.namespace), Some(&b.name)),
        ),
        Shape::Complete,
    )
}

/// Commands humans run in application pods (never in kube-system: that is planted only).
const APP_COMMANDS: &[&[&str]] = &[
    &["sh"],
    &["bash"],
    &["sh", "-c", "curl -s localhost:8080/healthz"],
    &["env"],
    &["cat", "/app/config.yaml"],
];

fn exec_query(rng: &mut ChaCha8Rng, q: &mut String, container: &str) {
    q.clear();
    let cmd = *pick(rng, APP_COMMANDS);
    for arg in cmd {
        q.push_str("command=");
        push_query_escaped(q, arg);
        q.push('&');
    }
    q.push_str("container=");
    push_query_escaped(q, container);
    q.push_str("&stderr=true&stdin=true&stdout=true&tty=true");
}

fn human<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, t: Micros, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let actor = pick(rng, &c.actors.humans);
    // Application namespaces other than `default` (exec in `default` is a planted near miss).
    let w = loop {
        let w = pick(rng, &c.workloads);
        if w.namespace != "default" {
            break w;
        }
    };
    let roll = if c.reads_logged {
        rng.random_range(0..100)
    } else {
        rng.random_range(55..100)
    };
    let mut req = match roll {
        0..=19 => {
            b.query.clear();
            b.query.push_str("limit=500");
            let mut r = Req::new(
                "list",
                actor,
                Target::resource(res::PODS, Some(w.namespace), None),
            );
            r.query = &b.query;
            r
        }
        20..=34 => Req::new(
            "get",
            actor,
            Target::resource(res::DEPLOYMENTS, Some(w.namespace), Some(w.name)),
        ),
        35..=44 => {
            b.query.clear();
            b.query.push_str("container=");
            b.query.push_str(w.name);
            b.query.push_str("&tailLines=200");
            let mut r = Req::new(
                "get",
                actor,
                Target::resource(
                    res::PODS,
                    Some(w.namespace),
                    Some(pick(rng, &w.pods).as_str()),
                )
                .sub("log"),
            );
            r.query = &b.query;
            r
        }
        45..=54 => Req::new("list", actor, Target::resource(res::NAMESPACES, None, None)),
        55..=74 => {
            objects::deployment_patch(&mut b.request, rng, t);
            objects::deployment(&mut b.response, rng, w, t);
            b.query.clear();
            b.query.push_str("fieldManager=kubectl-rollout");
            let mut r = Req::new(
                "patch",
                actor,
                Target::resource(res::DEPLOYMENTS, Some(w.namespace), Some(w.name)),
            );
            r.query = &b.query;
            r.level = Level::RequestResponse;
            r.request_object = Some(&b.request);
            r.response_object = Some(if rng.random_bool(0.15) {
                objects::SKIPPED_TOO_BIG
            } else {
                &b.response
            });
            r
        }
        75..=84 => {
            b.name.clear();
            b.name.push_str(w.name);
            b.name.push_str("-settings-");
            push_k8s_suffix(&mut b.name, rng, 4);
            objects::config_map(&mut b.request, rng, &b.name, w.namespace);
            b.query.clear();
            b.query
                .push_str("fieldManager=kubectl-create&fieldValidation=Strict");
            let mut r = Req::new(
                "create",
                actor,
                Target::resource(res::CONFIGMAPS, Some(w.namespace), Some(&b.name)),
            );
            r.code = 201;
            r.query = &b.query;
            r.level = Level::RequestResponse;
            r.request_object = Some(&b.request);
            r.response_object = Some(&b.request);
            r
        }
        85..=94 => {
            exec_query(rng, &mut b.query, w.name);
            let mut r = Req::new(
                "create",
                actor,
                Target::resource(
                    res::PODS,
                    Some(w.namespace),
                    Some(pick(rng, &w.pods).as_str()),
                )
                .sub("exec"),
            );
            r.query = &b.query;
            r.code = 101;
            r.level = Level::Request;
            let session = rng.random_range(5..900) * MICROS_PER_SEC;
            return (r, Shape::Long(session));
        }
        _ => {
            let mut r = Req::new(
                "create",
                actor,
                Target::resource(
                    res::PODS,
                    Some(w.namespace),
                    Some(pick(rng, &w.pods).as_str()),
                )
                .sub("portforward"),
            );
            r.code = 101;
            let session = rng.random_range(30..1800) * MICROS_PER_SEC;
            return (r, Shape::Long(session));
        }
    };
    if req.verb == "get" && rng.random_bool(0.03) {
        req.code = 404;
        b.message.clear();
        b.message
            .push_str("the server could not find the requested resource");
        req.failure = Some(Failure {
            reason: "NotFound",
            message: &b.message,
        });
    }
    (req, Shape::Complete)
}

fn system_admin<'a>(
    rng: &mut ChaCha8Rng,
    c: &'a Cluster,
    t: Micros,
    b: &'a mut Bufs,
) -> (Req<'a>, Shape) {
    let actor = pick(rng, &c.actors.admins);
    let roll = if c.reads_logged {
        rng.random_range(0..100)
    } else {
        rng.random_range(40..100)
    };
    let req = match roll {
        0..=19 => Req::new(
            "get",
            actor,
            Target::resource(res::NODES, None, Some(&pick(rng, &c.nodes).name)),
        ),
        20..=39 => Req::new(
            "get",
            actor,
            Target::resource(res::CONFIGMAPS, Some("kube-system"), Some("coredns-custom")),
        ),
        40..=69 => {
            b.request.clear();
            b.request.push_str(
                "{\"metadata\":{\"annotations\":{\"kubernetes.azure.com/reconciled-at\":\"",
            );
            super::json::push_rfc3339_secs(&mut b.request, t);
            b.request.push_str("\"}}}");
            let mut r = Req::new(
                "patch",
                actor,
                Target::resource(
                    res::DAEMONSETS,
                    Some("kube-system"),
                    Some(if c.is_aks() {
                        "cloud-node-manager"
                    } else {
                        "kube-proxy"
                    }),
                ),
            );
            r.level = Level::Request;
            r.request_object = Some(&b.request);
            r
        }
        _ => Req::new(
            "update",
            actor,
            Target::resource(
                res::CONFIGMAPS,
                Some("kube-system"),
                Some("coredns-autoscaler"),
            ),
        ),
    };
    (req, Shape::Complete)
}

fn pod_churn<'a>(
    rng: &mut ChaCha8Rng,
    c: &'a Cluster,
    t: Micros,
    b: &'a mut Bufs,
) -> (Req<'a>, Shape) {
    let w = pick(rng, &c.workloads);
    let controllers = &c.actors.controllers;
    let roll = rng.random_range(0..100);
    let req = match roll {
        0..=39 => {
            objects::app_pod(rng, w, t, &mut b.request, &mut b.response, &mut b.name);
            let mut r = Req::new(
                "create",
                &controllers[0].1,
                Target::resource(res::PODS, Some(w.namespace), None),
            );
            r.code = 201;
            r.level = Level::RequestResponse;
            r.request_object = Some(&b.request);
            r.response_object = Some(if rng.random_bool(0.1) {
                objects::SKIPPED_TOO_BIG
            } else {
                &b.response
            });
            r
        }
        40..=79 => {
            let pod = pick(rng, &w.pods);
            objects::binding(&mut b.request, pod, &pick(rng, &c.nodes).name);
            let mut r = Req::new(
                "create",
                &c.actors.scheduler,
                Target::resource(res::PODS, Some(w.namespace), Some(pod)).sub("binding"),
            );
            r.code = 201;
            r.level = Level::Request;
            r.request_object = Some(&b.request);
            r
        }
        _ => {
            // ReplicaSet scale-down or garbage collection of a terminated pod.
            let gc = controllers
                .iter()
                .find(|(n, _)| *n == "generic-garbage-collector")
                .map_or(&controllers[0].1, |(_, a)| a);
            let actor = if rng.random_bool(0.5) {
                &controllers[0].1
            } else {
                gc
            };
            Req::new(
                "delete",
                actor,
                Target::resource(
                    res::PODS,
                    Some(w.namespace),
                    Some(pick(rng, &w.pods).as_str()),
                ),
            )
        }
    };
    (req, Shape::Complete)
}

const DISCOVERY_PATHS: &[&str] = &[
    "/api",
    "/apis",
    "/version",
    "/openapi/v2",
    "/apis/metrics.k8s.io/v1beta1",
];

fn discovery<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster) -> (Req<'a>, Shape) {
    let actor = if rng.random_bool(0.3) {
        pick(rng, &c.actors.humans)
    } else {
        &pick(rng, &c.actors.readers).actor
    };
    let path = *pick(rng, DISCOVERY_PATHS);
    let mut req = Req::new("get", actor, Target::Path(path));
    if path.starts_with("/apis/metrics") && rng.random_bool(0.05) {
        req.code = 503;
    }
    (req, Shape::Complete)
}

fn big_object<'a>(rng: &mut ChaCha8Rng, c: &'a Cluster, b: &'a mut Bufs) -> (Req<'a>, Shape) {
    let actor = c
        .actors
        .readers
        .iter()
        .find(|r| r.resources.contains(&"constrainttemplates"))
        .map_or(&c.actors.admins[0], |r| &r.actor);
    b.name.clear();
    b.name.push_str("k8sazurev");
    push_u64(&mut b.name, rng.random_range(1..4));
    b.name.push_str(
        [
            "blockdefault",
            "containerlimits",
            "allowedusers",
            "ingresshttpsonly",
        ][rng.random_range(0..4)],
    );
    objects::big_constraint_template(&mut b.request, rng, &b.name);
    let mut req = Req::new(
        "update",
        actor,
        Target::resource(res::CONSTRAINTTEMPLATES, None, Some(&b.name)),
    );
    req.level = Level::RequestResponse;
    req.request_object = Some(&b.request);
    req.response_object = Some(objects::SKIPPED_TOO_BIG);
    (req, Shape::Complete)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::world::build_clusters;
    use rand::SeedableRng;

    #[test]
    fn background_events_parse_and_respect_category() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let clusters = build_clusters(&mut rng, 2, true);
        let mut bg = Background::new(ChaCha8Rng::seed_from_u64(4), &clusters);
        let mut out = String::new();
        let mut verbs = std::collections::BTreeSet::new();
        for i in 0..20_000i64 {
            let c = &clusters[(i % 3) as usize];
            out.clear();
            let later = bg.next_event(c, 1_800_000_000_000_000 + i * 1000, &mut out);
            let v: serde_json::Value = serde_json::from_str(&out).expect("valid event");
            let verb = v["verb"].as_str().expect("verb").to_string();
            if !c.reads_logged {
                assert!(
                    verb != "get" && verb != "list",
                    "{verb} in kube-audit-admin"
                );
            }
            // The planted set owns these patterns.
            if v["objectRef"]["subresource"] == "exec" {
                assert_ne!(v["objectRef"]["namespace"], "kube-system");
                assert_ne!(v["objectRef"]["namespace"], "default");
            }
            assert!(!out.contains("\"privileged\":true"));
            assert_ne!(v["objectRef"]["resource"], "clusterrolebindings");
            if let Some(l) = later {
                let v2: serde_json::Value = serde_json::from_str(&l.json).expect("valid later");
                assert_eq!(v2["auditID"], v["auditID"]);
                assert_eq!(v2["stage"], "ResponseComplete");
                bg.recycle(l.json);
            }
            verbs.insert(verb);
        }
        for v in [
            "get", "list", "watch", "update", "patch", "create", "delete",
        ] {
            assert!(verbs.contains(v), "no {v}");
        }
    }
}
