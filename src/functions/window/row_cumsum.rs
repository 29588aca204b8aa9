//! `row_cumsum()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_type_error, optional, param,
};
use crate::plan::window::running_sum;
use crate::plan::{ExprLowerer, Typed, types};
use crate::syntax::ScalarType;

use super::support::term_and_restart;

fn row_cumsum(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let (term, partitions) = term_and_restart(lw, call)?;
    if !types::is_numeric(term.ty) && term.ty != ScalarType::TimeSpan {
        return Err(arg_type_error(call, 0, "a number or a timespan", &term));
    }
    Ok(Typed::new(running_sum(term.expr, partitions), term.ty))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "row_cumsum",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("term", "int, long, real, decimal, timespan"),
        optional("restart", "bool"),
    ],
    variadic: false,
    returns: Returns::Rule("the term's type"),
    naming: Naming::Column,
    summary: "The running sum of the term over the serialized rows; it starts over at every \
              row where `restart` is true.",
    examples: &[
        Example {
            query: "range a from 1 to 4 step 1 | serialize cs = row_cumsum(a)",
            output: "1 | 1\n2 | 3\n3 | 6\n4 | 10",
        },
        Example {
            query: "datatable(k:string, v:long)['a',1,'a',2,'b',5] | serialize \
                    | extend t = row_cumsum(v, k != prev(k))",
            output: "a | 1 | 1\na | 2 | 3\nb | 5 | 5",
        },
    ],
    lower: row_cumsum,
};
