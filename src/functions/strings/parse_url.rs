//! `parse_url()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn parse_url_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    call_udf(
        lw,
        call,
        udf::parse_url(),
        &[ArgAs::Text],
        ScalarType::Dynamic,
    )
}

pub(super) const SPEC: FunctionSpec = scalar(
    "parse_url",
    &[],
    &[param("url", "string")],
    Returns::Type(ScalarType::Dynamic),
    "The parts of a URL as a bag: `Scheme`, `Host`, `Port`, `Path` (without its leading `/`, as the Kusto docs show it), `Username`, `Password`, `Query Parameters` (a bag) and `Fragment`; an empty bag when the text is not a URL.",
    &[
        Example {
            query: "print parse_url(\"scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment\")",
            output: "{\"Scheme\":\"scheme\",\"Host\":\"host\",\"Port\":\"1234\",\"Path\":\"this/is/a/path\",\"Username\":\"username\",\"Password\":\"password\",\"Query Parameters\":{\"k1\":\"v1\",\"k2\":\"v2\"},\"Fragment\":\"fragment\"}",
        },
        Example {
            query: "print parse_url(\"https://kubernetes.default.svc/api/v1/pods?limit=500\").Host",
            output: "kubernetes.default.svc",
        },
    ],
    parse_url_fn,
);
