//! `pi()`.

use datafusion::logical_expr::lit;

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionSpec, Returns, scalar};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

use super::support::*;

fn pi(_: &mut ExprLowerer<'_>, _: &Call<'_>) -> Result<Typed, Diagnostic> {
    Ok(real(lit(std::f64::consts::PI)))
}

pub(super) const SPEC: FunctionSpec = scalar(
    "pi",
    &[],
    &[],
    Returns::Type(ScalarType::Real),
    "The constant π.",
    &[Example {
        query: "print pi()",
        output: "3.141592653589793",
    }],
    pi,
);
