//! `parse_json()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::ScalarType;
use crate::udf;

fn parse_json(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let expr = match value.ty {
        ScalarType::Dynamic => value.materialize(),
        ScalarType::String => udf::parse_json().call(vec![value.expr]),
        _ => convert::to_dynamic(&value),
    };
    Ok(Typed::new(expr, ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "parse_json",
    aliases: &["todynamic"],
    kind: FunctionKind::Scalar,
    params: &[param("json", "string")],
    variadic: false,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The dynamic value a JSON text holds; text that is not JSON becomes a dynamic \
              string.",
    examples: &[
        Example {
            query: "print parse_json('{\"a\": {\"b\": [1, 2]}}').a.b[1]",
            output: "2",
        },
        Example {
            query: "print todynamic(\"not json\")",
            output: "not json",
        },
    ],
    lower: parse_json,
};
