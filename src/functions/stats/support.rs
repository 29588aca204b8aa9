//! Helpers shared by the stats aggregations.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr, ExprFunctionExt, cast};

pub(super) use datafusion::functions_aggregate::expr_fn::{
    covar_pop, covar_samp, stddev_pop, var_pop,
};

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, LowerFn, Naming, Param, Returns, arg, arg_span,
    arg_type_error,
};
use crate::plan::{ExprLowerer, Typed, convert, plan_error};
use crate::syntax::ScalarType;
use crate::udf;

/// An aggregation's spec.
pub(super) const fn aggregate(
    name: &'static str,
    params: &'static [Param],
    returns: ScalarType,
    naming: Naming,
    summary: &'static str,
    examples: &'static [Example],
    lower: LowerFn,
) -> FunctionSpec {
    FunctionSpec {
        name,
        aliases: &[],
        kind: FunctionKind::Aggregate,
        params,
        variadic: false,
        returns: Returns::Type(returns),
        naming,
        summary,
        examples,
        lower,
    }
}

/// Argument `i` as a real.
fn real(lw: &mut ExprLowerer<'_>, call: &Call<'_>, i: usize) -> Result<Expr, Diagnostic> {
    let t = arg(lw, call, i)?;
    match t.ty {
        ScalarType::Int
        | ScalarType::Long
        | ScalarType::Real
        | ScalarType::Decimal
        | ScalarType::Dynamic => convert::to_real(&t)
            .map(|e| cast(e, DataType::Float64))
            .ok_or_else(|| arg_type_error(call, i, "a number", &t)),
        _ => Err(arg_type_error(call, i, "a number", &t)),
    }
}

/// Adds `FILTER (WHERE <argument i>)` when the aggregation is conditional.
fn filtered(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    aggregate: Expr,
    predicate: Option<usize>,
) -> Result<Expr, Diagnostic> {
    let Some(i) = predicate else {
        return Ok(aggregate);
    };
    let p = arg(lw, call, i)?;
    let p = lw.boolean(p, arg_span(call, i))?;
    aggregate
        .filter(p)
        .build()
        .map_err(|e| plan_error(e, call.span))
}

/// An aggregation of one real (`variancep`, `stdevp`, and their `if` forms).
pub(super) fn single(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
    f: fn(Expr) -> Expr,
) -> Result<Typed, Diagnostic> {
    let x = real(lw, call, 0)?;
    let e = filtered(lw, call, f(x), conditional.then_some(1))?;
    Ok(Typed::new(e, ScalarType::Real))
}

/// An aggregation of two reals (the covariances).
pub(super) fn pair(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
    f: fn(Expr, Expr) -> Expr,
) -> Result<Typed, Diagnostic> {
    let x = real(lw, call, 0)?;
    let y = real(lw, call, 1)?;
    let e = filtered(lw, call, f(x, y), conditional.then_some(2))?;
    Ok(Typed::new(e, ScalarType::Real))
}

/// `count_distinct(x)` (`count_distinctif`): the exact number of distinct non-null values.
pub(super) fn distinct(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
) -> Result<Typed, Diagnostic> {
    let t = arg(lw, call, 0)?;
    let e = datafusion::functions_aggregate::expr_fn::count_distinct(t.materialize());
    let e = filtered(lw, call, e, conditional.then_some(1))?;
    Ok(Typed::new(e, ScalarType::Long))
}

/// `make_list_with_nulls(x)`: every value as dynamic, nulls included.
pub(super) fn list_with_nulls(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<Typed, Diagnostic> {
    let t = arg(lw, call, 0)?;
    let values = datafusion::functions_aggregate::expr_fn::array_agg(convert::to_dynamic(&t));
    Ok(Typed::new(
        udf::json_array_with_nulls().call(vec![values]),
        ScalarType::Dynamic,
    ))
}
