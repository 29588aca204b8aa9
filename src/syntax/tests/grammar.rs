//! `grammar/kql.ebnf` stays true: every example parses, every rule has one, and every rule is
//! named after the parser function that implements it.

use super::*;

const GRAMMAR: &str = include_str!("../../../grammar/kql.ebnf");

/// The parser's source, where each rule's method is looked up.
const SOURCES: &[&str] = &[
    include_str!("../lexer.rs"),
    include_str!("../parser/mod.rs"),
    include_str!("../parser/statements.rs"),
    include_str!("../parser/tabular.rs"),
    include_str!("../parser/operators.rs"),
    include_str!("../parser/graph.rs"),
    include_str!("../parser/expressions.rs"),
    include_str!("../parser/literals.rs"),
];

const EXAMPLE: &str = "(* example:";

fn examples(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(EXAMPLE) {
        let after = &rest[start + EXAMPLE.len()..];
        let end = after.find("*)").unwrap_or(after.len());
        found.push(after[..end].trim());
        rest = &after[end..];
    }
    found
}

/// Each rule: its name, whether it is marked "part of" another rule, and the text up to the next
/// rule.
fn rules() -> Vec<(&'static str, bool, &'static str)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in GRAMMAR.split_inclusive('\n') {
        let name_end = line
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(0);
        if name_end > 0 && line[name_end..].starts_with(" =") {
            starts.push((offset, &line[..name_end]));
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, (start, name))| {
            let end = starts.get(i + 1).map_or(GRAMMAR.len(), |(next, _)| *next);
            let text = &GRAMMAR[*start..end];
            let rule_end = text.find(';').unwrap_or(text.len());
            let part_of = text[rule_end..]
                .lines()
                .next()
                .unwrap_or("")
                .contains("(* part of");
            (*name, part_of, text)
        })
        .collect()
}

/// The parser accepts nothing that the grammar does not document: every operator method has a
/// rule.
#[test]
fn every_operator_method_has_a_rule() {
    let names: Vec<&str> = rules().iter().map(|(name, ..)| *name).collect();
    for source in SOURCES {
        for (i, _) in source.match_indices("fn ") {
            let name: String = source[i + 3..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if name.ends_with("_operator") || name.ends_with("_source") {
                assert!(
                    names.contains(&name.as_str()),
                    "`{name}` has no grammar rule"
                );
            }
        }
    }
}

#[test]
fn every_grammar_example_parses() {
    let examples = examples(GRAMMAR);
    assert!(examples.len() > 80, "{} examples", examples.len());
    for example in examples {
        round_trip(example);
    }
}

#[test]
fn every_rule_has_an_example_and_a_parser_method() {
    let rules = rules();
    assert!(rules.len() > 70, "{} rules", rules.len());
    for (name, part_of, text) in rules {
        assert!(text.contains(EXAMPLE), "rule `{name}` has no example");
        if !part_of {
            // `fn name(` or, with a lifetime parameter, `fn name<'a>(`.
            let method = format!("fn {name}(");
            let generic = format!("fn {name}<");
            assert!(
                SOURCES
                    .iter()
                    .any(|source| source.contains(&method) || source.contains(&generic)),
                "rule `{name}` has no parser function `{method}`"
            );
        }
    }
}
