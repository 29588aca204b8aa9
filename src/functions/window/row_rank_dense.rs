//! `row_rank_dense()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, optional, param,
};
use crate::plan::window::running_sum;
use crate::plan::{ExprLowerer, Typed};

use super::support::{long_typed, run_starts, term_and_restart};

fn row_rank_dense(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let (term, partitions) = term_and_restart(lw, call)?;
    let starts = run_starts(&term, partitions.clone());
    Ok(long_typed(running_sum(starts, partitions)))
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "row_rank_dense",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[param("term", "any scalar"), optional("restart", "bool")],
    variadic: false,
    returns: Returns::Type(crate::syntax::ScalarType::Long),
    naming: Naming::Column,
    summary: "The row's dense rank in the serialized rows: 1 on the first row, one more \
              whenever the term differs from the previous row's; starts over where `restart` \
              is true.",
    examples: &[Example {
        query: "datatable(t:long)[2, 3, 3, 7] | serialize | extend r = row_rank_dense(t)",
        output: "2 | 1\n3 | 2\n3 | 2\n7 | 3",
    }],
    lower: row_rank_dense,
};
