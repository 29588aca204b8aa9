//! `buildschema()`.

use datafusion::functions_aggregate::expr_fn::array_agg;
use datafusion::logical_expr::ExprFunctionExt;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, arg};
use crate::plan::{ExprLowerer, Typed, convert, plan_error};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let json = convert::to_dynamic(&value);
    let aggregate = array_agg(json.clone())
        .filter(json.is_not_null())
        .build()
        .map_err(|e| plan_error(e, call.span))?;
    Ok(Typed::new(
        udf::buildschema().call(vec![aggregate]),
        ScalarType::Dynamic,
    ))
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "buildschema",
    &[crate::functions::param("value", "dynamic")],
    Returns::Type(ScalarType::Dynamic),
    "schema",
    "The minimal schema that admits every value: for each key of the property bags its type \
     (`long`, `double`, `string`, `bool`, a nested schema, or an array of the alternatives seen, \
     in first-seen order); an array's elements are described under the key `` `indexer` ``.",
    &[Example {
        query: "datatable(value: dynamic) [dynamic({\"x\":1, \"y\":3.5}), dynamic({\"x\":\"somevalue\", \"z\":[1, 2, 3]}), dynamic({\"y\":{\"w\":\"zzz\"}, \"t\":[\"aa\", \"bb\"], \"z\":[\"foo\"]})] | summarize buildschema(value)",
        output: "{\"x\":[\"long\",\"string\"],\"y\":[\"double\",{\"w\":\"string\"}],\"z\":{\"`indexer`\":[\"long\",\"string\"]},\"t\":{\"`indexer`\":\"string\"}}",
    }],
    lower,
);
