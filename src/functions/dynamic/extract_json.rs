//! `extract_json()` (also `extractjson()`): a JSONPath into a JSON text.

use datafusion::logical_expr::{Expr, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionSpec, Returns, arg, arg_span, const_string, optional, param, scalar,
};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::{ExprKind, ScalarType};
use crate::udf;

/// The steps of a JSONPath: `$`, then `.key`, `['key']`, `["key"]` or `[index]`.
fn path_steps(path: &str) -> Option<Vec<Expr>> {
    let rest = path.trim().strip_prefix('$')?;
    let chars: Vec<char> = rest.chars().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '.' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '.' && chars[end] != '[' {
                    end += 1;
                }
                let key: String = chars[start..end].iter().collect();
                if key.is_empty() || key == "*" {
                    return None;
                }
                steps.push(lit(key));
                i = end;
            }
            '[' => match chars.get(i + 1) {
                Some(&q) if q == '\'' || q == '"' => {
                    let close = (i + 2..chars.len()).find(|&j| chars[j] == q)?;
                    if chars.get(close + 1) != Some(&']') {
                        return None;
                    }
                    steps.push(lit(chars[i + 2..close].iter().collect::<String>()));
                    i = close + 2;
                }
                _ => {
                    let close = (i + 1..chars.len()).find(|&j| chars[j] == ']')?;
                    let index: String = chars[i + 1..close].iter().collect();
                    steps.push(lit(index.trim().parse::<i64>().ok()?));
                    i = close + 1;
                }
            },
            _ => return None,
        }
    }
    Some(steps)
}

/// The `typeof(T)` argument's type.
fn result_type(call: &Call<'_>, i: usize) -> Result<ScalarType, Diagnostic> {
    let Some(e) = call.args.get(i) else {
        return Ok(ScalarType::String);
    };
    if let ExprKind::Call(c) = &e.kind
        && c.name.name == "typeof"
        && let [t] = c.args.as_slice()
        && let ExprKind::Ident(id) = &t.kind
        && let Some(ty) = ScalarType::from_name(&id.name)
    {
        return Ok(ty);
    }
    Err(Diagnostic::error(
        Code::InvalidArgument,
        "the result type of `extract_json()` is written `typeof(type)`",
    )
    .with_span(arg_span(call, i)))
}

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let path = const_string(lw, call, 0)?;
    let Some(steps) = path_steps(&path) else {
        return Err(crate::plan::not_supported(
            "this JSONPath (kqlhunt reads `$`, `.key`, `['key']` and `[index]`)",
            arg_span(call, 0),
        ));
    };
    let ty = result_type(call, 2)?;
    let source = arg(lw, call, 1)?;
    // The text is JSON already: read it as a dynamic value's text.
    let json = match source.ty {
        ScalarType::String | ScalarType::Dynamic => source.materialize(),
        _ => convert::to_dynamic(&source),
    };
    let mut args = vec![json];
    args.extend(steps);
    let value = Typed::new(udf::dynamic_get().call(args), ScalarType::Dynamic);
    if ty == ScalarType::Dynamic {
        return Ok(value);
    }
    let converted = convert::convert(&value, ty).ok_or_else(|| {
        Diagnostic::error(
            Code::InvalidArgument,
            format!("`extract_json()` cannot give a {}", ty.name()),
        )
        .with_span(arg_span(call, 2))
    })?;
    Ok(Typed::new(converted, ty))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "extract_json",
    &["extractjson"],
    &[
        param("json_path", "string (constant)"),
        param("json_text", "string"),
        optional("type", "typeof(type)"),
    ],
    Returns::Rule("the `typeof()` type; string without one"),
    "The element a JSONPath (`$`, `.key`, `['key']`, `[index]`) selects in a JSON text, as \
     `type` (a string by default); null when absent or the text is not JSON.",
    &[
        Example {
            query: "print extract_json(\"$.name\", '{\"name\": \"John\", \"age\": 30}', typeof(string))",
            output: "John",
        },
        Example {
            query: "print extractjson(\"$.a['b'][1]\", '{\"a\": {\"b\": [1, 22]}}', typeof(long)) + 1",
            output: "23",
        },
    ],
    lower,
);
