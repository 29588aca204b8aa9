//! `url_decode()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn url_decode(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(udf::url_decode().call(vec![text(lw, call, 0)?])))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "url_decode",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("encoded", "string")],
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The text with its `%XX` escapes decoded (`+` stays as it is).",
    examples: &[Example {
        query: "print url_decode(\"cat%20%2Fetc%2Fpasswd\")",
        output: "cat /etc/passwd",
    }],
    lower: url_decode,
};
