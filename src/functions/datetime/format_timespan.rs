//! `format_timespan()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, const_string, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn format_timespan(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let span = arg_as(lw, call, 0, ArgAs::TimeSpan)?;
    let format = const_string(lw, call, 1)?;
    Ok(Typed::new(
        udf::format_timespan().call(vec![span, lit(format)]),
        ScalarType::String,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "format_timespan",
    &[],
    &[
        param("timespan", "timespan"),
        param("format", "string (constant)"),
    ],
    Returns::Type(ScalarType::String),
    "The timespan formatted: `d`... (days, zero-padded to the count), `hh`/`h` (or `H`), `mm`/`m`, `ss`/`s`, `f`...`fffffff`, `F`...`FFFFFFF`; other characters are kept.",
    &[Example {
        query: "print format_timespan(totimespan('29.09:00:05.12345'), 'dd.hh:mm:ss:FF'), format_timespan(totimespan('29.09:00:05.12345'), 'ddd.h:mm:ss [fffffff]')",
        output: "29.09:00:05:12 | 029.9:00:05 [1234500]",
    }],
    format_timespan,
);
