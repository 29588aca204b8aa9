//! `rand()`.

use datafusion::arrow::datatypes::DataType;
use datafusion::functions::math::expr_fn::{floor, random};
use datafusion::logical_expr::{cast, lit};

use crate::diagnostic::{Code, Diagnostic};
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg_span, const_long, optional,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::ScalarType;

fn rand(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    match call.args.len() {
        0 => Ok(Typed::new(random(), ScalarType::Real)),
        1 => {
            let n = const_long(lw, call, 0)?;
            if n <= 0 {
                return Err(Diagnostic::error(
                    Code::InvalidArgument,
                    "the range of `rand(N)` must be a positive number",
                )
                .with_span(arg_span(call, 0)));
            }
            let r = cast(floor(random() * lit(n as f64)), DataType::Int64);
            Ok(Typed::new(r, ScalarType::Long))
        }
        _ => Err(Diagnostic::error(
            Code::WrongArgumentCount,
            "`rand()` takes at most one argument",
        )
        .with_span(call.span)),
    }
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "rand",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[optional("range", "long constant")],
    variadic: false,
    returns: Returns::Rule("real in [0, 1); with `range` N, a long in [0, N)"),
    naming: Naming::Column,
    summary: "A random number, drawn anew for every row: a real in [0, 1), or with N an integer \
              from 0 to N-1. Not repeatable.",
    examples: &[
        Example {
            query: "range i from 1 to 1000 step 1 | extend r = rand() \
                    | summarize inside = countif(r >= 0.0 and r < 1.0), distinct_values = dcount(r) > 900",
            output: "1000 | true",
        },
        Example {
            query: "range i from 1 to 1000 step 1 | summarize lo = min(rand(6)), hi = max(rand(6))",
            output: "0 | 5",
        },
    ],
    lower: rand,
};
