//! Helpers shared by the hashing functions.

use crate::diagnostic::Diagnostic;
use crate::functions::Call;
use crate::functions::rowwise::lower_op;
use crate::plan::{ExprLowerer, Typed};
use crate::udf;

/// Lowers a call to operation `name` of `kql_hash`.
pub(super) fn op(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    name: &str,
) -> Result<Typed, Diagnostic> {
    lower_op(lw, call, udf::hash(), udf::hash_ops(), name)
}

/// Lowers `hash()`-like calls by the type of their first argument: `<op>` hashes text,
/// `<op>_long`, `<op>_real`, `<op>_datetime` and `<op>_timespan` the value (when the family has
/// that operation); further arguments are longs.
pub(super) fn typed(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    name: &str,
) -> Result<Typed, Diagnostic> {
    use datafusion::arrow::datatypes::DataType;
    use datafusion::logical_expr::{cast, lit};

    use crate::functions::{arg, arg_type_error};
    use crate::plan::convert;
    use crate::syntax::ScalarType;

    let t = arg(lw, call, 0)?;
    let (suffix, value) = match t.ty {
        ScalarType::DateTime => ("_datetime", cast(t.expr.clone(), DataType::Int64)),
        ScalarType::TimeSpan => ("_timespan", cast(t.expr.clone(), DataType::Int64)),
        ScalarType::Int | ScalarType::Long | ScalarType::Bool => (
            "_long",
            convert::to_integer(&t, ScalarType::Long)
                .ok_or_else(|| arg_type_error(call, 0, "a scalar", &t))?,
        ),
        ScalarType::Real => ("_real", t.expr.clone()),
        _ => ("", convert::to_dynamic(&t)),
    };
    let typed_name = format!("{name}{suffix}");
    let ops = udf::hash_ops();
    let op = if ops.iter().any(|o| o.name == typed_name) {
        typed_name
    } else {
        name.to_string()
    };
    let value = if op == name && !suffix.is_empty() {
        convert::to_dynamic(&t)
    } else {
        value
    };
    let mut args = vec![lit(op.clone()), value];
    for i in 1..call.args.len() {
        let extra = arg(lw, call, i)?;
        args.push(
            convert::to_integer(&extra, ScalarType::Long)
                .ok_or_else(|| arg_type_error(call, i, "a long", &extra))?,
        );
    }
    let ret = ops
        .iter()
        .find(|o| o.name == op)
        .map_or(ScalarType::Long, |o| o.ret.scalar_type());
    Ok(Typed::new(udf::hash().call(args), ret))
}

/// `hash_combine(h1, h2, ...)` of the lowered hashes.
pub(super) fn combine(hashes: Vec<datafusion::logical_expr::Expr>) -> Typed {
    let mut args = vec![datafusion::logical_expr::lit("hash_combine")];
    args.extend(hashes);
    Typed::new(udf::hash().call(args), crate::syntax::ScalarType::Long)
}
