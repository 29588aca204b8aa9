//! Lowering for the functions computed by a family's row-wise UDF ([`crate::udf::rowwise`]):
//! each argument is converted as the operation declares, and the call becomes
//! `kql_<family>('<op>', args...)`.

use std::sync::Arc;

use datafusion::logical_expr::{ScalarUDF, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, LowerFn, Naming, Param, Returns, arg, arg_type_error,
};
use crate::plan::{ExprLowerer, Typed, convert};
use crate::syntax::ScalarType;
use crate::udf::rowwise::{Kind, Op, find_op};

/// Lowers `call` to operation `op` of the family whose UDF is `udf` and table `ops`.
pub(crate) fn lower_op(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    udf: Arc<ScalarUDF>,
    ops: &'static [Op],
    op: &str,
) -> Result<Typed, Diagnostic> {
    let Some(spec) = find_op(ops, op) else {
        return Err(Diagnostic::error(
            Code::ExecutionError,
            format!("`{}()` has no implementation `{op}`", call.name.name),
        )
        .with_span(call.span));
    };
    let mut args = vec![lit(op)];
    for i in 0..call.args.len() {
        let t = arg(lw, call, i)?;
        let e = match spec.kind(i) {
            Kind::Dynamic => convert::to_dynamic(&t),
            Kind::Str => convert::to_string_value(&t, lw.scope.schema.as_ref()),
            Kind::Real => {
                convert::to_real(&t).ok_or_else(|| arg_type_error(call, i, "a number", &t))?
            }
            Kind::Long => convert::to_integer(&t, ScalarType::Long)
                .ok_or_else(|| arg_type_error(call, i, "a long", &t))?,
            Kind::Bool => {
                convert::to_bool(&t).ok_or_else(|| arg_type_error(call, i, "a bool", &t))?
            }
        };
        args.push(e);
    }
    Ok(Typed::new(udf.call(args), spec.ret.scalar_type()))
}

/// A scalar function's spec (the catalog fields in the order the files read them).
pub(crate) const fn scalar(
    name: &'static str,
    params: &'static [Param],
    variadic: bool,
    returns: ScalarType,
    summary: &'static str,
    examples: &'static [Example],
    lower: LowerFn,
) -> FunctionSpec {
    FunctionSpec {
        name,
        aliases: &[],
        kind: FunctionKind::Scalar,
        params,
        variadic,
        returns: Returns::Type(returns),
        naming: Naming::Column,
        summary,
        examples,
        lower,
    }
}
