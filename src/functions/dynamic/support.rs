//! Helpers shared by the dynamic functions.

use datafusion::logical_expr::{Expr, lit};

use crate::diagnostic::Diagnostic;
use crate::functions::{ArgAs, Call, arg_as, arg_span};
use crate::plan::{ExprLowerer, Typed, constant_value};
use crate::syntax::ScalarType;
use crate::udf;

/// The number of arrays an `array_sort_asc()`/`array_sort_desc()` call sorts: every argument
/// but a last one written as a bool literal (`nulls_last`).
fn sorted_arrays(args: &[crate::syntax::Expr]) -> usize {
    use crate::syntax::{ExprKind, Literal};
    match args.last().map(|e| &e.kind) {
        Some(ExprKind::Literal(Literal::Bool(_))) if args.len() > 1 => args.len() - 1,
        _ => args.len(),
    }
}

/// The columns of a call sorting several arrays: `<array>_sorted` each (`None` for one array).
pub(super) fn sort_columns(args: &[crate::syntax::Expr]) -> Option<Vec<(String, ScalarType)>> {
    let n = sorted_arrays(args);
    (n > 1).then(|| {
        (0..n)
            .map(|i| {
                let name = crate::functions::arg_column_name(args, i)
                    .unwrap_or_else(|| format!("array{}", i + 1));
                (format!("{name}_sorted"), ScalarType::Dynamic)
            })
            .collect()
    })
}

/// `array_sort_asc()`/`array_sort_desc()`: one array sorted; with several, an array of them all,
/// the first sorted and the others in the same order (see [`sort_columns`]).
pub(super) fn array_sort(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    descending: bool,
) -> Result<Typed, Diagnostic> {
    let n = sorted_arrays(call.args);
    let mut nulls_last = true;
    if n < call.args.len() {
        let flag = crate::functions::arg(lw, call, n)?;
        match constant_value(&flag.expr) {
            Some(datafusion::common::ScalarValue::Boolean(Some(b))) => nulls_last = *b,
            _ => {
                return Err(crate::plan::not_supported(
                    "a `nulls_last` that is not a constant",
                    arg_span(call, n),
                ));
            }
        }
    }
    let mut args: Vec<Expr> = vec![
        arg_as(lw, call, 0, ArgAs::Dynamic)?,
        lit(descending),
        lit(nulls_last),
    ];
    for i in 1..n {
        args.push(arg_as(lw, call, i, ArgAs::Dynamic)?);
    }
    Ok(Typed::new(
        udf::array_sort().call(args),
        ScalarType::Dynamic,
    ))
}
