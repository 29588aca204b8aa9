//! `make-graph` and the graph operators end to end: pattern matching (directed, reversed,
//! undirected, variable length, several patterns), shortest paths, `graph-to-table` and
//! `graph-mark-components`.

use super::*;

/// Rows sorted, for operators whose output order is unspecified.
async fn sorted(text: &str) -> Vec<String> {
    let mut r = rows(text).await;
    r.sort();
    r
}

/// a→b (x), b→c (y), c→a (z), c→d (w).
const E: &str = "let E = datatable(s:string, d:string, k:string) \
    ['a', 'b', 'x', 'b', 'c', 'y', 'c', 'a', 'z', 'c', 'd', 'w'];";

fn e(rest: &str) -> String {
    format!("{E} E | make-graph s --> d with_node_id=id | {rest}")
}

#[tokio::test]
async fn directed_reversed_and_undirected_edges() {
    assert_eq!(
        sorted(&e(
            "graph-match (p)-[e]->(q) where e.k != 'w' project p.id, q.id, e.k"
        ))
        .await,
        vec!["a | b | x", "b | c | y", "c | a | z"]
    );
    assert_eq!(
        names(&e("graph-match (p)-[e]->(q) project p.id, q.id, e.k")).await,
        vec!["p_id", "q_id", "e_k"]
    );
    assert_eq!(
        sorted(&e(
            "graph-match (p)<-[e]-(q) where p.id == 'a' project q.id"
        ))
        .await,
        vec!["c"]
    );
    assert_eq!(
        sorted(&e(
            "graph-match (p)-[e]-(q) where p.id == 'c' project q.id, e.k"
        ))
        .await,
        vec!["a | z", "b | y", "d | w"]
    );
    assert_eq!(
        sorted(&e("graph-match (p)<--(q) where p.id == 'a' project q.id")).await,
        vec!["c"]
    );
}

