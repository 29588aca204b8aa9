//! `strrep()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

fn strrep(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = text(lw, call, 0)?;
    let times = arg_as(lw, call, 1, ArgAs::Long)?;
    let delimiter = if call.args.len() > 2 {
        text(lw, call, 2)?
    } else {
        lit("")
    };
    Ok(string(udf::strrep().call(vec![value, times, delimiter])))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "strrep",
    &[],
    &[
        param("value", "any scalar"),
        param("multiplier", "long"),
        optional("delimiter", "string"),
    ],
    Returns::Type(ScalarType::String),
    "The value's text repeated `multiplier` times (at most 1024), joined by the delimiter.",
    &[Example {
        query: "print strrep('ABC', 2), strrep(123, 3, '.'), strrep(3s, 2, ' ')",
        output: "ABCABC | 123.123.123 | 00:00:03 00:00:03",
    }],
    strrep,
);
