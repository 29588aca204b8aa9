//! Whole-query corpora: the project's `queries/` files and the documented KQL examples of
//! `../shared/kql-conformance/`.

use super::*;
use crate::diagnostic::Code;

fn kql_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            kql_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "kql") {
            found.push(path);
        }
    }
}

#[test]
fn every_query_file_parses_and_round_trips() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/queries"));
    let mut files = Vec::new();
    kql_files(dir, &mut files);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        round_trip(&text);
    }
    if dir.exists() {
        assert!(files.len() >= 3, "the hunts are in {dir:?}");
    }
}

fn conformance_file(name: &str) -> Option<Vec<serde_json::Value>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/kql-conformance/");
    let text = std::fs::read_to_string(format!("{dir}{name}")).ok()?;
    Some(
        text.lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect(),
    )
}

/// Every documented example that parses round-trips; at least 609 of the 654 parse, and every
/// failure is a "not supported yet" diagnostic naming a construct (never a generic error).
#[test]
fn conformance_queries_parse_and_round_trip() {
    let Some(cases) = conformance_file("cases.jsonl") else {
        eprintln!("skipped: ../shared/kql-conformance/cases.jsonl is not there");
        return;
    };
    let mut parsed = 0;
    let mut unsupported = std::collections::BTreeMap::<String, usize>::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap_or_default();
        let query = case["query"].as_str().unwrap_or_default();
        match parse(query) {
            Ok(_) => {
                round_trip(query);
                parsed += 1;
            }
            Err(diagnostic) => {
                assert_eq!(
                    diagnostic.code,
                    Code::NotSupported,
                    "{id}:\n{}",
                    diagnostic.render(query)
                );
                *unsupported.entry(diagnostic.message).or_default() += 1;
            }
        }
    }
    eprintln!("conformance: {parsed} of {} queries parse", cases.len());
    for (message, count) in &unsupported {
        eprintln!("{count:5}  {message}");
    }
    assert!(parsed >= 609, "only {parsed} of {} parse", cases.len());
}

#[test]
fn conformance_expressions_parse() {
    let Some(cases) = conformance_file("expression_cases.jsonl") else {
        return;
    };
    assert!(!cases.is_empty());
    for case in &cases {
        round_trip(case["query"].as_str().unwrap_or_default());
    }
}
