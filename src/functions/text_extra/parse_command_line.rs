//! `parse_command_line()`.

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionSpec, arg_span, const_string, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let parser = const_string(lw, call, 1)?;
    if !parser.eq_ignore_ascii_case("windows") {
        return Err(Diagnostic::error(
            Code::InvalidArgument,
            format!("unknown command-line parser `{parser}`: the only one is \"windows\""),
        )
        .with_span(arg_span(call, 1)));
    }
    let line = crate::functions::arg_as(lw, call, 0, crate::functions::ArgAs::Text)?;
    Ok(Typed::new(
        udf::text().call(vec![
            datafusion::logical_expr::lit("parse_command_line"),
            line,
        ]),
        ScalarType::Dynamic,
    ))
}

pub(super) const SPEC: FunctionSpec = crate::functions::rowwise::scalar(
    "parse_command_line",
    &[
        param("command_line", "string"),
        param("parser", "string (constant): \"windows\""),
    ],
    false,
    ScalarType::Dynamic,
    "The arguments of a command line as a dynamic array of strings, split the way Windows' \
     `CommandLineToArgvW` does (quotes group, backslashes escape quotes).",
    &[
        Example {
            query: r#"print parse_command_line("echo \"hello world!\"", "windows")"#,
            output: r#"["echo","hello world!"]"#,
        },
        Example {
            query: r#"print parse_command_line(@'"C:\Program Files\app.exe" -a "b c" d\"e f\\\"g', "windows")"#,
            output: r#"["C:\\Program Files\\app.exe","-a","b c","d\"e","f\\\"g"]"#,
        },
    ],
    lower,
);
