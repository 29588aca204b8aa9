//! `audit.k8s.io/v1` Event rendering: one request description ([`Req`]) written as the JSON
//! kube-apiserver emits for one stage, field order and Go escaping included.

use super::json::{Micros, push_escaped_go, push_rfc3339_micros, push_str_go, push_u64, push_uuid};
use super::world::Actor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    Metadata,
    Request,
    RequestResponse,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Metadata => "Metadata",
            Level::Request => "Request",
            Level::RequestResponse => "RequestResponse",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    RequestReceived,
    ResponseStarted,
    ResponseComplete,
}

impl Stage {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Stage::RequestReceived => "RequestReceived",
            Stage::ResponseStarted => "ResponseStarted",
            Stage::ResponseComplete => "ResponseComplete",
        }
    }
}

/// A Kubernetes API resource.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Res {
    pub resource: &'static str,
    /// API group, "" for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub namespaced: bool,
}

macro_rules! res {
    ($name:ident, $resource:literal, $group:literal, $version:literal, $namespaced:literal) => {
        pub(crate) const $name: Res = Res {
            resource: $resource,
            group: $group,
            version: $version,
            namespaced: $namespaced,
        };
    };
}

pub(crate) mod res {
    use super::Res;
    res!(PODS, "pods", "", "v1", true);
    res!(NODES, "nodes", "", "v1", false);
    res!(NAMESPACES, "namespaces", "", "v1", false);
    res!(CONFIGMAPS, "configmaps", "", "v1", true);
    res!(SECRETS, "secrets", "", "v1", true);
    res!(SERVICES, "services", "", "v1", true);
    res!(ENDPOINTS, "endpoints", "", "v1", true);
    res!(EVENTS, "events", "", "v1", true);
    res!(SERVICEACCOUNTS, "serviceaccounts", "", "v1", true);
    res!(PVCS, "persistentvolumeclaims", "", "v1", true);
    res!(
        ENDPOINTSLICES,
        "endpointslices",
        "discovery.k8s.io",
        "v1",
        true
    );
    res!(LEASES, "leases", "coordination.k8s.io", "v1", true);
    res!(DEPLOYMENTS, "deployments", "apps", "v1", true);
    res!(REPLICASETS, "replicasets", "apps", "v1", true);
    res!(DAEMONSETS, "daemonsets", "apps", "v1", true);
    res!(JOBS, "jobs", "batch", "v1", true);
    res!(INGRESSES, "ingresses", "networking.k8s.io", "v1", true);
    res!(HPAS, "horizontalpodautoscalers", "autoscaling", "v2", true);
    res!(CSINODES, "csinodes", "storage.k8s.io", "v1", false);
    res!(
        VOLUMEATTACHMENTS,
        "volumeattachments",
        "storage.k8s.io",
        "v1",
        false
    );
    res!(
        SARS,
        "subjectaccessreviews",
        "authorization.k8s.io",
        "v1",
        false
    );
    res!(
        TOKENREVIEWS,
        "tokenreviews",
        "authentication.k8s.io",
        "v1",
        false
    );
    res!(
        CLUSTERROLEBINDINGS,
        "clusterrolebindings",
        "rbac.authorization.k8s.io",
        "v1",
        false
    );
    res!(
        ROLEBINDINGS,
        "rolebindings",
        "rbac.authorization.k8s.io",
        "v1",
        true
    );
    res!(
        CLUSTERROLES,
        "clusterroles",
        "rbac.authorization.k8s.io",
        "v1",
        false
    );
    res!(
        CONSTRAINTTEMPLATES,
        "constrainttemplates",
        "templates.gatekeeper.sh",
        "v1",
        false
    );

    /// Looks a resource up by plural name (for readers configured by name).
    pub(crate) fn by_name(name: &str) -> Res {
        const ALL: &[Res] = &[
            PODS,
            NODES,
            NAMESPACES,
            CONFIGMAPS,
            SECRETS,
            SERVICES,
            ENDPOINTS,
            EVENTS,
            SERVICEACCOUNTS,
            PVCS,
            ENDPOINTSLICES,
            LEASES,
            DEPLOYMENTS,
            REPLICASETS,
            DAEMONSETS,
            JOBS,
            INGRESSES,
            HPAS,
            CSINODES,
            VOLUMEATTACHMENTS,
            SARS,
            TOKENREVIEWS,
            CLUSTERROLEBINDINGS,
            ROLEBINDINGS,
            CLUSTERROLES,
            CONSTRAINTTEMPLATES,
        ];
        ALL.iter()
            .copied()
            .find(|r| r.resource == name)
            .unwrap_or(CONFIGMAPS)
    }
}

