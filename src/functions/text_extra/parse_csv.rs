//! `parse_csv()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "parse_csv")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "parse_csv",
    &[param("csv_text", "string")],
    false,
    ScalarType::Dynamic,
    "The fields of the first record of CSV text, as a dynamic array of strings (quoted fields may hold commas, newlines and doubled quotes).",
    &[Example {
        query: r#"print parse_csv('aa,"b,b,b",cc,"say ""hi"""')"#,
        output: r#"["aa","b,b,b","cc","say \"hi\""]"#,
    }],
    lower,
);
