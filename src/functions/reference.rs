//! `docs/functions.md`, generated from the catalog (`kqlhunt functions --markdown`); a test fails
//! when the committed file is stale.

use std::fmt::Write;

use super::{FAMILIES, FunctionKind, FunctionSpec, Naming, Returns};

/// What each family folder holds, for the reference's headings.
fn family_title(family: &str) -> &'static str {
    match family {
        "aggregates" => "Aggregations",
        "conversion" => "Conversions",
        "datetime" => "Dates and times",
        "dynamic" => "Dynamic values",
        "logical" => "Nulls and conditions",
        "strings" => "Strings",
        "series" => "Series",
        "math" => "Math",
        "network" => "IP addresses",
        "hashing" => "Hashing and encoding",
        "collections" => "Arrays, bags and sets",
        "text_extra" => "More text",
        "stats" => "Statistics",
        "window" => "Window functions (serialized rows)",
        "columns" => "Columns and schemas",
        _ => "Other",
    }
}

/// How the default column name of a call is formed.
pub fn naming_text(naming: Naming) -> String {
    match naming {
        Naming::Column => "`Column1`, `Column2`, ... (`print_0`, ... in `print`)".to_string(),
        Naming::FirstArgument => "the first argument's column name".to_string(),
        Naming::Aggregate(prefix) => format!("`{prefix}_<first argument>`"),
        Naming::Percentile => "`percentile_<argument>_<percentile>`".to_string(),
        Naming::Aggregate2(prefix) => format!("`{prefix}_<first argument>_<second argument>`"),
        Naming::Columns(_) => {
            "several columns, named `(a, b, ...) = f(...)` or by the function (see the summary)"
                .to_string()
        }
    }
}

fn returns_text(returns: Returns) -> String {
    match returns {
        Returns::Type(ty) => format!("`{}`", ty.name()),
        Returns::Rule(rule) => rule.to_string(),
    }
}

fn entry(out: &mut String, spec: &FunctionSpec) {
    let _ = writeln!(out, "### `{}`\n", spec.name);
    let _ = writeln!(out, "`{}`", spec.signature());
    if !spec.aliases.is_empty() {
        let aliases: Vec<String> = spec.aliases.iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(out, "(also {})", aliases.join(", "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}\n", spec.summary);
    let kind = match spec.kind {
        FunctionKind::Scalar => "scalar",
        FunctionKind::Aggregate => "aggregation (in `summarize`, `make-series`, ...)",
    };
    let _ = writeln!(
        out,
        "- kind: {kind}\n- returns: {}\n- default column name: {}",
        returns_text(spec.returns),
        naming_text(spec.naming)
    );
    for example in spec.examples {
        let _ = writeln!(out, "\n```kql\n{}\n```", example.query);
        let _ = writeln!(out, "```text\n{}\n```", example.output);
    }
    let _ = writeln!(out);
}

/// The whole reference, in Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    let total: usize = FAMILIES.iter().map(|(_, specs)| specs.len()).sum();
    let _ = writeln!(
        out,
        "# KQL functions\n\n\
         Generated from the function catalog (`src/functions/`) by `kqlhunt functions --markdown \
         > docs/functions.md`; a test fails when this file is stale. Every example below runs \
         as a test and gives exactly the output shown (rows on lines, cells separated by ` | `).\n\n\
         {total} functions in {} families.\n",
        FAMILIES.len()
    );
    let mut families: Vec<_> = FAMILIES.to_vec();
    families.sort_by_key(|(name, _)| family_title(name));
    let _ = writeln!(out, "## Contents\n");
    for (name, specs) in &families {
        let mut names: Vec<&str> = specs.iter().map(|s| s.name).collect();
        names.sort();
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            family_title(name),
            name,
            list.join(", ")
        );
    }
    let _ = writeln!(out);
    for (name, specs) in &families {
        let _ = writeln!(out, "## {}\n", family_title(name));
        let mut specs: Vec<&FunctionSpec> = specs.iter().collect();
        specs.sort_by_key(|s| s.name);
        for spec in specs {
            entry(&mut out, spec);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
