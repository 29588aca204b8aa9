//! Text functions: `strcat`, `strcat_array`, `strlen`, `tolower`, `toupper`, `substring`,
//! `replace_string`, `extract`, `extract_all`, `url_decode`.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions::expr_fn::{
    character_length, concat, lower, replace, substr, substring, upper,
};
use datafusion::logical_expr::{Expr, cast, lit};

use super::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Param, Returns, arg, arg_span,
    arg_type_error, const_long, const_string, optional, param,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::ScalarType;
use crate::udf;

/// Argument `i` as text (`tostring()`), never null.
fn text(lw: &mut ExprLowerer<'_>, call: &Call<'_>, i: usize) -> Result<Expr, Diagnostic> {
    let t = arg(lw, call, i)?;
    Ok(convert::to_string_value(&t, lw.scope.schema.as_ref()))
}

fn string(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::String)
}

fn strcat(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let parts = (0..call.args.len())
        .map(|i| text(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(string(concat(parts)))
}

fn strcat_array(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let array = arg(lw, call, 0)?;
    if array.ty != ScalarType::Dynamic {
        return Err(arg_type_error(call, 0, "a dynamic array", &array));
    }
    let delimiter = text(lw, call, 1)?;
    Ok(string(
        udf::strcat_array().call(vec![array.materialize(), delimiter]),
    ))
}

fn strlen(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let s = text(lw, call, 0)?;
    Ok(Typed::new(
        cast(character_length(s), DataType::Int64),
        ScalarType::Long,
    ))
}

fn tolower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(lower(text(lw, call, 0)?)))
}

fn toupper(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(upper(text(lw, call, 0)?)))
}

fn integer(lw: &mut ExprLowerer<'_>, call: &Call<'_>, i: usize) -> Result<Expr, Diagnostic> {
    let t = arg(lw, call, i)?;
    match t.ty {
        ScalarType::Int | ScalarType::Long => Ok(cast(t.expr, DataType::Int64)),
        _ => Err(arg_type_error(call, i, "a long", &t)),
    }
}

fn substring_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let s = text(lw, call, 0)?;
    // KQL counts from 0, SQL from 1.
    let start = integer(lw, call, 1)? + lit(1i64);
    let expr = if call.args.len() > 2 {
        substring(s, start, integer(lw, call, 2)?)
    } else {
        substr(s, start)
    };
    Ok(string(expr))
}

fn replace_string(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let (s, from, to) = (text(lw, call, 0)?, text(lw, call, 1)?, text(lw, call, 2)?);
    Ok(string(replace(s, from, to)))
}

fn regex_arg(lw: &mut ExprLowerer<'_>, call: &Call<'_>, i: usize) -> Result<String, Diagnostic> {
    let pattern = const_string(lw, call, i)?;
    crate::plan::check_regex(&pattern, arg_span(call, i))?;
    Ok(pattern)
}

fn extract(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 3 {
        return Err(crate::plan::not_supported(
            "the type argument of `extract()`",
            arg_span(call, 3),
        ));
    }
    let pattern = regex_arg(lw, call, 0)?;
    let group = const_long(lw, call, 1)?;
    let groups = regex::Regex::new(&pattern).map_or(0, |re| re.captures_len() - 1);
    if group < 0 || usize::try_from(group).unwrap_or(usize::MAX) > groups {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            format!("the expression has {groups} capture group(s); group {group} does not exist"),
        )
        .with_span(arg_span(call, 1)));
    }
    let source = text(lw, call, 2)?;
    Ok(string(udf::extract().call(vec![
        lit(pattern),
        lit(group),
        source,
    ])))
}

fn extract_all(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 2 {
        return Err(crate::plan::not_supported(
            "the capture-group list of `extract_all()`",
            arg_span(call, 1),
        ));
    }
    let pattern = regex_arg(lw, call, 0)?;
    let source = text(lw, call, 1)?;
    Ok(Typed::new(
        udf::extract_all().call(vec![lit(pattern), source]),
        ScalarType::Dynamic,
    ))
}

fn url_decode(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(string(udf::url_decode().call(vec![text(lw, call, 0)?])))
}

