//! Aggregations (only in `summarize`): `count`, `countif`, `dcount`, `dcountif`, `sum`, `sumif`,
//! `avg`, `avgif`, `min`, `max`, `make_set`, `make_set_if`, `make_list`, `make_list_if`,
//! `take_any`, `arg_max`, `arg_min`.
//!
//! `dcount()` is exact (a distinct count), not Kusto's HyperLogLog estimate; the accuracy
//! argument is accepted and ignored.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions_aggregate::expr_fn::{
    array_agg, avg, count, count_distinct, first_value, max, min, sum,
};
use datafusion::logical_expr::{Expr, ExprFunctionExt, cast, lit};

use super::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Param, Returns, arg, arg_span,
    arg_type_error, optional, param,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{ExprLowerer, Typed, convert, plan_error, types::arrow_type};
use crate::syntax::{ExprKind, ScalarType};
use crate::udf;

fn long(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Long)
}

/// Adds `FILTER (WHERE predicate)` to an aggregate.
fn filtered(aggregate: Expr, predicate: Option<Expr>, call: &Call<'_>) -> Result<Expr, Diagnostic> {
    match predicate {
        None => Ok(aggregate),
        Some(p) => aggregate
            .filter(p)
            .build()
            .map_err(|e| plan_error(e, call.span)),
    }
}

/// The predicate argument `i`, as a boolean.
fn predicate(lw: &mut ExprLowerer<'_>, call: &Call<'_>, i: usize) -> Result<Expr, Diagnostic> {
    let p = arg(lw, call, i)?;
    lw.boolean(p, arg_span(call, i))
}

fn count_fn(_: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    match call.args.first().map(|a| &a.kind) {
        None | Some(ExprKind::Wildcard) => Ok(long(count(lit(1i64)))),
        Some(_) => Err(Diagnostic::error(
            Code::InvalidArgument,
            "`count()` counts rows: write `count()`, or `countif(predicate)` to count some",
        )
        .with_span(arg_span(call, 0))),
    }
}

fn countif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let p = predicate(lw, call, 0)?;
    Ok(long(filtered(count(lit(1i64)), Some(p), call)?))
}

fn dcount_with(
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

fn dcount(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    dcount_with(lw, call, false)
}

fn dcountif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    dcount_with(lw, call, true)
}

/// The numeric form `sum`/`avg` aggregate, and the result type of `sum`.
fn summable(call: &Call<'_>, value: &Typed) -> Result<(Expr, ScalarType), Diagnostic> {
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

fn sum_with(
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

fn sum_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    sum_with(lw, call, false)
}

fn sumif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    sum_with(lw, call, true)
}

fn avg_with(
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

fn avg_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    avg_with(lw, call, false)
}

fn avgif(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    avg_with(lw, call, true)
}

fn min_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(Typed::new(min(value.materialize()), value.ty))
}

fn max_fn(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(Typed::new(max(value.materialize()), value.ty))
}

fn take_any(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    Ok(Typed::new(
        first_value(value.materialize(), vec![]),
        value.ty,
    ))
}

/// `make_list`/`make_set` (`_if`): the non-null values as a dynamic array.
fn collect(
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
    let mut aggregate = array_agg(json).filter(keep);
    if distinct {
        aggregate = aggregate.distinct();
    }
    let aggregate = aggregate.build().map_err(|e| plan_error(e, call.span))?;
    Ok(Typed::new(
        udf::json_array().call(vec![aggregate]),
        ScalarType::Dynamic,
    ))
}

fn make_list(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, false, false)
}

fn make_list_if(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, false, true)
}

fn make_set(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, true, false)
}

fn make_set_if(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    collect(lw, call, true, true)
}

/// `arg_max`/`arg_min` are planned by `summarize` itself; reaching this means they were nested.
fn arg_extreme(_: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    Err(Diagnostic::error(
        Code::AggregateOutsideSummarize,
        format!(
            "`{}()` must be a whole aggregation item of `summarize`, not part of an expression",
            call.name.name
        ),
    )
    .with_span(call.span))
}

