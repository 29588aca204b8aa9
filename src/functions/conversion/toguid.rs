//! `toguid()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, Example, FunctionSpec, Returns, arg, call_udf, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn toguid(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    if value.ty == ScalarType::Guid {
        return Ok(value);
    }
    call_udf(lw, call, udf::toguid(), &[ArgAs::Text], ScalarType::Guid)
}

pub(super) const SPEC: FunctionSpec = scalar(
    "toguid",
    &[],
    &[param("value", "string")],
    Returns::Type(ScalarType::Guid),
    "The value as a guid (canonical lower-case form), from 32 hex digits with or without dashes; null otherwise.",
    &[
        Example {
            query: "print toguid(\"0123456789ABCDEF0123456789abcdef\")",
            output: "01234567-89ab-cdef-0123-456789abcdef",
        },
        Example {
            query: "print isnull(toguid(\"a string that is not a guid\"))",
            output: "true",
        },
    ],
    toguid,
);
