//! `extract_all()`.

use datafusion::common::ScalarValue;
use datafusion::logical_expr::lit;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_span, optional, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;
use crate::udf;

use super::support::*;

/// The capture groups argument (a constant dynamic array of group numbers or names) as group
/// numbers, checked against the regular expression.
fn capture_groups(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    pattern: &str,
) -> Result<Vec<usize>, Diagnostic> {
    let t = arg(lw, call, 1)?;
    let invalid =
        |what: String| Diagnostic::error(Code::InvalidArgument, what).with_span(arg_span(call, 1));
    let text = match crate::plan::constant_value(&t.expr) {
        Some(ScalarValue::Utf8(Some(s))) if t.ty == ScalarType::Dynamic => s.clone(),
        _ => {
            return Err(invalid(
                "the capture groups of `extract_all()` must be a constant dynamic array, such as \
                 `dynamic([1, 3])`"
                    .to_string(),
            ));
        }
    };
    let re = regex::Regex::new(pattern).map_err(|e| invalid(e.to_string()))?;
    let groups = re.captures_len() - 1;
    let items: Vec<serde_json::Value> = match serde_json::from_str(&text) {
        Ok(serde_json::Value::Array(items)) if !items.is_empty() => items,
        _ => {
            return Err(invalid(
                "the capture groups must be a non-empty array".to_string(),
            ));
        }
    };
    items
        .iter()
        .map(|item| match item {
            serde_json::Value::Number(n) => match n.as_u64() {
                Some(g) if g >= 1 && g as usize <= groups => Ok(g as usize),
                _ => Err(invalid(format!(
                    "capture group {n} does not exist: the expression has {groups}"
                ))),
            },
            serde_json::Value::String(name) => re
                .capture_names()
                .position(|n| n == Some(name.as_str()))
                .ok_or_else(|| invalid(format!("no capture group is named `{name}`"))),
            other => Err(invalid(format!("`{other}` is not a capture group"))),
        })
        .collect()
}

fn extract_all(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let pattern = regex_arg(lw, call, 0)?;
    let mut args = vec![lit(pattern.clone())];
    if call.args.len() == 3 {
        let groups = capture_groups(lw, call, &pattern)?;
        args.push(text(lw, call, 2)?);
        let list: Vec<String> = groups.iter().map(usize::to_string).collect();
        args.push(lit(list.join(",")));
    } else {
        args.push(text(lw, call, 1)?);
    }
    Ok(Typed::new(
        udf::extract_all().call(args),
        ScalarType::Dynamic,
    ))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "extract_all",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("regex", "string (constant)"),
        optional("capture_groups", "dynamic (constant)"),
        param("source", "string"),
    ],
    variadic: false,
    returns: Returns::Type(ScalarType::Dynamic),
    naming: Naming::Column,
    summary: "Every match of the regular expression, as a dynamic array: of the capture \
              group's text with one group, of arrays of the groups' texts with several, of \
              the whole matches with none. With three arguments, `extract_all(regex, \
              capture_groups, source)`, only the groups listed (numbers from 1, or names). Null \
              when nothing matches.",
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
            query: "print extract_all(@\"(\\w)(\\w+)(\\w)\", dynamic([1, 3]), \"abcd-efg\")",
            output: "[[\"a\",\"d\"],[\"e\",\"g\"]]",
        },
        Example {
            query: "print isnull(extract_all(@\"(x)\", \"abc\"))",
            output: "true",
        },
    ],
    lower: extract_all,
};
