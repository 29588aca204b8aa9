//! Nulls and conditions: `isnull`, `isnotnull`, `isempty`, `isnotempty`, `iff`, `case`,
//! `coalesce`, `not`.

use datafusion::functions::expr_fn::{coalesce, nullif};
use datafusion::logical_expr::conditional_expressions::CaseBuilder;
use datafusion::logical_expr::{Expr, lit, not, when};

use super::{Call, Example, FunctionKind, FunctionSpec, Naming, Param, Returns, arg, param};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{ExprLowerer, Typed, convert, types};
use crate::syntax::ScalarType;
use crate::udf;

fn bool_typed(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Bool)
}

fn isnull(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(arg(lw, call, 0)?.expr.is_null()))
}

fn isnotnull(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(arg(lw, call, 0)?.expr.is_not_null()))
}

/// Null, or the empty string (also a dynamic value whose text is empty).
fn empty(t: &Typed) -> Expr {
    match (t.ty, t.native) {
        (ScalarType::String | ScalarType::Guid, _)
        | (ScalarType::Dynamic, Some(ScalarType::String)) => {
            t.expr.clone().is_null().or(t.expr.clone().eq(lit("")))
        }
        (ScalarType::Dynamic, None) => t.expr.clone().is_null().or(udf::dynamic_tostring()
            .call(vec![t.expr.clone()])
            .eq(lit(""))),
        _ => t.expr.clone().is_null(),
    }
}

fn isempty(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(empty(&arg(lw, call, 0)?)))
}

fn isnotempty(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(bool_typed(not(empty(&arg(lw, call, 0)?))))
}

fn not_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let value = lw.boolean(value, super::arg_span(call, 0))?;
    Ok(bool_typed(not(value)))
}

/// Whether the value is a typed null constant (which takes the other branches' type).
fn is_null_constant(t: &Typed) -> bool {
    crate::plan::constant_value(&t.expr).is_some_and(|v| v.is_null())
}

/// The type several results share: equal types, numbers widened, dynamic or string absorbing
/// the rest; nulls adapt.
fn common_type(values: &[Typed]) -> Option<ScalarType> {
    let mut result: Option<ScalarType> = None;
    for v in values.iter().filter(|v| !is_null_constant(v)) {
        result = Some(match result {
            None => v.ty,
            Some(t) if t == v.ty => t,
            Some(t) if types::is_numeric(t) && types::is_numeric(v.ty) => {
                types::wider_number(t, v.ty)
            }
            Some(t) if t == ScalarType::Dynamic || v.ty == ScalarType::Dynamic => {
                ScalarType::Dynamic
            }
            Some(t) if t == ScalarType::String || v.ty == ScalarType::String => ScalarType::String,
            Some(_) => return None,
        });
    }
    Some(result.unwrap_or_else(|| values.first().map_or(ScalarType::Dynamic, |v| v.ty)))
}

