//! `hash_many()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::{combine, typed};

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let mut hashes = Vec::with_capacity(call.args.len());
    for i in 0..call.args.len() {
        let one = Call {
            name: call.name,
            args: std::slice::from_ref(&call.args[i]),
            span: call.span,
        };
        hashes.push(typed(lw, &one, "hash")?.expr);
    }
    Ok(combine(hashes))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "hash_many",
    &[param("value1", "scalar"), param("value2", "scalar")],
    true,
    ScalarType::Long,
    "One hash of several values: `hash_combine()` of each value's `hash()` (xxHash64). Kusto \
     does not publish its combining function, so the numbers differ from Kusto's.",
    &[Example {
        query: "print hash_many(\"Hello\", \"World\") == hash_combine(hash(\"Hello\"), hash(\"World\")), isnull(hash_many(\"a\", long(null)))",
        output: "true | true",
    }],
    lower,
);
