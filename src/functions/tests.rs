//! The catalog's examples run as tests, and the catalog is consistent.

use std::collections::HashSet;

use super::*;
use crate::engine::{QueryOptions, run_query};

#[tokio::test]
async fn every_example_gives_its_output() {
    let ctx = crate::lake::new_session();
    let options = QueryOptions::default();
    let mut failures = Vec::new();
    for spec in all() {
        for example in spec.examples {
            match run_query(&ctx, example.query, &options).await {
                Ok(result) => {
                    let output = result
                        .text_rows()
                        .into_iter()
                        .map(|row| row.join(" | "))
                        .collect::<Vec<_>>()
                        .join("\n");
                    if output != example.output {
                        failures.push(format!(
                            "{}: `{}` gave `{output}`, expected `{}`",
                            spec.name, example.query, example.output
                        ));
                    }
                    // `print f(...)` shows the function's own result type.
                    let direct = is_direct_call(example.query, spec);
                    if let (Returns::Type(ty), Some(column), true) =
                        (spec.returns, result.columns.first(), direct)
                        && column.ty != ty
                    {
                        failures.push(format!(
                            "{}: `{}` returned {}, the catalog says {}",
                            spec.name,
                            example.query,
                            column.ty.name(),
                            ty.name()
                        ));
                    }
                }
                Err(d) => failures.push(format!("{}: {}", spec.name, d.render(example.query))),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether the query is just `print f(...)` for this function.
fn is_direct_call(query: &str, spec: &FunctionSpec) -> bool {
    use crate::syntax::{ExprKind, SourceKind, StatementKind};
    let Ok(parsed) = crate::syntax::parse(query) else {
        return false;
    };
    let [statement] = parsed.statements.as_slice() else {
        return false;
    };
    let StatementKind::Query(tabular) = &statement.kind else {
        return false;
    };
    match (&tabular.source.kind, tabular.operators.is_empty()) {
        (SourceKind::Print(items), true) if items.len() == 1 => matches!(
            &items[0].expr.kind,
            ExprKind::Call(call) if call.name.name == spec.name
        ),
        _ => false,
    }
}

#[test]
fn every_function_is_documented_with_an_example() {
    let mut names = HashSet::new();
    for spec in all() {
        assert!(!spec.examples.is_empty(), "{} has no example", spec.name);
        assert!(!spec.summary.is_empty(), "{} has no summary", spec.name);
        for name in std::iter::once(&spec.name).chain(spec.aliases) {
            assert!(names.insert(*name), "{name} is defined twice");
            assert_eq!(lookup(name).map(|s| s.name), Some(spec.name));
        }
    }
    assert!(names.contains("strcat_array") && names.contains("arg_max"));
    for name in NOT_YET_SUPPORTED {
        assert!(
            lookup(name).is_none(),
            "{name} is implemented: take it off the list"
        );
    }
}

#[test]
fn signatures_read_like_the_docs() {
    assert_eq!(
        lookup("substring").map(FunctionSpec::signature).as_deref(),
        Some("substring(text: string, start: long, [length: long])")
    );
    assert_eq!(
        lookup("strcat").map(FunctionSpec::signature).as_deref(),
        Some("strcat(value: any scalar, ...)")
    );
}

/// `docs/functions.md` is the catalog's reference as generated now.
#[test]
fn the_function_reference_is_fresh() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/functions.md");
    let generated = super::reference::markdown();
    if std::env::var_os("KQLHUNT_BLESS").is_some() {
        std::fs::write(path, &generated).expect("write docs/functions.md");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/functions.md is stale: run `kqlhunt functions --markdown > docs/functions.md` \
         (or `KQLHUNT_BLESS=1 cargo test --lib function_reference`)"
    );
}
