//! `todecimal()`.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::cast;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    ArgAs, Call, Example, FunctionSpec, Returns, arg, arg_as, arg_type_error, param, scalar,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn todecimal(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let decimal = crate::plan::types::arrow_type(ScalarType::Decimal);
    let expr = match value.ty {
        ScalarType::Decimal => value.expr,
        ScalarType::Int | ScalarType::Long | ScalarType::Real => {
            datafusion::logical_expr::try_cast(value.expr, decimal)
        }
        ScalarType::Bool => {
            datafusion::logical_expr::try_cast(cast(value.expr, DataType::Int64), decimal)
        }
        ScalarType::String | ScalarType::Dynamic => {
            let text = arg_as(lw, call, 0, ArgAs::Text)?;
            datafusion::logical_expr::try_cast(
                datafusion::functions::expr_fn::btrim(vec![text]),
                decimal,
            )
        }
        _ => return Err(arg_type_error(call, 0, "convertible to decimal", &value)),
    };
    Ok(Typed::new(expr, ScalarType::Decimal))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "todecimal",
    &[],
    &[param("value", "any scalar")],
    Returns::Type(ScalarType::Decimal),
    "The value as a decimal (38 digits, 18 after the point); null when it does not convert.",
    &[
        Example {
            query: "print todecimal(\"1.25\") * 2",
            output: "2.5",
        },
        Example {
            query: "print isnull(todecimal(\"abc\"))",
            output: "true",
        },
    ],
    todecimal,
);
