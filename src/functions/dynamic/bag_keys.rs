//! `bag_keys()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn bag_keys(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::bag_keys(),
        &[ArgAs::Dynamic],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "bag_keys",
    &[],
    &[param("bag", "dynamic")],
    Returns::Type(ScalarType::Dynamic),
    "The keys of a property bag, as an array; null for anything else.",
    &[
        Example {
            query: "print bag_keys(dynamic({'a': 'b', 'c': 123}))",
            output: "[\"a\",\"c\"]",
        },
        Example {
            query: "print isnull(bag_keys(dynamic([])))",
            output: "true",
        },
    ],
    bag_keys,
);
