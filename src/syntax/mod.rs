//! The syntax stage: KQL text to a syntax tree with spans ([`parse`]), and back to canonical
//! text (`Display`).
//!
//! This stage knows nothing of tables, types or DataFusion. It accepts the subset of KQL that
//! `grammar/kql.ebnf` documents; valid KQL outside it (operators such as `mv-apply` or
//! `evaluate`, `set` statements) is rejected with a "not supported yet" diagnostic naming the
//! construct, never with a generic syntax error.
//!
//! ```text
//! let parsed = parse("T | where x > 1 | project a, b")?;
//! assert_eq!(parsed.to_string(), "T | where x > 1 | project a, b");
//! ```
//!
//! Limits: nesting deeper than [`MAX_NESTING`] levels, or expression trees deeper than
//! [`MAX_TREE_DEPTH`], are rejected with [`Code::DepthLimit`](crate::diagnostic::Code), so that
//! no input can overflow the stack. No input makes the parser panic.

pub mod ast;
mod display;
mod lexer;
mod parser;

#[cfg(test)]
mod tests;

pub use ast::*;
pub use parser::{MAX_NESTING, MAX_TREE_DEPTH};

use crate::diagnostic::Diagnostic;

/// Parses a whole query: `let` statements and query statements separated by `;`.
///
/// The error points at the token where the text stops fitting the grammar.
pub fn parse(text: &str) -> Result<Query, Diagnostic> {
    parser::parse_query(text)
}

/// Parses a single scalar expression, such as `x > 1 and y has "a"`.
pub fn parse_expression(text: &str) -> Result<Expr, Diagnostic> {
    parser::parse_expression(text)
}

/// The tabular operators the parser accepts after `|` (synonyms included).
pub fn supported_operators() -> &'static [&'static str] {
    parser::SUPPORTED_OPERATORS
}

/// KQL operators that are recognised but rejected as "not supported yet".
pub fn unsupported_operators() -> &'static [&'static str] {
    parser::NOT_SUPPORTED_OPERATORS
}
