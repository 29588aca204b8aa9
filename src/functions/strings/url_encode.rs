//! `url_encode()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn url_encode_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::url_encode(),
        &[ArgAs::Text],
        ScalarType::String,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "url_encode",
    &[],
    &[param("url", "string")],
    Returns::Type(ScalarType::String),
    "The text with every character but ASCII letters, digits and `-_.~` percent-encoded (lower-case hex, UTF-8 bytes).",
    &[Example {
        query: "print url_encode(\"https://www.bing.com/hello world\")",
        output: "https%3a%2f%2fwww.bing.com%2fhello%20world",
    }],
    url_encode_fn,
);
