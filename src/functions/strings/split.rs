//! `split()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, call_udf, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn split_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::split(),
        &[ArgAs::Text, ArgAs::Text, ArgAs::Long],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "split",
    &[],
    &[
        param("source", "string"),
        param("delimiter", "string"),
        optional("requestedIndex", "long"),
    ],
    Returns::Type(ScalarType::Dynamic),
    "The parts of the text between the delimiters, as a dynamic array of strings; with an index, an array of that part alone (empty when there is none).",
    &[
        Example {
            query: "print split(\"aa_bb\", \"_\")",
            output: "[\"aa\",\"bb\"]",
        },
        Example {
            query: "print split(\"aaa_bbb_ccc\", \"_\", 1)",
            output: "[\"bbb\"]",
        },
        Example {
            query: "print split(\"a__b\", \"_\")",
            output: "[\"a\",\"\",\"b\"]",
        },
    ],
    split_fn,
);
