//! `row_rank_min()`.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions_aggregate::expr_fn::min;
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::cast;

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, optional, param,
};
use crate::plan::window::{over_rows, running, running_sum};
use crate::plan::{ExprLowerer, Typed};

use super::support::{long_typed, run_starts, term_and_restart};

fn row_rank_min(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let (term, partitions) = term_and_restart(lw, call)?;
    // The number of the row within its partition, and the run of equal terms it belongs to: the
    // rank is the number of the run's first row.
    let number = cast(over_rows(row_number(), partitions.clone()), DataType::Int64);
    let run = running_sum(run_starts(&term, partitions.clone()), partitions.clone());
    let mut by = partitions;
    by.push(run);
    Ok(long_typed(running(min(number), by)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "row_rank_min",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("term", "any scalar"), optional("restart", "bool")],
    variadic: false,
    returns: Returns::Type(crate::syntax::ScalarType::Long),
    naming: Naming::Column,
    summary: "The row's minimal rank in the serialized rows: the number of the first row of \
              its run of equal terms; starts over where `restart` is true.",
    examples: &[Example {
        query: "datatable(t:long)[2, 3, 3, 7] | serialize | extend r = row_rank_min(t)",
        output: "2 | 1\n3 | 2\n3 | 2\n7 | 4",
    }],
    lower: row_rank_min,
};
