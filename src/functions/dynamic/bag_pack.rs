//! `bag_pack()`.

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    ArgAs, Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_as, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn bag_pack(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if !call.args.len().is_multiple_of(2) {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            format!("`{}()` takes pairs of keys and values", call.name.name),
        )
        .with_span(call.span));
    }
    let mut args = Vec::with_capacity(call.args.len());
    for i in 0..call.args.len() {
        let kind = if i % 2 == 0 {
            ArgAs::Text
        } else {
            ArgAs::Dynamic
        };
        args.push(arg_as(lw, call, i, kind)?);
    }
    Ok(Typed::new(udf::bag_pack().call(args), ScalarType::Dynamic))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "bag_pack",
    aliases: &["pack"],
    kind: FunctionKind::Scalar,
    params: &[param("key", "string"), param("value", "any scalar")],
    variadic: true,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "A property bag of the key-value pairs (a repeated key keeps its last value).",
    examples: &[Example {
        query: "print bag_pack(\"Level\", \"Information\", \"ProcessID\", 1234, \"Data\", bag_pack(\"url\", \"www.bing.com\"))",
        output: "{\"Level\":\"Information\",\"ProcessID\":1234,\"Data\":{\"url\":\"www.bing.com\"}}",
    }],
    lower: bag_pack,
};