const VALUE: &[Param] = &[param("value", "any scalar")];
const NUMBER: &[Param] = &[param("value", "number or timespan")];
const NUMBER_IF: &[Param] = &[
    param("value", "number or timespan"),
    param("predicate", "bool"),
];

const fn aggregate(
    name: &'static str,
    params: &'static [Param],
    returns: Returns,
    prefix: &'static str,
    summary: &'static str,
    examples: &'static [Example],
    lower: super::LowerFn,
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

pub(super) static FUNCTIONS: &[FunctionSpec] = &[
    aggregate(
        "count",
        &[optional("*", "*")],
        Returns::Type(ScalarType::Long),
        "count",
        "The number of rows.",
        &[Example {
            query: "range x from 1 to 10 step 1 | summarize count()",
            output: "10",
        }],
        count_fn,
    ),
    aggregate(
        "countif",
        &[param("predicate", "bool")],
        Returns::Type(ScalarType::Long),
        "countif",
        "The number of rows for which the predicate is true.",
        &[Example {
            query: "range x from 1 to 10 step 1 | summarize countif(x % 2 == 0)",
            output: "5",
        }],
        countif,
    ),
    aggregate(
        "dcount",
        &[
            param("value", "any scalar"),
            optional("accuracy", "int (ignored)"),
        ],
        Returns::Type(ScalarType::Long),
        "dcount",
        "The number of distinct non-null values. Exact in kqlhunt (Kusto estimates it).",
        &[Example {
            query: "datatable(u:string) [\"a\", \"b\", \"a\"] | summarize dcount(u)",
            output: "2",
        }],
        dcount,
    ),
    aggregate(
        "dcountif",
        &[
            param("value", "any scalar"),
            param("predicate", "bool"),
            optional("accuracy", "int (ignored)"),
        ],
        Returns::Type(ScalarType::Long),
        "dcountif",
        "The number of distinct non-null values of the rows where the predicate is true (exact).",
        &[Example {
            query: "datatable(u:string, n:long) [\"a\", 1, \"b\", 2, \"c\", 3] | summarize dcountif(u, n > 1)",
            output: "2",
        }],
        dcountif,
    ),
    aggregate(
        "sum",
        NUMBER,
        Returns::Rule("long for int and long, real for real and dynamic, timespan for timespan"),
        "sum",
        "The sum of the values.",
        &[Example {
            query: NUMBERS_SUM,
            output: "a | 6\nb | 2",
        }],
        sum_fn,
    ),
    aggregate(
        "sumif",
        NUMBER_IF,
        Returns::Rule("as `sum`"),
        "sumif",
        "The sum of the values of the rows where the predicate is true.",
        &[Example {
            query: "range x from 1 to 4 step 1 | summarize sumif(x, x > 2)",
            output: "7",
        }],
        sumif,
    ),
    aggregate(
        "avg",
        NUMBER,
        Returns::Rule("real (timespan for timespan)"),
        "avg",
        "The mean of the values.",
        &[Example {
            query: "range x from 1 to 4 step 1 | summarize avg(x)",
            output: "2.5",
        }],
        avg_fn,
    ),
    aggregate(
        "avgif",
        NUMBER_IF,
        Returns::Rule("as `avg`"),
        "avgif",
        "The mean of the values of the rows where the predicate is true.",
        &[Example {
            query: "range x from 1 to 4 step 1 | summarize avgif(x, x > 2)",
            output: "3.5",
        }],
        avgif,
    ),
    aggregate(
        "min",
        VALUE,
        Returns::Rule("the type of the value"),
        "min",
        "The smallest value.",
        &[Example {
            query: "range x from 3 to 5 step 1 | summarize min(x), max(x)",
            output: "3 | 5",
        }],
        min_fn,
    ),
    aggregate(
        "max",
        VALUE,
        Returns::Rule("the type of the value"),
        "max",
        "The largest value.",
        &[Example {
            query: "datatable(t:datetime) [datetime(2026-11-20), datetime(2026-11-21)] | summarize max(t)",
            output: "2026-11-21T00:00:00Z",
        }],
        max_fn,
    ),
    aggregate(
        "make_list",
        &[param("value", "any scalar")],
        Returns::Type(ScalarType::Dynamic),
        "list",
        "The non-null values as a dynamic array.",
        &[Example {
            query: "range x from 1 to 3 step 1 | summarize make_list(x)",
            output: "[1,2,3]",
        }],
        make_list,
    ),
    aggregate(
        "make_list_if",
        &[param("value", "any scalar"), param("predicate", "bool")],
        Returns::Type(ScalarType::Dynamic),
        "list",
        "The non-null values of the rows where the predicate is true, as a dynamic array.",
        &[Example {
            query: "range x from 1 to 3 step 1 | summarize make_list_if(x, x != 2)",
            output: "[1,3]",
        }],
        make_list_if,
    ),
    aggregate(
        "make_set",
        &[param("value", "any scalar")],
        Returns::Type(ScalarType::Dynamic),
        "set",
        "The distinct non-null values as a dynamic array (in no particular order).",
        &[Example {
            query: "datatable(u:string) [\"a\", \"a\"] | summarize make_set(u)",
            output: "[\"a\"]",
        }],
        make_set,
    ),
    aggregate(
        "make_set_if",
        &[param("value", "any scalar"), param("predicate", "bool")],
        Returns::Type(ScalarType::Dynamic),
        "set",
        "The distinct non-null values of the rows where the predicate is true.",
        &[Example {
            query: "datatable(u:string, n:long) [\"a\", 1, \"b\", 0] | summarize make_set_if(u, n > 0)",
            output: "[\"a\"]",
        }],
        make_set_if,
    ),
    aggregate(
        "take_any",
        VALUE,
        Returns::Rule("the type of the value"),
        "any",
        "Any one value of the group.",
        &[Example {
            query: "datatable(u:string) [\"a\", \"a\"] | summarize take_any(u)",
            output: "a",
        }],
        take_any,
    ),
    FunctionSpec {
        name: "arg_max",
        aliases: &[],
        kind: FunctionKind::Aggregate,
        params: &[
            param("maximize", "any scalar"),
            param("returned", "expressions or *"),
        ],
        variadic: true,
        returns: Returns::Rule("one column per returned expression (all columns for `*`)"),
        naming: Naming::FirstArgument,
        summary: "The row of the group where the first argument is largest: its value, then \
                  the returned expressions (`*`: every column).",
        examples: &[Example {
            query: "datatable(g:string, t:long, v:string) [\"a\", 1, \"x\", \"a\", 2, \"y\"] | summarize arg_max(t, v) by g",
            output: "a | 2 | y",
        }],
        lower: arg_extreme,
    },
    FunctionSpec {
        name: "arg_min",
        aliases: &[],
        kind: FunctionKind::Aggregate,
        params: &[
            param("minimize", "any scalar"),
            param("returned", "expressions or *"),
        ],
        variadic: true,
        returns: Returns::Rule("one column per returned expression (all columns for `*`)"),
        naming: Naming::FirstArgument,
        summary: "The row of the group where the first argument is smallest (see `arg_max`).",
        examples: &[Example {
            query: "datatable(g:string, t:long, v:string) [\"a\", 1, \"x\", \"a\", 2, \"y\"] | summarize arg_min(t, *) by g",
            output: "a | 1 | x",
        }],
        lower: arg_extreme,
    },
];

const NUMBERS_SUM: &str = concat!(
    "datatable(g:string, x:long) [\"a\", 1, \"a\", 5, \"b\", 2]",
    " | summarize sum(x) by g | sort by g asc"
);
