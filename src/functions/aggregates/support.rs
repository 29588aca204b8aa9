//! Helpers shared by the aggregates functions.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions_aggregate::expr_fn::{array_agg, avg, count_distinct, sum};
use datafusion::logical_expr::{Expr, ExprFunctionExt, cast};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Param, Returns, arg, arg_span,
    arg_type_error, param,
};
use crate::plan::{ExprLowerer, Typed, convert, plan_error, types::arrow_type};
use crate::syntax::ScalarType;
use crate::udf;

/// Argument 0 as a long (numbers and dynamic values convert).
pub(super) fn long_value(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Expr, Diagnostic> {
    let value = arg(lw, call, 0)?;
    convert::to_integer(&value, ScalarType::Long)
        .ok_or_else(|| arg_type_error(call, 0, "a long", &value))
}

pub(super) fn long(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Long)
}

/// Adds `FILTER (WHERE predicate)` to an aggregate.
pub(super) fn filtered(
    aggregate: Expr,
    predicate: Option<Expr>,
    call: &Call<'_>,
) -> Result<Expr, Diagnostic> {
    match predicate {
        None => Ok(aggregate),
        Some(p) => aggregate
            .filter(p)
            .build()
            .map_err(|e| plan_error(e, call.span)),
    }
}

/// The predicate argument `i`, as a boolean.
pub(super) fn predicate(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Expr, Diagnostic> {
    let p = arg(lw, call, i)?;
    lw.boolean(p, arg_span(call, i))
}

pub(super) fn dcount_with(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let p = if conditional {
        Some(predicate(lw, call, 1)?)
    } else {
        None
    };
    Ok(long(filtered(
        count_distinct(value.materialize()),
        p,
        call,
    )?))
}

/// The numeric form `sum`/`avg` aggregate, and the result type of `sum`.
pub(super) fn summable(call: &Call<'_>, value: &Typed) -> Result<(Expr, ScalarType), Diagnostic> {
    Ok(match (value.ty, value.native) {
        (ScalarType::Int | ScalarType::Long, None)
        | (ScalarType::Dynamic, Some(ScalarType::Int)) => {
            (cast(value.expr.clone(), DataType::Int64), ScalarType::Long)
        }
        (ScalarType::Real, None) => (value.expr.clone(), ScalarType::Real),
        (ScalarType::Decimal, None) => (value.expr.clone(), ScalarType::Decimal),
        (ScalarType::TimeSpan, None) => (
            cast(value.expr.clone(), DataType::Int64),
            ScalarType::TimeSpan,
        ),
        (ScalarType::Dynamic, _) => match convert::to_real(value) {
            Some(e) => (e, ScalarType::Real),
            None => return Err(arg_type_error(call, 0, "a number", value)),
        },
        _ => return Err(arg_type_error(call, 0, "a number or a timespan", value)),
    })
}

pub(super) fn sum_with(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let (expr, ty) = summable(call, &value)?;
    let p = if conditional {
        Some(predicate(lw, call, 1)?)
    } else {
        None
    };
    let total = filtered(sum(expr), p, call)?;
    Ok(Typed::new(cast(total, arrow_type(ty)), ty))
}

pub(super) fn avg_with(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let (expr, ty) = summable(call, &value)?;
    let p = if conditional {
        Some(predicate(lw, call, 1)?)
    } else {
        None
    };
    let mean = filtered(avg(cast(expr, DataType::Float64)), p, call)?;
    if ty == ScalarType::TimeSpan {
        return Ok(Typed::new(
            cast(
                cast(mean, DataType::Int64),
                arrow_type(ScalarType::TimeSpan),
            ),
            ScalarType::TimeSpan,
        ));
    }
    Ok(Typed::new(mean, ScalarType::Real))
}

/// `make_list`/`make_set` (`_if`): the non-null values as a dynamic array.
pub(super) fn collect(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    distinct: bool,
    conditional: bool,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let json = convert::to_dynamic(&value);
    let mut keep = json.clone().is_not_null();
    if conditional {
        keep = keep.and(predicate(lw, call, 1)?);
    }
    let size_arg = if conditional { 2 } else { 1 };
    if call.args.len() > size_arg {
        return Err(crate::plan::not_supported(
            "the maximum size argument of `make_list()`/`make_set()`",
            arg_span(call, size_arg),
        ));
    }
    // Sets keep the first-seen order and add an array's elements one by one, as Kusto does.
    let mut aggregate = array_agg(json).filter(keep);
    if !lw.input_order.is_empty() {
        // Over sorted rows the list follows their order, as in Kusto.
        aggregate = aggregate.order_by(lw.input_order.clone());
    }
    let aggregate = aggregate.build().map_err(|e| plan_error(e, call.span))?;
    let finish = if distinct {
        udf::json_set()
    } else {
        udf::json_array()
    };
    Ok(Typed::new(
        finish.call(vec![aggregate]),
        ScalarType::Dynamic,
    ))
}

/// `arg_max`/`arg_min` are planned by `summarize` itself; reaching this means they were nested.
pub(super) fn arg_extreme(_: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Err(Diagnostic::error(
        Code::AggregateOutsideSummarize,
        format!(
            "`{}()` must be a whole aggregation item of `summarize`, not part of an expression",
            call.name.name
        ),
    )
    .with_span(call.span))
}

pub(super) const VALUE: &[Param] = &[param("value", "any scalar")];

pub(super) const NUMBER: &[Param] = &[param("value", "number or timespan")];

pub(super) const NUMBER_IF: &[Param] = &[
    param("value", "number or timespan"),
    param("predicate", "bool"),
];

pub(super) const fn aggregate(
    name: &'static str,
    params: &'static [Param],
    returns: Returns,
    prefix: &'static str,
    summary: &'static str,
    examples: &'static [Example],
    lower: crate::functions::LowerFn,
) -> FunctionSpec {
    FunctionSpec {
        name,
        aliases: &[],
        kind: FunctionKind::Aggregate,
        params,
        variadic: false,
        returns,
        naming: Naming::Aggregate(prefix),
        summary,
        examples,
        lower,
    }
}

pub(super) const NUMBERS_SUM: &str = concat!(
    "datatable(g:string, x:long) [\"a\", 1, \"a\", 5, \"b\", 2]",
    " | summarize sum(x) by g | sort by g asc"
);

/// `make_bag()`/`make_bag_if()`: the non-null values gathered, then merged into one bag.
pub(super) fn bag_of(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    conditional: bool,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let json = convert::to_dynamic(&value);
    let mut keep = json.clone().is_not_null();
    if conditional {
        keep = keep.and(predicate(lw, call, 1)?);
    }
    let size_arg = if conditional { 2 } else { 1 };
    if call.args.len() > size_arg {
        return Err(crate::plan::not_supported(
            "the maximum size argument of `make_bag()`",
            arg_span(call, size_arg),
        ));
    }
    let aggregate = array_agg(json)
        .filter(keep)
        .build()
        .map_err(|e| plan_error(e, call.span))?;
    Ok(Typed::new(
        udf::merge_bags().call(vec![aggregate]),
        ScalarType::Dynamic,
    ))
}

/// `percentile(value, p)`: the non-null values gathered (datetimes and timespans as
/// microseconds), then the nearest-rank value picked.
pub(super) fn percentile_of(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let p = arg(lw, call, 1)?;
    let p_value = match crate::plan::constant_value(&p.expr) {
        Some(v) if !v.is_null() && crate::plan::types::is_numeric(p.ty) => {
            convert::to_real(&p).unwrap_or(p.expr.clone())
        }
        _ => {
            return Err(Diagnostic::error(
                Code::InvalidArgument,
                "the percentile must be a constant number",
            )
            .with_span(arg_span(call, 1)));
        }
    };
    let (expr, ty) = match value.ty {
        ScalarType::Int | ScalarType::Long => {
            (cast(value.expr.clone(), DataType::Int64), ScalarType::Long)
        }
        ScalarType::Real => (value.expr.clone(), ScalarType::Real),
        ScalarType::DateTime | ScalarType::TimeSpan => {
            (cast(value.expr.clone(), DataType::Int64), value.ty)
        }
        ScalarType::Dynamic | ScalarType::Decimal => match convert::to_real(&value) {
            Some(e) => (e, ScalarType::Real),
            None => return Err(arg_type_error(call, 0, "a number", &value)),
        },
        _ => {
            return Err(arg_type_error(
                call,
                0,
                "a number, datetime or timespan",
                &value,
            ));
        }
    };
    let values = array_agg(expr.clone())
        .filter(expr.is_not_null())
        .build()
        .map_err(|e| plan_error(e, call.span))?;
    let picked = udf::percentile().call(vec![values, p_value]);
    Ok(Typed::new(cast(picked, arrow_type(ty)), ty))
}
