//! Kubernetes object bodies (`requestObject`/`responseObject`) for background traffic, written
//! straight into reusable buffers.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::json::{
    Micros, push_escaped_go, push_hex, push_rfc3339_secs, push_str_go, push_u64, push_uuid,
};
use super::world::{Workload, push_k8s_suffix};

/// The string AKS puts in `responseObject` when the object is too large to log.
pub(crate) const SKIPPED_TOO_BIG: &str = "\"skipped-too-big-size-object\"";

/// A ReplicaSet-created pod of `w` (no name: `generateName` only, never privileged).
/// Returns the generated pod name (written into `name`).
pub(crate) fn app_pod(
    rng: &mut ChaCha8Rng,
    w: &Workload,
    t: Micros,
    req: &mut String,
    resp: &mut String,
    name: &mut String,
) {
    name.clear();
    name.push_str(&w.replicaset);
    name.push('-');
    push_k8s_suffix(name, rng, 5);
    let uid = rng.random::<u128>();
    let rs_uid = rng.random::<u128>();
    let rv = rng.random_range(1_000_000..90_000_000u64);
    for (out, response) in [(&mut *req, false), (&mut *resp, true)] {
        out.clear();
        out.push_str("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{");
        if response {
            out.push_str("\"name\":");
            push_str_go(out, name);
            out.push(',');
        }
        out.push_str("\"generateName\":\"");
        push_escaped_go(out, &w.replicaset);
        out.push_str("-\"");
        if response {
            out.push_str(",\"namespace\":");
            push_str_go(out, w.namespace);
            out.push_str(",\"uid\":\"");
            push_uuid(out, uid);
            out.push_str("\",\"resourceVersion\":\"");
            push_u64(out, rv);
            out.push_str("\",\"creationTimestamp\":\"");
            push_rfc3339_secs(out, t);
            out.push('"');
        } else {
            out.push_str(",\"creationTimestamp\":null");
        }
        out.push_str(",\"labels\":{\"app.kubernetes.io/name\":");
        push_str_go(out, w.name);
        out.push_str(",\"pod-template-hash\":\"");
        out.push_str(w.replicaset.rsplit('-').next().unwrap_or_default());
        out.push_str("\"},\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":");
        push_str_go(out, &w.replicaset);
        out.push_str(",\"uid\":\"");
        push_uuid(out, rs_uid);
        out.push_str("\",\"controller\":true,\"blockOwnerDeletion\":true}]},\"spec\":{\"volumes\":[{\"name\":\"kube-api-access-");
        push_hex(out, uid, 5);
        out.push_str("\",\"projected\":{\"sources\":[{\"serviceAccountToken\":{\"expirationSeconds\":3607,\"path\":\"token\"}},{\"configMap\":{\"name\":\"kube-root-ca.crt\",\"items\":[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}]}}],\"defaultMode\":420}}],\"containers\":[{\"name\":");
        push_str_go(out, w.name);
        out.push_str(",\"image\":");
        push_str_go(out, w.image);
        out.push_str(",\"ports\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"TCP\"}],\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"512Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}},\"readinessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\",\"scheme\":\"HTTP\"},\"timeoutSeconds\":1,\"periodSeconds\":10,\"successThreshold\":1,\"failureThreshold\":3},\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\",\"imagePullPolicy\":\"IfNotPresent\",\"securityContext\":{\"allowPrivilegeEscalation\":false,\"readOnlyRootFilesystem\":true,\"runAsNonRoot\":true}}],\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":30,\"dnsPolicy\":\"ClusterFirst\",\"serviceAccountName\":");
        push_str_go(out, w.sa_name);
        out.push_str(",\"serviceAccount\":");
        push_str_go(out, w.sa_name);
        out.push_str(",\"securityContext\":{\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},\"schedulerName\":\"default-scheduler\",\"tolerations\":[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300},{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}],\"priority\":0,\"enableServiceLinks\":true,\"preemptionPolicy\":\"PreemptLowerPriority\"},\"status\":{");
        if response {
            out.push_str("\"phase\":\"Pending\",\"qosClass\":\"Burstable\"");
        }
        out.push_str("}}");
    }
}

