//! `bin()`.

use crate::diagnostic::Diagnostic;
use crate::functions::{Call, Example, FunctionKind, FunctionSpec, Naming, Returns, arg, param};
use crate::plan::{ExprLowerer, Typed};

use super::support::*;

fn bin(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    let value = arg(lw, call, 0)?;
    let size = arg(lw, call, 1)?;
    bin_of(value, size, call)
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "bin",
    aliases: &["floor"],
    kind: FunctionKind::Scalar,
    params: &[
        param("value", "number, datetime or timespan"),
        param("roundTo", "number or timespan"),
    ],
    variadic: false,
    returns: Returns::Rule("the type of `value` (long for int and long, real otherwise)"),
    naming: Naming::FirstArgument,
    summary: "The value rounded down to a multiple of `roundTo`; datetimes round from \
              0001-01-01, so `bin(t, 1d)` is the start of the day and `bin(t, 7d)` a Monday.",
    examples: &[
        Example {
            query: "print bin(datetime(2026-11-20 10:47:12), 1h)",
            output: "2026-11-20T10:00:00Z",
        },
        Example {
            query: "print bin(datetime(2026-11-20), 7d)",
            output: "2026-11-16T00:00:00Z",
        },
        Example {
            query: "print bin(17, 5), bin(-1, 5), bin(2.5, 1)",
            output: "15 | -5 | 2",
        },
        Example {
            query: "print bin(90m, 1h)",
            output: "01:00:00",
        },
    ],
    lower: bin,
};
