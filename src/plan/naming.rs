//! Kusto's default column names for expressions written without `name =`.
//!
//! - a column keeps its name; a dynamic path joins its parts with `_` (`a.b["c"]` → `a_b_c`);
//! - `bin(x, ...)` (and the other functions the catalog marks [`Naming::FirstArgument`]) takes the
//!   name of `x`;
//! - an aggregation is named after itself and its argument: `count_`, `sum_X`, `dcount_X`;
//! - anything else is `Column1`, `Column2`, ... (the first free number), and `print` items are
//!   `print_0`, `print_1`, ... by position.

use crate::functions::{self, Naming};
use crate::syntax::{Expr, ExprKind, Literal};

/// The name an expression gives its column, when it has one of its own.
pub fn default_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(id) => Some(id.name.clone()),
        ExprKind::Paren(inner) => default_name(inner),
        ExprKind::Member { base, name } => Some(format!("{}_{}", default_name(base)?, name.name)),
        ExprKind::Index { base, index } => match &index.kind {
            ExprKind::Literal(Literal::String(key)) => {
                Some(format!("{}_{key}", default_name(base)?))
            }
            ExprKind::Literal(Literal::Long(i)) => Some(format!("{}_{i}", default_name(base)?)),
            _ => None,
        },
        ExprKind::Call(call) => match functions::lookup(&call.name.name)?.naming {
            Naming::FirstArgument => default_name(call.args.first()?),
            Naming::Aggregate(prefix) => Some(format!(
                "{prefix}_{}",
                call.args.first().and_then(default_name).unwrap_or_default()
            )),
            Naming::Percentile => Some(format!(
                "percentile_{}_{}",
                call.args.first().and_then(default_name).unwrap_or_default(),
                call.args
                    .get(1)
                    .map(|p| p.to_string().replace(['.', '-'], "_"))
                    .unwrap_or_default()
            )),
            Naming::Aggregate2(prefix) => Some(format!(
                "{prefix}_{}_{}",
                call.args.first().and_then(default_name).unwrap_or_default(),
                call.args.get(1).and_then(default_name).unwrap_or_default()
            )),
            Naming::Column | Naming::Columns(_) => None,
        },
        _ => None,
    }
}

/// Hands out `Column1`, `Column2`, ... skipping names already taken.
#[derive(Debug, Default)]
pub struct ColumnNames {
    next: usize,
}

impl ColumnNames {
    /// The next `ColumnN` for which `taken` is false.
    pub fn next(&mut self, taken: impl Fn(&str) -> bool) -> String {
        loop {
            self.next += 1;
            let name = format!("Column{}", self.next);
            if !taken(&name) {
                return name;
            }
        }
    }
}

/// Whether `name` matches a `project-away`-style pattern, where `*` stands for any text.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, rest) = (parts[0], &parts[1..]);
    let Some(mut remaining) = name.strip_prefix(first) else {
        return false;
    };
    let last = rest.len() - 1;
    for (i, part) in rest.iter().enumerate() {
        if i == last {
            return remaining.len() >= part.len() && remaining.ends_with(part);
        }
        match remaining.find(part) {
            Some(at) => remaining = &remaining[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_expression;

    fn name_of(text: &str) -> Option<String> {
        parse_expression(text).ok().and_then(|e| default_name(&e))
    }

    #[test]
    fn names_like_kusto() {
        assert_eq!(name_of("Timestamp").as_deref(), Some("Timestamp"));
        assert_eq!(name_of("a.b[\"c\"]").as_deref(), Some("a_b_c"));
        assert_eq!(name_of("bin(Timestamp, 1h)").as_deref(), Some("Timestamp"));
        assert_eq!(name_of("count()").as_deref(), Some("count_"));
        assert_eq!(name_of("dcount(User)").as_deref(), Some("dcount_User"));
        assert_eq!(name_of("strlen(x)"), None);
        assert_eq!(name_of("1 + 2"), None);
    }

    #[test]
    fn column_numbers_skip_taken_names() {
        let mut names = ColumnNames::default();
        assert_eq!(names.next(|n| n == "Column1"), "Column2");
        assert_eq!(names.next(|_| false), "Column3");
    }

    #[test]
    fn globs() {
        assert!(glob_match("_*", "_Verb"));
        assert!(glob_match("*Id", "ReportId"));
        assert!(glob_match("A*c*e", "Abcde"));
        assert!(!glob_match("A*c*e", "Abcd"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("ab*ba", "aba"));
        assert!(glob_match("Time*", "Timestamp"));
        assert!(!glob_match("Time", "Timestamp"));
    }
}
