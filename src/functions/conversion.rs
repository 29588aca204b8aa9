//! Conversions: `tostring`, `toint`, `tolong`, `todouble`, `tobool`, `todatetime`,
//! `totimespan`.

use super::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, param,
};
use crate::diagnostic::Diagnostic;
use crate::plan::convert;
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

const VALUE: &[super::Param] = &[param("value", "any scalar")];

const fn spec(
    name: &'static str,
    aliases: &'static [&'static str],
    ty: ScalarType,
    summary: &'static str,
    examples: &'static [Example],
    lower: super::LowerFn,
) -> FunctionSpec {
    FunctionSpec {
        name,
        aliases,
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ty),
        naming: Naming::Column,
        summary,
        examples,
        lower,
    }
}

fn convert_with(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    target: ScalarType,
    f: impl Fn(&Typed) -> Option<datafusion::logical_expr::Expr>,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    match f(&value) {
        Some(expr) => Ok(Typed::new(expr, target)),
        None => Err(arg_type_error(
            call,
            0,
            &format!("convertible to {}", target.name()),
            &value,
        )),
    }
}

fn tostring(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let expr = convert::to_string_value(&value, lw.scope.schema.as_ref());
    Ok(Typed::new(expr, ScalarType::String))
}

fn toint(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Int, |t| {
        convert::to_integer(t, ScalarType::Int)
    })
}

fn tolong(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Long, |t| {
        convert::to_integer(t, ScalarType::Long)
    })
}

fn todouble(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Real, convert::to_real)
}

fn tobool(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::Bool, convert::to_bool)
}

fn todatetime(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::DateTime, convert::to_datetime)
}

fn totimespan(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    convert_with(lw, call, ScalarType::TimeSpan, convert::to_timespan)
}

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        name: "tostring",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The value as text: a dynamic string without its quotes, other dynamic values as \
                  compact JSON, datetimes in ISO 8601, null as the empty string.",
        examples: &[
            Example {
                query: "print tostring(dynamic({\"a\": [1, 2]}))",
                output: "{\"a\":[1,2]}",
            },
            Example {
                query: "print tostring(dynamic(\"text\"))",
                output: "text",
            },
            Example {
                query: "print tostring(datetime(2026-11-20 10:00))",
                output: "2026-11-20T10:00:00Z",
            },
            Example {
                query: "print strlen(tostring(dynamic(null)))",
                output: "0",
            },
        ],
        lower: tostring,
    },
    FunctionSpec {
        name: "toint",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Int),
        naming: Naming::Column,
        summary: "The value as an int (reals truncated); null when it does not convert.",
        examples: &[
            Example {
                query: "print toint(\"42\")",
                output: "42",
            },
            Example {
                query: "print toint(2.9)",
                output: "2",
            },
        ],
        lower: toint,
    },
    FunctionSpec {
        name: "tolong",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Long),
        naming: Naming::Column,
        summary: "The value as a long (reals truncated); null when it does not convert.",
        examples: &[
            Example {
                query: "print tolong(dynamic(201))",
                output: "201",
            },
            Example {
                query: "print isnull(tolong(\"abc\"))",
                output: "true",
            },
        ],
        lower: tolong,
    },
    FunctionSpec {
        name: "todouble",
        aliases: &["toreal"],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Real),
        naming: Naming::Column,
        summary: "The value as a real; null when it does not convert.",
        examples: &[
            Example {
                query: "print todouble(\"1.5\")",
                output: "1.5",
            },
            Example {
                query: "print toreal(dynamic(\"2e3\"))",
                output: "2000",
            },
        ],
        lower: todouble,
    },
    FunctionSpec {
        name: "tobool",
        aliases: &["toboolean"],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Bool),
        naming: Naming::Column,
        summary: "The value as a bool: `true`/`false` in any case, `1`/`0`, non-zero numbers are \
                  true; null otherwise.",
        examples: &[Example {
            query: "print tobool(\"TRUE\"), tobool(0), tobool(dynamic(true))",
            output: "true | false | true",
        }],
        lower: tobool,
    },
    spec(
        "todatetime",
        &[],
        ScalarType::DateTime,
        "The value as a datetime, from ISO 8601 or RFC 1123 text; null when it does not parse.",
        &[
            Example {
                query: "print todatetime(\"2026-11-20T10:00:00.5+01:00\")",
                output: "2026-11-20T09:00:00.5Z",
            },
            Example {
                query: "print isnull(todatetime(\"soon\"))",
                output: "true",
            },
        ],
        todatetime,
    ),
    spec(
        "totimespan",
        &["totime"],
        ScalarType::TimeSpan,
        "The value as a timespan, from `[d.]hh:mm[:ss[.fffffff]]` text; null otherwise.",
        &[Example {
            query: "print totimespan(\"1.02:03:04\")",
            output: "1.02:03:04",
        }],
        totimespan,
    ),
];