/// What a request addresses.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target<'a> {
    Resource {
        res: Res,
        namespace: Option<&'a str>,
        name: Option<&'a str>,
        subresource: Option<&'a str>,
    },
    /// A non-resource URL such as `/version`.
    Path(&'a str),
}

impl<'a> Target<'a> {
    pub(crate) fn resource(res: Res, namespace: Option<&'a str>, name: Option<&'a str>) -> Self {
        Target::Resource {
            res,
            namespace: if res.namespaced { namespace } else { None },
            name,
            subresource: None,
        }
    }

    pub(crate) fn sub(self, subresource: &'a str) -> Self {
        match self {
            Target::Resource {
                res,
                namespace,
                name,
                ..
            } => Target::Resource {
                res,
                namespace,
                name,
                subresource: Some(subresource),
            },
            path => path,
        }
    }
}

/// A failed response's status fields.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Failure<'a> {
    pub reason: &'a str,
    pub message: &'a str,
}

/// One API request, everything but the per-stage fields.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Req<'a> {
    pub level: Level,
    pub verb: &'a str,
    pub actor: &'a Actor,
    pub target: Target<'a>,
    /// The query string without `?` ("" for none).
    pub query: &'a str,
    pub code: u16,
    pub failure: Option<Failure<'a>>,
    /// Raw JSON, written when `level` is Request or RequestResponse.
    pub request_object: Option<&'a str>,
    /// Raw JSON, written when `level` is RequestResponse.
    pub response_object: Option<&'a str>,
    /// Raw JSON object; `None` uses the actor's allow annotations.
    pub annotations: Option<&'a str>,
}

impl<'a> Req<'a> {
    pub(crate) fn new(verb: &'a str, actor: &'a Actor, target: Target<'a>) -> Self {
        Req {
            level: Level::Metadata,
            verb,
            actor,
            target,
            query: "",
            code: 200,
            failure: None,
            request_object: None,
            response_object: None,
            annotations: None,
        }
    }
}

/// The per-stage fields of one audit event.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StageInfo {
    pub audit_id: u128,
    pub stage: Stage,
    pub received: Micros,
    pub at: Micros,
}

/// Pushes the request URI (path and query) of `req`, unescaped. A `create` without subresource
/// posts to the collection: the object's name is in `objectRef` but not in the URI.
pub(crate) fn push_request_uri(out: &mut String, req: &Req<'_>) {
    match req.target {
        Target::Path(p) => out.push_str(p),
        Target::Resource {
            res,
            namespace,
            name,
            subresource,
        } => {
            if res.group.is_empty() {
                out.push_str("/api/");
            } else {
                out.push_str("/apis/");
                out.push_str(res.group);
                out.push('/');
            }
            out.push_str(res.version);
            if let Some(ns) = namespace {
                out.push_str("/namespaces/");
                out.push_str(ns);
            }
            out.push('/');
            out.push_str(res.resource);
            let collection = req.verb == "create" && subresource.is_none();
            if let Some(n) = name.filter(|_| !collection) {
                out.push('/');
                out.push_str(n);
            }
            if let Some(s) = subresource {
                out.push('/');
                out.push_str(s);
            }
        }
    }
    if !req.query.is_empty() {
        out.push('?');
        out.push_str(req.query);
    }
}

