//! `assert()`.

use datafusion::common::ScalarValue;
use datafusion::logical_expr::lit;
use datafusion::logical_expr::simplify::SimplifyContext;
use datafusion::optimizer::simplify_expressions::ExprSimplifier;

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Example, FunctionSpec, Returns, arg, arg_span, param, scalar};
use crate::plan::{ExprLowerer, Typed, constant_value};
use crate::syntax::ScalarType;

/// Argument `i` folded to a constant, if it is one.
fn folded(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Option<ScalarValue>, Diagnostic> {
    let t = arg(lw, call, i)?;
    let context = SimplifyContext::builder()
        .with_schema(lw.scope.schema.clone())
        .build();
    let simplified = ExprSimplifier::new(context).simplify(t.expr).ok();
    Ok(simplified.and_then(|e| constant_value(&e).cloned()))
}

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let not_constant = |i: usize, what: &str| {
        Diagnostic::error(
            Code::InvalidArgument,
            format!("the {what} of `assert()` must be a constant (it cannot depend on a row)"),
        )
        .with_span(arg_span(call, i))
    };
    let condition = match folded(lw, call, 0)? {
        Some(ScalarValue::Boolean(b)) => b,
        _ => return Err(not_constant(0, "condition")),
    };
    let message = match folded(lw, call, 1)? {
        Some(ScalarValue::Utf8(m) | ScalarValue::Utf8View(m) | ScalarValue::LargeUtf8(m)) => {
            m.unwrap_or_default()
        }
        _ => return Err(not_constant(1, "message")),
    };
    if condition == Some(true) {
        return Ok(Typed::new(lit(true), ScalarType::Bool));
    }
    Err(Diagnostic::error(
        Code::InvalidArgument,
        format!("assert() has failed with message: '{message}'"),
    )
    .with_span(call.span))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "assert",
    &[],
    &[
        param("condition", "bool (constant)"),
        param("message", "string (constant)"),
    ],
    Returns::Type(ScalarType::Bool),
    "`true` when the condition holds; otherwise the query fails with the message. Both \
     arguments must be constants when the query is planned (they may use `let` values and \
     function parameters, not columns).",
    &[Example {
        query: "let f = (n:long) { assert(n > 0, \"n must be positive\") and n < 10 }; print f(3)",
        output: "true",
    }],
    lower,
);
