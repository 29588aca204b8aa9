//! Helpers shared by the collections functions.

use crate::diagnostic::Diagnostic;
use crate::functions::Call;
use crate::functions::rowwise::lower_op;
use crate::plan::{ExprLowerer, Typed};
use crate::udf;

/// Lowers a call to operation `name` of `kql_coll`.
pub(super) fn op(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    name: &str,
) -> Result<Typed, Diagnostic> {
    lower_op(lw, call, udf::coll(), udf::coll_ops(), name)
}