#[tokio::test]
async fn variable_length_edges_and_cycles() {
    let query = "graph-match (p)-[e*1..3]->(q) where p.id == 'a' \
                 project q.id, ks = map(e, k), inner = map(inner_nodes(e), id)";
    assert_eq!(
        sorted(&e(query)).await,
        vec![
            r#"a | ["x","y","z"] | ["b","c"]"#,
            r#"b | ["x"] | []"#,
            r#"c | ["x","y"] | ["b"]"#,
            r#"d | ["x","y","w"] | ["b","c"]"#,
        ]
    );
    let none = "graph-match cycles=none (p)-[e*1..3]->(q) where p.id == 'a' project q.id";
    assert_eq!(sorted(&e(none)).await, vec!["b", "c", "d"]);
    // all() conditions prune the paths; any() is evaluated on them.
    let all = "graph-match (p)-[e*1..3]->(q) where p.id == 'a' and all(e, k != 'y') project q.id";
    assert_eq!(sorted(&e(all)).await, vec!["b"]);
    let any = "graph-match (p)-[e*1..3]->(q) where p.id == 'a' and any(e, k == 'w') project q.id";
    assert_eq!(sorted(&e(any)).await, vec!["d"]);
    // A variable-length edge's property is the array of its edges' values.
    let array = "graph-match (p)-[e*2..2]->(q) where p.id == 'b' project e.k";
    assert_eq!(
        sorted(&e(array)).await,
        vec![r#"["y","w"]"#, r#"["y","z"]"#]
    );
}

#[tokio::test]
async fn several_patterns_share_variables() {
    assert_eq!(
        sorted(&e(
            "graph-match (p)-->(q), (q)-->(r) where p.id == 'a' project q.id, r.id"
        ))
        .await,
        vec!["b | c"]
    );
    assert_eq!(
        sorted(&e(
            "graph-match (x)-->(m), (m)-->(y) where m.id == 'c' project x.id, y.id"
        ))
        .await,
        vec!["b | a", "b | d"]
    );
}

#[tokio::test]
async fn degrees_and_ids() {
    let query = "graph-match (p)-[e]->(q) where p.id == 'c' \
                 project q.id, node_degree_in(q), node_degree_out(p), node_id(q)";
    assert_eq!(
        names(&e(query)).await,
        vec!["q_id", "node_degree_in", "node_degree_out", "node_id"]
    );
    assert_eq!(
        sorted(&e(query)).await,
        vec!["a | 1 | 2 | a", "d | 1 | 2 | d"]
    );
    let inner = "graph-match (p)-[e*2..2]->(q) where p.id == 'a' \
                 project map(inner_nodes(e), node_degree_out())";
    assert_eq!(sorted(&e(inner)).await, vec!["[1]"]);
}

#[tokio::test]
async fn shortest_paths() {
    let s = "let S = datatable(s:string, d:string, k:string) \
             ['a', 'b', '1', 'a', 'c', '2', 'b', 'd', '3', 'c', 'd', '4', 'd', 'e', '5'];";
    let any = format!(
        "{s} S | make-graph s --> d with_node_id=id \
         | graph-shortest-paths (p)-[e*1..4]->(q) where p.id == 'a' and q.id == 'd' project map(e, k)"
    );
    assert_eq!(rows(&any).await, vec![r#"["1","3"]"#]);
    let all = any.replace("graph-shortest-paths", "graph-shortest-paths output=all");
    assert_eq!(sorted(&all).await, vec![r#"["1","3"]"#, r#"["2","4"]"#]);
    let every = format!(
        "{s} S | make-graph s --> d with_node_id=id \
         | graph-shortest-paths (p)-[e*1..4]->(q) where p.id == 'a' project q.id, n = array_length(map(e, k))"
    );
    assert_eq!(
        sorted(&every).await,
        vec!["b | 1", "c | 1", "d | 2", "e | 3"]
    );
}

#[tokio::test]
async fn graph_to_table_nodes_and_edges() {
    let n = "let N = datatable(name:string, age:long) ['a', 1, 'b', 2, 'z', 9];";
    let query = format!("{E} {n} E | make-graph s --> d with N on name | graph-to-table nodes");
    assert_eq!(names(&query).await, vec!["name", "age"]);
    assert_eq!(
        rows(&query).await,
        vec!["a | 1", "b | 2", "z | 9", "c | ", "d | "]
    );
    let ids = format!(
        "{E} {n} E | make-graph s --> d with N on name | graph-to-table nodes with_node_id=Id \
         | where name in ('a', 'c') | project Id"
    );
    let hashes = rows("print hash('a') | union (print hash('c'))").await;
    assert_eq!(rows(&ids).await, hashes);
    let edges = format!(
        "{E} E | make-graph s --> d | graph-to-table edges with_source_id=S with_target_id=T \
         | where k == 'x' | project ok = S == hash(s) and T == hash(d), k"
    );
    assert_eq!(rows(&edges).await, vec!["true | x"]);
}

#[tokio::test]
async fn connected_components() {
    let strong = e("graph-mark-components kind=strong | graph-to-table nodes");
    assert_eq!(names(&strong).await, vec!["id", "ComponentId"]);
    assert_eq!(
        rows(&strong).await,
        vec!["a | 0", "b | 0", "c | 0", "d | 1"]
    );
    let weak = format!(
        "{E} E | union (print s = 'x', d = 'y', k = 'v') \
         | make-graph s --> d with_node_id=id | graph-mark-components with_component_id=g \
         | graph-match (p)-->(q) project p.id, p.g, q.g"
    );
    assert_eq!(
        sorted(&weak).await,
        vec![
            "a | 0 | 0",
            "b | 0 | 0",
            "c | 0 | 0",
            "c | 0 | 0",
            "x | 1 | 1"
        ]
    );
}

#[tokio::test]
async fn graph_errors() {
    let d = error(&format!("{E} E | graph-match (p)-->(q) project p.id")).await;
    assert_eq!(d.code, Code::WrongKindOfExpression);
    let d = error(&format!("{E} E | make-graph s --> d | take 1")).await;
    assert_eq!(d.code, Code::WrongKindOfExpression);
    let d = error(&e("graph-match (p)-->(q) project p")).await;
    assert_eq!(d.code, Code::NotSupported);
    let d = error(&e("graph-match (p)-[e*1..2]->(q) project map(e, q.id)")).await;
    assert_eq!(d.code, Code::NotSupported);
    let d = error(&e("graph-match (p)-->(q) project p.nope")).await;
    assert_eq!(d.code, Code::UnknownColumn);
}
