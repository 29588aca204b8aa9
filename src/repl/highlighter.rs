//! Syntax colours for the line being edited: tabular operators, functions, keywords, strings,
//! numbers and comments. Colours only wrap tokens in ANSI codes, so the display width of the
//! line does not change (rustyline requires that).

use super::input::{Kind, tokenize};

const RESET: &str = "\x1b[0m";
const OPERATOR: &str = "\x1b[1;34m";
const FUNCTION: &str = "\x1b[36m";
const KEYWORD: &str = "\x1b[35m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2;37m";
const PIPE: &str = "\x1b[1m";
const COMMAND: &str = "\x1b[1;35m";

/// Words that are neither operators nor functions but structure a query.
pub const KEYWORDS: &[&str] = &[
    "let",
    "by",
    "on",
    "and",
    "or",
    "not",
    "asc",
    "desc",
    "nulls",
    "first",
    "last",
    "with",
    "kind",
    "in",
    "in~",
    "!in",
    "!in~",
    "has",
    "!has",
    "has_cs",
    "!has_cs",
    "has_any",
    "has_all",
    "hasprefix",
    "hassuffix",
    "contains",
    "!contains",
    "contains_cs",
    "startswith",
    "!startswith",
    "endswith",
    "!endswith",
    "matches",
    "regex",
    "between",
    "!between",
    "true",
    "false",
    "inner",
    "innerunique",
    "leftouter",
    "rightouter",
    "fullouter",
    "leftanti",
    "rightanti",
    "leftsemi",
    "rightsemi",
    "from",
    "to",
    "step",
    "datatable",
    "range",
    "print",
    "dynamic",
    "datetime",
    "timespan",
    "bool",
    "int",
    "long",
    "real",
    "string",
    "guid",
    "decimal",
    "typeof",
];

/// Is `word` a tabular operator name?
pub fn is_operator(word: &str) -> bool {
    crate::syntax::supported_operators().contains(&word)
}

/// Is `word` a known function?
pub fn is_function(word: &str) -> bool {
    crate::functions::lookup(word).is_some()
}

/// `line` with ANSI colours.
pub fn highlight(line: &str) -> String {
    if line.trim_start().starts_with('.') && !line.contains('\n') {
        let trimmed = line.trim_start();
        let lead = &line[..line.len() - trimmed.len()];
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        return format!(
            "{lead}{COMMAND}{}{RESET}{}",
            &trimmed[..end],
            &trimmed[end..]
        );
    }
    let tokens = tokenize(line);
    let mut out = String::with_capacity(line.len() * 2);
    let mut after_pipe = true;
    for (i, t) in tokens.iter().enumerate() {
        let text = t.text(line);
        let next_is_paren = tokens[i + 1..]
            .iter()
            .find(|n| n.kind != Kind::Space)
            .is_some_and(|n| n.text(line) == "(");
        let colour = match t.kind {
            Kind::Word if after_pipe && is_operator(text) => Some(OPERATOR),
            Kind::Word if next_is_paren && is_function(text) => Some(FUNCTION),
            Kind::Word if KEYWORDS.contains(&text) => Some(KEYWORD),
            Kind::Word => None,
            Kind::Number => Some(NUMBER),
            Kind::Str { .. } => Some(STRING),
            Kind::Comment => Some(COMMENT),
            Kind::Pipe => Some(PIPE),
            _ => None,
        };
        match colour {
            Some(c) => {
                out.push_str(c);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
        match t.kind {
            Kind::Space | Kind::Comment => {}
            Kind::Pipe => after_pipe = true,
            _ => after_pipe = false,
        }
    }
    out
}

/// A hint (the rest of a completion) in grey.
pub fn dim(text: &str) -> String {
    format!("\x1b[2m{text}{RESET}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_each_kind_and_keeps_the_text() {
        let line = "T | where Verb == 'create' and count_ > 5 | extend n = strlen(Verb) // x";
        let coloured = highlight(line);
        assert!(coloured.contains(&format!("{OPERATOR}where{RESET}")));
        assert!(coloured.contains(&format!("{OPERATOR}extend{RESET}")));
        assert!(coloured.contains(&format!("{STRING}'create'{RESET}")));
        assert!(coloured.contains(&format!("{NUMBER}5{RESET}")));
        assert!(coloured.contains(&format!("{FUNCTION}strlen{RESET}")));
        assert!(coloured.contains(&format!("{KEYWORD}and{RESET}")));
        assert!(coloured.contains(&format!("{COMMENT}// x{RESET}")));
        // `count_` is a column, not the `count` operator.
        assert!(!coloured.contains(&format!("{OPERATOR}count_")));
        let plain = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(&coloured, "");
        assert_eq!(plain, line);
    }
}
