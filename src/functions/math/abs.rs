//! `abs()`.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::cast;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg, arg_as, arg_type_error, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn abs(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    match value.ty {
        ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal => Ok(
            Typed::new(datafusion::functions::expr_fn::abs(value.expr), value.ty),
        ),
        ScalarType::TimeSpan => {
            let micros = cast(value.expr, DataType::Int64);
            Ok(Typed::new(
                cast(
                    datafusion::functions::expr_fn::abs(micros),
                    DataType::Duration(datafusion::arrow::datatypes::TimeUnit::Microsecond),
                ),
                ScalarType::TimeSpan,
            ))
        }
        ScalarType::Dynamic => Ok(real(datafusion::functions::expr_fn::abs(arg_as(
            lw,
            call,
            0,
            ArgAs::Real,
        )?))),
        _ => Err(arg_type_error(call, 0, "a number or a timespan", &value)),
    }
}

pub(super) const SPEC: FunctionSpec = scalar(
    "abs",
    &[],
    &[param("number", "number or timespan")],
    Returns::Rule("the type of the number"),
    "The absolute value.",
    &[Example {
        query: "print abs(-5), abs(2.5), abs(-1h)",
        output: "5 | 2.5 | 01:00:00",
    }],
    abs,
);
