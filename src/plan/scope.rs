//! A planned tabular expression ([`Tabular`]: a DataFusion plan and the KQL view of its columns)
//! and the names an expression can see ([`Scope`]).

use std::sync::Arc;

use datafusion::common::{Column, DFSchema};
use datafusion::logical_expr::{Expr, LogicalPlan};

use super::expr::Typed;
use crate::diagnostic::{Code, Diagnostic, Span, did_you_mean};
use crate::syntax::ScalarType;

/// Where a column's values come from, when it is a stored column passed through unchanged: the
/// promoted-path rewrite needs to know that `RawEventData` and `_Resource` are the same row's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub table: Arc<str>,
    pub column: Arc<str>,
    /// Which scan of the table (a query may read a table twice).
    pub scan: usize,
}

/// A column of a planned table, as KQL sees it.
#[derive(Clone, Debug)]
pub(crate) struct ColumnInfo {
    pub name: String,
    pub ty: ScalarType,
    pub origin: Option<Origin>,
}

/// A planned tabular expression: the plan, and one [`ColumnInfo`] per field of its schema, in
/// order.
#[derive(Clone, Debug)]
pub(crate) struct Tabular {
    pub plan: LogicalPlan,
    pub columns: Vec<ColumnInfo>,
}

impl Tabular {
    /// A reference to column `index` of the plan.
    pub fn column_expr(&self, index: usize) -> Expr {
        Expr::Column(Column::from(self.plan.schema().qualified_field(index)))
    }

    /// The index of the column named `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The column named `name`, or an unknown-column diagnostic with a suggestion.
    pub fn require(&self, name: &str, span: Span) -> Result<usize, Diagnostic> {
        self.position(name)
            .ok_or_else(|| unknown_column(name, span, self.columns.iter().map(|c| &c.name)))
    }
}

/// "no column named X", with the closest candidate as a suggestion.
pub(crate) fn unknown_column<I, S>(name: &str, span: Span, candidates: I) -> Diagnostic
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut diagnostic = Diagnostic::error(
        Code::UnknownColumn,
        format!("no column named `{name}` in the input of this operator"),
    )
    .with_span(span)
    .with_label("unknown column");
    if let Some(suggestion) = did_you_mean(name, candidates) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    diagnostic
}

/// One name an expression can see: a column of the operator's input (a plain column reference)
/// or a column defined earlier in the same `extend` (its expression, substituted).
#[derive(Clone, Debug)]
pub(crate) struct ScopeEntry {
    pub name: String,
    pub value: Typed,
    pub origin: Option<Origin>,
}

/// The columns an expression can refer to, over the schema of the operator's input.
#[derive(Clone, Debug)]
pub(crate) struct Scope {
    pub entries: Vec<ScopeEntry>,
    pub schema: Arc<DFSchema>,
}

impl Scope {
    /// The columns of `input`.
    pub fn of(input: &Tabular) -> Scope {
        Scope {
            entries: input
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| ScopeEntry {
                    name: c.name.clone(),
                    value: Typed::new(input.column_expr(i), c.ty),
                    origin: c.origin.clone(),
                })
                .collect(),
            schema: Arc::clone(input.plan.schema()),
        }
    }

    /// A scope without columns (for `let` values and `print`).
    pub fn empty() -> Scope {
        Scope {
            entries: Vec::new(),
            schema: Arc::new(DFSchema::empty()),
        }
    }

    pub fn get(&self, name: &str) -> Option<&ScopeEntry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The entry with this origin.
    pub fn by_origin(&self, origin: &Origin) -> Option<&ScopeEntry> {
        self.entries
            .iter()
            .find(|e| e.origin.as_ref() == Some(origin))
    }

    /// Adds a column, or replaces the one with the same name in place.
    pub fn set(&mut self, entry: ScopeEntry) {
        match self.entries.iter_mut().find(|e| e.name == entry.name) {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }
}
