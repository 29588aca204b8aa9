//! Helpers shared by the dynamic functions.

use datafusion::logical_expr::{Expr, lit};

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, arg_as, arg_span};
use crate::plan::{ExprLowerer, Typed, constant_value};
use crate::syntax::ScalarType;
use crate::udf;

/// `array_sort_asc()`/`array_sort_desc()` of one array.
pub(super) fn array_sort(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    descending: bool,
) -> Result<Typed, Diagnostic> {
    let array = arg_as(lw, call, 0, ArgAs::Dynamic)?;
    let mut nulls_last = true;
    if call.args.len() > 2 {
        return Err(crate::plan::not_supported(
            "sorting several arrays together",
            arg_span(call, 1),
        ));
    }
    if call.args.len() == 2 {
        let flag = crate::functions::arg(lw, call, 1)?;
        match constant_value(&flag.expr) {
            Some(datafusion::common::ScalarValue::Boolean(Some(b))) => nulls_last = *b,
            _ => {
                return Err(crate::plan::not_supported(
                    "sorting several arrays together",
                    arg_span(call, 1),
                ));
            }
        }
    }
    let args: Vec<Expr> = vec![array, lit(descending), lit(nulls_last)];
    Ok(Typed::new(
        udf::array_sort().call(args),
        ScalarType::Dynamic,
    ))
}