/// The body of a scheduler binding (`pods/binding`).
pub(crate) fn binding(out: &mut String, pod: &str, node: &str) {
    out.clear();
    out.push_str("{\"kind\":\"Binding\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":");
    push_str_go(out, pod);
    out.push_str(",\"creationTimestamp\":null},\"target\":{\"kind\":\"Node\",\"name\":");
    push_str_go(out, node);
    out.push_str("}}");
}

/// A kubelet strategic-merge patch of a pod's status.
pub(crate) fn pod_status_patch(out: &mut String, rng: &mut ChaCha8Rng, t: Micros) {
    out.clear();
    out.push_str("{\"metadata\":{\"uid\":\"");
    push_uuid(out, rng.random());
    out.push_str("\"},\"status\":{\"$setElementOrder/conditions\":[{\"type\":\"PodReadyToStartContainers\"},{\"type\":\"Initialized\"},{\"type\":\"Ready\"},{\"type\":\"ContainersReady\"},{\"type\":\"PodScheduled\"}],\"conditions\":[{\"lastProbeTime\":null,\"lastTransitionTime\":\"");
    push_rfc3339_secs(out, t);
    out.push_str("\",\"status\":\"True\",\"type\":\"Ready\"},{\"lastProbeTime\":null,\"lastTransitionTime\":\"");
    push_rfc3339_secs(out, t);
    out.push_str("\",\"status\":\"True\",\"type\":\"ContainersReady\"}]}}");
}

/// What a core/v1 Event reports.
pub(crate) struct EventSpec<'a> {
    pub name: &'a str,
    pub namespace: &'a str,
    pub involved_kind: &'a str,
    pub involved: &'a str,
    pub reason: &'a str,
    pub message: &'a str,
    pub source: &'a str,
}

