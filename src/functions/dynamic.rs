//! Dynamic values: `parse_json`/`todynamic`, `array_length`.

use super::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, param,
};
use crate::diagnostic::Diagnostic;
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

fn array_length(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    if value.ty != ScalarType::Dynamic {
        return Err(arg_type_error(call, 0, "a dynamic array", &value));
    }
    Ok(Typed::new(
        udf::array_length().call(vec![value.materialize()]),
        ScalarType::Long,
    ))
}

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
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
    },
    FunctionSpec {
        name: "array_length",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("array", "dynamic")],
        variadic: false,
        returns: Returns::Type(ScalarType::Long),
        naming: Naming::Column,
        summary: "The number of elements of a dynamic array; null for anything else.",
        examples: &[Example {
            query: "print array_length(dynamic([1, 2, 3])), isnull(array_length(dynamic({})))",
            output: "3 | true",
        }],
        lower: array_length,
    },
];
