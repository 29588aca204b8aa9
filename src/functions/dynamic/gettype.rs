//! `gettype()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, param, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn gettype(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let expr = match value.ty {
        ScalarType::Dynamic => udf::gettype().call(vec![value.materialize()]),
        ty => lit(ty.name()),
    };
    Ok(Typed::new(expr, ScalarType::String))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "gettype",
    &[],
    &[param("value", "any scalar")],
    Returns::Type(ScalarType::String),
    "The type of the value: `string`, `int`, `long`, `real`, `decimal`, `bool`, `datetime`, `timespan`, `guid`; for a dynamic value, the type of what it holds, `array`, `dictionary` or `null`.",
    &[
        Example {
            query: "print gettype(\"a\"), gettype(111), gettype(1s), gettype(now())",
            output: "string | long | timespan | datetime",
        },
        Example {
            query: "print gettype(parse_json('1')), gettype(parse_json('[1, 2]')), gettype(parse_json('{\"a\": 1}')), gettype(parse_json(''))",
            output: "int | array | dictionary | null",
        },
    ],
    gettype,
);