/// A core/v1 Event as kubelet or a controller creates it.
pub(crate) fn k8s_event(out: &mut String, e: &EventSpec<'_>, t: Micros) {
    out.clear();
    out.push_str("{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":");
    push_str_go(out, e.name);
    out.push_str(",\"namespace\":");
    push_str_go(out, e.namespace);
    out.push_str(",\"creationTimestamp\":null},\"involvedObject\":{\"kind\":");
    push_str_go(out, e.involved_kind);
    out.push_str(",\"namespace\":");
    push_str_go(out, e.namespace);
    out.push_str(",\"name\":");
    push_str_go(out, e.involved);
    out.push_str(",\"apiVersion\":\"v1\"},\"reason\":");
    push_str_go(out, e.reason);
    out.push_str(",\"message\":");
    push_str_go(out, e.message);
    out.push_str(",\"source\":{\"component\":");
    push_str_go(out, e.source);
    out.push_str("},\"firstTimestamp\":\"");
    push_rfc3339_secs(out, t);
    out.push_str("\",\"lastTimestamp\":\"");
    push_rfc3339_secs(out, t);
    out.push_str("\",\"count\":1,\"type\":\"Normal\",\"eventTime\":null,\"reportingComponent\":");
    push_str_go(out, e.source);
    out.push_str(",\"reportingInstance\":\"\"}");
}

/// A SubjectAccessReview request and response (as metrics-server / azure-policy send them).
pub(crate) fn subject_access_review(
    req: &mut String,
    resp: &mut String,
    user: &str,
    path: &str,
    reason: &str,
) {
    for (out, response) in [(&mut *req, false), (&mut *resp, true)] {
        out.clear();
        out.push_str("{\"kind\":\"SubjectAccessReview\",\"apiVersion\":\"authorization.k8s.io/v1\",\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"nonResourceAttributes\":{\"path\":");
        push_str_go(out, path);
        out.push_str(",\"verb\":\"get\"},\"user\":");
        push_str_go(out, user);
        out.push_str(",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:kube-system\",\"system:authenticated\"]},\"status\":{\"allowed\":");
        if response {
            out.push_str("true,\"reason\":");
            push_str_go(out, reason);
        } else {
            out.push_str("false");
        }
        out.push_str("}}");
    }
}

/// A deployment patch as `kubectl rollout restart` or `kubectl scale` sends it.
pub(crate) fn deployment_patch(out: &mut String, rng: &mut ChaCha8Rng, t: Micros) {
    out.clear();
    if rng.random_bool(0.5) {
        out.push_str("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"");
        push_rfc3339_secs(out, t);
        out.push_str("\"}}}}}");
    } else {
        out.push_str("{\"spec\":{\"replicas\":");
        push_u64(out, rng.random_range(1..6));
        out.push_str("}}");
    }
}

/// A Deployment object (response of a patch).
pub(crate) fn deployment(out: &mut String, rng: &mut ChaCha8Rng, w: &Workload, t: Micros) {
    out.clear();
    out.push_str("{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":");
    push_str_go(out, w.name);
    out.push_str(",\"namespace\":");
    push_str_go(out, w.namespace);
    out.push_str(",\"uid\":\"");
    push_uuid(out, rng.random());
    out.push_str("\",\"resourceVersion\":\"");
    push_u64(out, rng.random_range(1_000_000..90_000_000u64));
    out.push_str("\",\"generation\":");
    push_u64(out, rng.random_range(2..40));
    out.push_str(",\"creationTimestamp\":\"");
    push_rfc3339_secs(out, t - 86_400_000_000 * 40);
    out.push_str("\",\"labels\":{\"app.kubernetes.io/name\":");
    push_str_go(out, w.name);
    out.push_str("},\"annotations\":{\"deployment.kubernetes.io/revision\":\"");
    push_u64(out, rng.random_range(2..30));
    out.push_str("\"}},\"spec\":{\"replicas\":");
    push_u64(out, w.pods.len() as u64);
    out.push_str(",\"selector\":{\"matchLabels\":{\"app.kubernetes.io/name\":");
    push_str_go(out, w.name);
    out.push_str("}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app.kubernetes.io/name\":");
    push_str_go(out, w.name);
    out.push_str("}},\"spec\":{\"containers\":[{\"name\":");
    push_str_go(out, w.name);
    out.push_str(",\"image\":");
    push_str_go(out, w.image);
    out.push_str(",\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}},\"imagePullPolicy\":\"IfNotPresent\"}],\"restartPolicy\":\"Always\",\"serviceAccountName\":");
    push_str_go(out, w.sa_name);
    out.push_str("}},\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":\"25%\",\"maxSurge\":\"25%\"}},\"revisionHistoryLimit\":10,\"progressDeadlineSeconds\":600},\"status\":{\"observedGeneration\":3,\"replicas\":");
    push_u64(out, w.pods.len() as u64);
    out.push_str(",\"updatedReplicas\":");
    push_u64(out, w.pods.len() as u64);
    out.push_str("}}");
}

/// A ConfigMap with a few keys (human `kubectl create configmap`).
pub(crate) fn config_map(out: &mut String, rng: &mut ChaCha8Rng, name: &str, namespace: &str) {
    out.clear();
    out.push_str("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":");
    push_str_go(out, name);
    out.push_str(",\"namespace\":");
    push_str_go(out, namespace);
    out.push_str(",\"creationTimestamp\":null},\"data\":{\"LOG_LEVEL\":\"info\",\"FEATURE_FLAGS\":\"checkout-v2,");
    push_hex(out, rng.random(), 8);
    out.push_str("\",\"UPSTREAM_URL\":\"http://orders-api.shop.svc.cluster.local:8080\"}}");
}

/// A large ConstraintTemplate (tens of KB of Rego): the rare big `requestObject`.
pub(crate) fn big_constraint_template(out: &mut String, rng: &mut ChaCha8Rng, name: &str) {
    out.clear();
    out.push_str("{\"apiVersion\":\"templates.gatekeeper.sh/v1\",\"kind\":\"ConstraintTemplate\",\"metadata\":{\"name\":");
    push_str_go(out, name);
    out.push_str(",\"annotations\":{\"azure-policy-definition-id\":\"/providers/Microsoft.Authorization/policyDefinitions/");
    push_uuid(out, rng.random());
    out.push_str("\"}},\"spec\":{\"crd\":{\"spec\":{\"names\":{\"kind\":\"K8sAzure");
    push_hex(out, rng.random(), 6);
    out.push_str("\"}}},\"targets\":[{\"target\":\"admission.k8s.gatekeeper.sh\",\"rego\":\"");
    let lines = rng.random_range(100..400);
    for i in 0..lines {
        out.push_str(
            "violation[{\\\"msg\\\": msg}] {\\n  c := input_containers[_]\\n  not allowed_",
        );
        push_hex(out, rng.random(), 8);
        out.push_str("(c)\\n  msg := sprintf(\\\"container <%v> violates rule ");
        push_u64(out, i);
        out.push_str("\\\", [c.name])\\n}\\n");
    }
    out.push_str("\"}]}}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::world::build_clusters;
    use rand::SeedableRng;

    #[test]
    fn objects_are_valid_json() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let clusters = build_clusters(&mut rng, 1, false);
        let c = &clusters[0];
        let w = &c.workloads[0];
        let (mut a, mut b, mut n) = (String::new(), String::new(), String::new());
        app_pod(&mut rng, w, 0, &mut a, &mut b, &mut n);
        let req: serde_json::Value = serde_json::from_str(&a).expect("pod request");
        let resp: serde_json::Value = serde_json::from_str(&b).expect("pod response");
        assert_eq!(resp["metadata"]["name"], n.as_str());
        assert!(req["metadata"].get("name").is_none());
        assert!(
            req["metadata"]["generateName"]
                .as_str()
                .is_some_and(|g| g.ends_with('-'))
        );
        let check = |s: &str| {
            serde_json::from_str::<serde_json::Value>(s).expect("valid JSON");
        };
        binding(&mut a, "p", "n");
        check(&a);
        pod_status_patch(&mut a, &mut rng, 0);
        check(&a);
        k8s_event(
            &mut a,
            &EventSpec {
                name: "e",
                namespace: "ns",
                involved_kind: "Pod",
                involved: "p",
                reason: "Pulled",
                message: "msg \"x\"",
                source: "kubelet",
            },
            0,
        );
        check(&a);
        subject_access_review(&mut a, &mut b, "u", "/apis", "r");
        check(&a);
        check(&b);
        deployment_patch(&mut a, &mut rng, 0);
        check(&a);
        deployment(&mut a, &mut rng, w, 0);
        check(&a);
        config_map(&mut a, &mut rng, "x", "y");
        check(&a);
        big_constraint_template(&mut a, &mut rng, "k8sazure");
        check(&a);
        assert!(a.len() > 10_000);
    }
}
