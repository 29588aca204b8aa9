//! `array_concat()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, call_udf, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn array_concat(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::array_concat(),
        &[ArgAs::Dynamic],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "array_concat",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("array", "dynamic")],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The arrays joined into one; null when an argument is not an array.",
    examples: &[
        Example {
            query: "print array_concat(dynamic([1, 2, 4]), dynamic([1, 2]))",
            output: "[1,2,4,1,2]",
        },
        Example {
            query: "print isnull(array_concat(dynamic([1]), dynamic({})))",
            output: "true",
        },
    ],
    lower: array_concat,
};
