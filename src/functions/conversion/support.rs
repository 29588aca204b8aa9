//! Helpers shared by the conversion functions.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, arg_type_error, param,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

pub(super) const VALUE: &[crate::functions::Param] = &[param("value", "any scalar")];

pub(super) const fn spec(
    name: &'static str,
    aliases: &'static [&'static str],
    ty: ScalarType,
    summary: &'static str,
    examples: &'static [Example],
    lower: crate::functions::LowerFn,
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

pub(super) fn convert_with(
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
