//! `array_length()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

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

pub(super) const SPEC: FunctionSpec = FunctionSpec {
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
};
