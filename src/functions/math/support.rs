//! Helpers shared by the math functions.

use datafusion::logical_expr::{Expr, when};

use crate::diagnostic::Diagnostic;
use crate::functions::Call;
use crate::plan::Typed;
use crate::syntax::ScalarType;

/// A real result.
pub(super) fn real(expr: Expr) -> Typed {
    Typed::new(expr, ScalarType::Real)
}

/// `result` where `condition` holds, else null.
pub(super) fn guarded(condition: Expr, result: Expr, call: &Call<'_>) -> Result<Expr, Diagnostic> {
    when(condition, result)
        .end()
        .map_err(|e| crate::plan::plan_error(e, call.span))
}
