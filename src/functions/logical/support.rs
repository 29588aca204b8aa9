//! Helpers shared by the logical functions.

use datafusion::logical_expr::{Expr, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{Call, Param, param};
use crate::plan::{Typed, convert, types};
use crate::syntax::ScalarType;
use crate::udf;

pub(super) fn bool_typed(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Bool)
}

/// Null, or the empty string (also a dynamic value whose text is empty).
pub(super) fn empty(t: &Typed) -> Expr {
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

/// Whether the value is a typed null constant (which takes the other branches' type).
pub(super) fn is_null_constant(t: &Typed) -> bool {
    crate::plan::constant_value(&t.expr).is_some_and(|v| v.is_null())
}

/// The type several results share: equal types, numbers widened, dynamic or string absorbing
/// the rest; nulls adapt.
pub(super) fn common_type(values: &[Typed]) -> Option<ScalarType> {
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
pub(super) fn unify(
    call: &Call<'_>,
    values: &[Typed],
) -> Result<(Vec<Expr>, ScalarType), Diagnostic> {
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

pub(super) const VALUE: &[Param] = &[param("value", "any scalar")];
