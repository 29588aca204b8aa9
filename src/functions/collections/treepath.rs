//! `treepath()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::op;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "treepath")
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "treepath",
    &[param("object", "dynamic")],
    false,
    ScalarType::Dynamic,
    "Every path in a dynamic value, as an array of strings (`['key']` steps, `[0]` standing for any array element).",
    &[Example {
        query: r#"print treepath(parse_json('{"listProperty": [100, 200, {"x": "y"}], "a": 1}'))"#,
        output: r#"["['listProperty']","['listProperty'][0]","['listProperty'][0]['x']","['a']"]"#,
    }],
    lower,
);
