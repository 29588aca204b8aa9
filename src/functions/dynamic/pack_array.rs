//! `pack_array()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, call_udf, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn pack_array(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::pack_array(),
        &[ArgAs::Dynamic],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "pack_array",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("value", "any scalar")],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "The values as a dynamic array (nulls included).",
    examples: &[
        Example {
            query: "print pack_array(1, \"2\", 2s)",
            output: "[1,\"2\",\"00:00:02\"]",
        },
        Example {
            query: "range x from 1 to 2 step 1 | project pack_array(x, x * 2)",
            output: "[1,2]\n[2,4]",
        },
    ],
    lower: pack_array,
};
