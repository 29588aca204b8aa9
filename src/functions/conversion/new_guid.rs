//! `new_guid()`.

use datafusion::functions::string::expr_fn::uuid;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn new_guid(_: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if !call.args.is_empty() {
        return Err(
            Diagnostic::error(Code::WrongArgumentCount, "`new_guid()` takes no arguments")
                .with_span(call.span),
        );
    }
    // A random (version 4) UUID in kqlhunt's guid form: canonical, lower case.
    Ok(Typed::new(uuid(), ScalarType::Guid))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "new_guid",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[],
    variadic: false,
    returns: Returns::Type(ScalarType::Guid),
    naming: Naming::Column,
    summary: "A random (version 4) guid, different on every row.",
    examples: &[Example {
        query: "range i from 1 to 100 step 1 | extend g = new_guid() \
                | summarize dcount(g), countif(tostring(g) matches regex \
                \"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$\")",
        output: "100 | 100",
    }],
    lower: new_guid,
};
