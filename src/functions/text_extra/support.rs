//! Helpers shared by the text_extra functions.

use crate::diagnostic::Diagnostic;
use crate::functions::Call;
use crate::functions::rowwise::lower_op;
use crate::plan::{ExprLowerer, Typed};
use crate::udf;

/// Lowers a call to operation `name` of `kql_text`.
pub(super) fn op(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    name: &str,
) -> Result<Typed, Diagnostic> {
    lower_op(lw, call, udf::text(), udf::text_ops(), name)
}
