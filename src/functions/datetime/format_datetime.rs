//! `format_datetime()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg_as, const_string, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn format_datetime(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let date = arg_as(lw, call, 0, ArgAs::DateTime)?;
    let format = const_string(lw, call, 1)?;
    Ok(Typed::new(
        udf::format_datetime().call(vec![date, lit(format)]),
        ScalarType::String,
    ))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "format_datetime",
    &[],
    &[
        param("datetime", "datetime"),
        param("format", "string (constant)"),
    ],
    Returns::Type(ScalarType::String),
    "The datetime formatted: `yyyy`/`yy`, `MM`/`M`, `dd`/`d`, `HH`/`H`, `hh`/`h`, `mm`/`m`, `ss`/`s`, `f`...`fffffff`, `F`...`FFFFFFF` (fraction without trailing zeros), `tt` (AM/PM); other characters are kept.",
    &[
        Example {
            query: "print format_datetime(datetime(2017-01-29 09:00:05), 'yy-MM-dd [HH:mm:ss]')",
            output: "17-01-29 [09:00:05]",
        },
        Example {
            query: "print format_datetime(datetime(2017-01-29 09:00:05), 'yy-MM-dd [hh:mm:ss tt]')",
            output: "17-01-29 [09:00:05 AM]",
        },
    ],
    format_datetime,
);