/// The values converted to their common type.
fn unify(call: &Call<'_>, values: &[Typed]) -> Result<(Vec<Expr>, ScalarType), Diagnostic> {
    let mismatch = || {
        Diagnostic::error(
            Code::TypeMismatch,
            format!(
                "the results of `{}()` have different types ({})",
                call.name.name,
                values
                    .iter()
                    .map(|v| v.ty.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_span(call.span)
    };
    let ty = common_type(values).ok_or_else(mismatch)?;
    let exprs = values
        .iter()
        .map(|v| {
            if is_null_constant(v) {
                Some(Expr::Literal(types::null_of(ty), None))
            } else {
                convert::convert(v, ty)
            }
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(mismatch)?;
    Ok((exprs, ty))
}

fn iff(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let condition = arg(lw, call, 0)?;
    let condition = lw.boolean(condition, super::arg_span(call, 0))?;
    let branches = [arg(lw, call, 1)?, arg(lw, call, 2)?];
    let (exprs, ty) = unify(call, &branches)?;
    let [then, otherwise] = <[Expr; 2]>::try_from(exprs).map_err(|_| {
        Diagnostic::error(Code::WrongArgumentCount, "iff() takes 3 arguments").with_span(call.span)
    })?;
    let expr = when(condition, then)
        .otherwise(otherwise)
        .map_err(|e| crate::plan::plan_error(e, call.span))?;
    Ok(Typed::new(expr, ty))
}

fn case(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() < 3 || call.args.len().is_multiple_of(2) {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`case()` takes pairs of (predicate, value) and a final else value",
        )
        .with_span(call.span));
    }
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    for i in (0..call.args.len() - 1).step_by(2) {
        let c = arg(lw, call, i)?;
        conditions.push(lw.boolean(c, super::arg_span(call, i))?);
        values.push(arg(lw, call, i + 1)?);
    }
    values.push(arg(lw, call, call.args.len() - 1)?);
    let (mut exprs, ty) = unify(call, &values)?;
    let otherwise = exprs
        .pop()
        .unwrap_or_else(|| Expr::Literal(types::null_of(ty), None));
    let mut builder: Option<CaseBuilder> = None;
    for (c, v) in conditions.into_iter().zip(exprs) {
        builder = Some(match builder {
            None => when(c, v),
            Some(mut b) => b.when(c, v),
        });
    }
    let expr = match builder {
        Some(mut b) => b
            .otherwise(otherwise)
            .map_err(|e| crate::plan::plan_error(e, call.span))?,
        None => otherwise,
    };
    Ok(Typed::new(expr, ty))
}

fn coalesce_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let values = (0..call.args.len())
        .map(|i| arg(lw, call, i))
        .collect::<Result<Vec<_>, _>>()?;
    let (exprs, ty) = unify(call, &values)?;
    let expr = if ty == ScalarType::String {
        // The first non-empty string.
        let mut parts: Vec<Expr> = exprs.into_iter().map(|e| nullif(e, lit(""))).collect();
        parts.push(lit(""));
        coalesce(parts)
    } else {
        coalesce(exprs)
    };
    Ok(Typed::new(expr, ty))
}

const VALUE: &[Param] = &[param("value", "any scalar")];

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        name: "isnull",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Bool),
        naming: Naming::Column,
        summary: "Whether the value is null; a missing dynamic property is null. (Strings \
                  computed by KQL are never null; a stored string column can be.)",
        examples: &[
            Example {
                query: "print isnull(dynamic({\"a\": 1}).b), isnull(dynamic({\"a\": 1}).a)",
                output: "true | false",
            },
            Example {
                query: "print isnull(\"\")",
                output: "false",
            },
        ],
        lower: isnull,
    },
    FunctionSpec {
        name: "isnotnull",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Bool),
        naming: Naming::Column,
        summary: "Whether the value is not null.",
        examples: &[Example {
            query: "print isnotnull(long(null)), isnotnull(0)",
            output: "false | true",
        }],
        lower: isnotnull,
    },
    FunctionSpec {
        name: "isempty",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Bool),
        naming: Naming::Column,
        summary: "Whether the value is null or the empty string.",
        examples: &[Example {
            query: "print isempty(\"\"), isempty(\"x\"), isempty(dynamic(null)), isempty(int(null))",
            output: "true | false | true | true",
        }],
        lower: isempty,
    },
    FunctionSpec {
        name: "isnotempty",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: VALUE,
        variadic: false,
        returns: Returns::Type(ScalarType::Bool),
        naming: Naming::Column,
        summary: "Whether the value is neither null nor the empty string.",
        examples: &[Example {
            query: "print isnotempty(\" \"), isnotempty(\"\")",
            output: "true | false",
        }],
        lower: isnotempty,
    },
    FunctionSpec {
        name: "iff",
        aliases: &["iif"],
        kind: FunctionKind::Scalar,
        params: &[
            param("predicate", "bool"),
            param("then", "any scalar"),
            param("else", "any scalar"),
        ],
        variadic: false,
        returns: Returns::Rule("the common type of `then` and `else`"),
        naming: Naming::Column,
        summary: "`then` when the predicate is true, else `else` (also when it is null).",
        examples: &[Example {
            query: "print iff(1 > 2, \"yes\", \"no\"), iif(true, 1, 2.5)",
            output: "no | 1",
        }],
        lower: iff,
    },
    FunctionSpec {
        name: "case",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[
            param("predicate", "bool"),
            param("then", "any scalar"),
            param("else", "any scalar"),
        ],
        variadic: true,
        returns: Returns::Rule("the common type of the values"),
        naming: Naming::Column,
        summary: "The value of the first true predicate, else the last argument.",
        examples: &[Example {
            query: "print case(2 < 1, \"a\", 2 < 3, \"b\", \"c\")",
            output: "b",
        }],
        lower: case,
    },
    FunctionSpec {
        name: "coalesce",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("value", "any scalar")],
        variadic: true,
        returns: Returns::Rule("the common type of the values"),
        naming: Naming::Column,
        summary: "The first value that is not null (for strings: not empty).",
        examples: &[
            Example {
                query: "print coalesce(long(null), 7, 8)",
                output: "7",
            },
            Example {
                query: "print coalesce(\"\", \"b\")",
                output: "b",
            },
        ],
        lower: coalesce_fn,
    },
    FunctionSpec {
        name: "not",
        aliases: &[],
        kind: FunctionKind::Scalar,
        params: &[param("predicate", "bool")],
        variadic: false,
        returns: Returns::Type(ScalarType::Bool),
        naming: Naming::Column,
        summary: "The negation of the predicate.",
        examples: &[Example {
            query: "print not(1 == 2)",
            output: "true",
        }],
        lower: not_fn,
    },
];