/// Writes one audit event as kube-apiserver would (one JSON object, no trailing newline).
pub(crate) fn write_event(
    out: &mut String,
    req: &Req<'_>,
    st: &StageInfo,
    uri_scratch: &mut String,
) {
    out.push_str("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"");
    out.push_str(req.level.as_str());
    out.push_str("\",\"auditID\":\"");
    push_uuid(out, st.audit_id);
    out.push_str("\",\"stage\":\"");
    out.push_str(st.stage.as_str());
    out.push_str("\",\"requestURI\":");
    uri_scratch.clear();
    push_request_uri(uri_scratch, req);
    push_str_go(out, uri_scratch);
    out.push_str(",\"verb\":");
    push_str_go(out, req.verb);
    out.push(',');
    out.push_str(&req.actor.fragment);
    if let Target::Resource {
        res,
        namespace,
        name,
        subresource,
    } = req.target
    {
        write_object_ref(out, res, namespace, name, subresource);
    }
    if st.stage != Stage::RequestReceived {
        write_status(out, req);
    }
    if req.level != Level::Metadata
        && let Some(obj) = req.request_object
    {
        out.push_str(",\"requestObject\":");
        out.push_str(obj);
    }
    if req.level == Level::RequestResponse
        && st.stage == Stage::ResponseComplete
        && let Some(obj) = req.response_object
    {
        out.push_str(",\"responseObject\":");
        out.push_str(obj);
    }
    out.push_str(",\"requestReceivedTimestamp\":\"");
    push_rfc3339_micros(out, st.received);
    out.push_str("\",\"stageTimestamp\":\"");
    push_rfc3339_micros(out, st.at);
    out.push('"');
    if st.stage != Stage::RequestReceived {
        out.push_str(",\"annotations\":");
        out.push_str(req.annotations.unwrap_or(&req.actor.allow_annotations));
    }
    out.push('}');
}

fn write_object_ref(
    out: &mut String,
    res: Res,
    namespace: Option<&str>,
    name: Option<&str>,
    subresource: Option<&str>,
) {
    out.push_str(",\"objectRef\":{\"resource\":\"");
    out.push_str(res.resource);
    out.push('"');
    if let Some(ns) = namespace {
        out.push_str(",\"namespace\":");
        push_str_go(out, ns);
    }
    if let Some(n) = name {
        out.push_str(",\"name\":");
        push_str_go(out, n);
    }
    if !res.group.is_empty() {
        out.push_str(",\"apiGroup\":\"");
        out.push_str(res.group);
        out.push('"');
    }
    out.push_str(",\"apiVersion\":\"");
    out.push_str(res.version);
    out.push('"');
    if let Some(s) = subresource {
        out.push_str(",\"subresource\":");
        push_str_go(out, s);
    }
    out.push('}');
}

fn write_status(out: &mut String, req: &Req<'_>) {
    out.push_str(",\"responseStatus\":{\"metadata\":{}");
    if let Some(f) = req.failure {
        out.push_str(",\"status\":\"Failure\",\"message\":\"");
        push_escaped_go(out, f.message);
        out.push_str("\",\"reason\":");
        push_str_go(out, f.reason);
        if let Target::Resource { res, name, .. } = req.target {
            out.push_str(",\"details\":{");
            if let Some(n) = name {
                out.push_str("\"name\":");
                push_str_go(out, n);
                out.push(',');
            }
            if !res.group.is_empty() {
                out.push_str("\"group\":\"");
                out.push_str(res.group);
                out.push_str("\",");
            }
            out.push_str("\"kind\":\"");
            out.push_str(res.resource);
            out.push_str("\"}");
        }
    }
    out.push_str(",\"code\":");
    push_u64(out, req.code as u64);
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::world::{Actor, ActorSpec};

    #[test]
    fn renders_valid_event() {
        let actor = Actor::new(&ActorSpec {
            username: "alice@contoso.com",
            uid: None,
            groups: &["g", "system:authenticated"],
            extra: &[("oid", "x")],
            source_ip: "203.0.113.24",
            user_agent: "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
            reason: "RBAC: allowed by ClusterRoleBinding \"a\"",
        });
        let mut req = Req::new(
            "create",
            &actor,
            Target::resource(res::PODS, Some("kube-system"), Some("coredns-x")).sub("exec"),
        );
        req.query = "command=sh&container=coredns&stdin=true";
        req.code = 101;
        let mut out = String::new();
        let mut scratch = String::new();
        write_event(
            &mut out,
            &req,
            &StageInfo {
                audit_id: 7,
                stage: Stage::ResponseStarted,
                received: 1_000_000,
                at: 1_000_100,
            },
            &mut scratch,
        );
        assert!(out.contains("\\u0026container=coredns"));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(
            v["requestURI"],
            "/api/v1/namespaces/kube-system/pods/coredns-x/exec?command=sh&container=coredns&stdin=true"
        );
        assert_eq!(v["objectRef"]["subresource"], "exec");
        assert_eq!(v["responseStatus"]["code"], 101);
        assert_eq!(v["user"]["extra"]["oid"][0], "x");
        assert_eq!(v["stageTimestamp"], "1970-01-01T00:00:01.000100Z");
    }
}
