//! `strcat_array()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn strcat_array(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let array = arg(lw, call, 0)?;
    if array.ty != ScalarType::Dynamic {
        return Err(arg_type_error(call, 0, "a dynamic array", &array));
    }
    let delimiter = text(lw, call, 1)?;
    Ok(string(
        udf::strcat_array().call(vec![array.materialize(), delimiter]),
    ))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "strcat_array",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("array", "dynamic"), param("delimiter", "string")],
    variadic: false,
    returns: Returns::Type(ScalarType::String),
    naming: Naming::Column,
    summary: "The elements of a dynamic array as text, joined by the delimiter; `\"\"` for \
              anything but an array.",
    examples: &[
        Example {
            query: "print strcat_array(dynamic([\"cat\", 1, true]), \" \")",
            output: "cat 1 true",
        },
        Example {
            query: "print strlen(strcat_array(dynamic(null), \",\"))",
            output: "0",
        },
    ],
    lower: strcat_array,
};