const TEXT: &[Param] = &[param("text", "string")];

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        name: "strcat",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("value", "any scalar")],
        variadic: true,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The arguments as text (`tostring()` of each), concatenated.",
        examples: &[Example {
            query: "print strcat(\"pod-\", 7, \"/\", dynamic(\"x\"))",
            output: "pod-7/x",
        }],
        lower: strcat,
    },
    FunctionSpec {
        name: "strcat_array",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("array", "dynamic"), param("delimiter", "string")],
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The elements of a dynamic array as text, joined by the delimiter; `\"\"` for \
                  anything but an array.",
        examples: &[
            Example {
                query: "print strcat_array(dynamic([\"cat\", 1, true]), \" \")",
                output: "cat 1 true",
            },
            Example {
                query: "print strlen(strcat_array(dynamic(null), \",\"))",
                output: "0",
            },
        ],
        lower: strcat_array,
    },
    FunctionSpec {
        name: "strlen",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: TEXT,
        variadic: false,
        returns: Returns::Type(ScalarType::Long),
        naming: Naming::Column,
        summary: "The number of characters of the text.",
        examples: &[Example {
            query: "print strlen(\"héllo\")",
            output: "5",
        }],
        lower: strlen,
    },
    FunctionSpec {
        name: "tolower",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: TEXT,
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The text in lower case.",
        examples: &[Example {
            query: "print tolower(\"Kube-System\")",
            output: "kube-system",
        }],
        lower: tolower,
    },
    FunctionSpec {
        name: "toupper",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: TEXT,
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The text in upper case.",
        examples: &[Example {
            query: "print toupper(\"get\")",
            output: "GET",
        }],
        lower: toupper,
    },
    FunctionSpec {
        name: "substring",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[
            param("text", "string"),
            param("start", "long"),
            optional("length", "long"),
        ],
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "Part of the text, from `start` (counted from 0), `length` characters or to the end.",
        examples: &[
            Example {
                query: "print substring(\"kube-system\", 5)",
                output: "system",
            },
            Example {
                query: "print substring(\"kube-system\", 0, 4)",
                output: "kube",
            },
        ],
        lower: substring_fn,
    },
    FunctionSpec {
        name: "replace_string",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[
            param("text", "string"),
            param("lookup", "string"),
            param("rewrite", "string"),
        ],
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The text with every occurrence of `lookup` replaced by `rewrite`.",
        examples: &[Example {
            query: "print replace_string(\"a.b.c\", \".\", \"/\")",
            output: "a/b/c",
        }],
        lower: replace_string,
    },
    FunctionSpec {
        name: "extract",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[
            param("regex", "string (constant)"),
            param("captureGroup", "long (constant)"),
            param("source", "string"),
        ],
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The text of a capture group (0: the whole match) of the first match of the \
                  regular expression; `\"\"` when nothing matches.",
        examples: &[
            Example {
                query: "print extract(@\"/pods/([^/]+)/exec\", 1, \"/api/v1/namespaces/ns/pods/web-1/exec\")",
                output: "web-1",
            },
            Example {
                query: "print strlen(extract(@\"x(\\d+)\", 1, \"none\"))",
                output: "0",
            },
        ],
        lower: extract,
    },
    FunctionSpec {
        name: "extract_all",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[
            param("regex", "string (constant)"),
            param("source", "string"),
        ],
        variadic: false,
        returns: Returns::Type(ScalarType::Dynamic),
        naming: Naming::Column,
        summary: "Every match of the regular expression, as a dynamic array: of the capture \
                  group's text with one group, of arrays of the groups' texts with several, of \
                  the whole matches with none. Null when nothing matches.",
        examples: &[
            Example {
                query: "print extract_all(@\"command=([^\\&]*)\", \"/exec?command=ls&command=-la&tty=1\")",
                output: "[\"ls\",\"-la\"]",
            },
            Example {
                query: "print extract_all(@\"(\\w)=(\\d)\", \"a=1 b=2\")",
                output: "[[\"a\",\"1\"],[\"b\",\"2\"]]",
            },
            Example {
                query: "print isnull(extract_all(@\"(x)\", \"abc\"))",
                output: "true",
            },
        ],
        lower: extract_all,
    },
    FunctionSpec {
        name: "url_decode",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("encoded", "string")],
        variadic: false,
        returns: Returns::Type(ScalarType::String),
        naming: Naming::Column,
        summary: "The text with its `%XX` escapes decoded (`+` stays as it is).",
        examples: &[Example {
            query: "print url_decode(\"cat%20%2Fetc%2Fpasswd\")",
            output: "cat /etc/passwd",
        }],
        lower: url_decode,
    },
];
