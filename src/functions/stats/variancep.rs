//! `variancep()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Naming, param};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    single(lw, call, false, var_pop)
}

pub(super) const SPEC: FunctionSpec = aggregate(
    "variancep",
    &[param("x", "number")],
    ScalarType::Real,
    Naming::Aggregate("variancep"),
    "The population variance of a numeric expression.",
    &[Example {
        query: "range x from 1 to 5 step 1 | summarize variancep(x)",
        output: "2",
    }],
    lower,
);
