//! `hash_md5()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn hash_md5(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(datafusion::functions::expr_fn::md5(kusto_text(
        lw, call, 0,
    )?)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "hash_md5",
    &[],
    &[param("source", "any scalar")],
    Returns::Type(ScalarType::String),
    "The MD5 hash of the value's text (UTF-8; datetimes as Kusto prints them, with 7 fraction digits), in lower-case hex.",
    &[Example {
        query: "print hash_md5(\"World\"), hash_md5(datetime(2020-01-01))",
        output: "f5a7924e621e84c9280a9a27e1bcb7f6 | 786c530672d1f8db31fee25ea8a9390b",
    }],
    hash_md5,
);
