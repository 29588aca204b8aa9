//! `row_number()`.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions_window::expr_fn::row_number as df_row_number;
use datafusion::logical_expr::{cast, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, const_long, optional,
};
use crate::plan::window::over_rows;
use crate::plan::{ExprLowerer, Typed};

use super::support::{long_typed, restart};

fn row_number(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    if call.args.len() > 2 {
        return Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`row_number()` takes at most 2 arguments: the first number and a restart condition",
        )
        .with_span(call.span));
    }
    let start = if call.args.is_empty() {
        1
    } else {
        const_long(lw, call, 0)?
    };
    let partitions = restart(lw, call, 1)?;
    let n = cast(over_rows(df_row_number(), partitions), DataType::Int64);
    Ok(long_typed(n + lit(start - 1)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "row_number",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        optional("starting_index", "long constant"),
        optional("restart", "bool"),
    ],
    variadic: false,
    returns: Returns::Type(crate::syntax::ScalarType::Long),
    naming: Naming::Column,
    summary: "The row's number in the serialized row order, from `starting_index` (default \
              1); numbering starts over at every row where `restart` is true.",
    examples: &[
        Example {
            query: "range x from 5 to 7 step 1 | serialize | extend rn = row_number()",
            output: "5 | 1\n6 | 2\n7 | 3",
        },
        Example {
            query: "datatable(k:string)['a','a','b','b','b'] | serialize \
                    | extend rn = row_number(0, k != prev(k))",
            output: "a | 0\na | 1\nb | 0\nb | 1\nb | 2",
        },
    ],
    lower: row_number,
};
