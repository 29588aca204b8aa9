//! `series_stats()`: seven columns of statistics of a series.

use crate::diagnostic::Diagnostic;
use crate::functions::{
    Call, Example, FunctionKind, FunctionSpec, Naming, Returns, optional, param, suffixed_columns,
};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{Expr, ScalarType};

use super::support::op;

/// The columns, in Kusto's order.
const COLUMNS: &[(&str, ScalarType)] = &[
    ("min", ScalarType::Real),
    ("min_idx", ScalarType::Long),
    ("max", ScalarType::Real),
    ("max_idx", ScalarType::Long),
    ("avg", ScalarType::Real),
    ("stdev", ScalarType::Real),
    ("variance", ScalarType::Real),
];

fn columns(args: &[Expr]) -> Option<Vec<(String, ScalarType)>> {
    Some(suffixed_columns("series_stats", args, COLUMNS))
}

fn lower(lw: &mut ExprLowerer<'_>, call: &Call<'_>) -> Result<Typed, Diagnostic> {
    op(lw, call, "stats_columns")
}

pub(super) const SPEC: FunctionSpec = FunctionSpec {
    name: "series_stats",
    aliases: &[],
    kind: FunctionKind::Scalar,
    params: &[
        param("series", "dynamic"),
        optional("ignore_nonfinite", "bool"),
    ],
    variadic: false,
    returns: Returns::Rule(
        "seven columns: min (real), min_idx (long), max (real), max_idx (long), avg, stdev and \
         variance (reals)",
    ),
    naming: Naming::Columns(columns),
    summary: "Statistics of the numeric elements as seven columns, named \
              `series_stats_<series>_min`, `..._min_idx`, `..._max`, `..._max_idx`, `..._avg`, \
              `..._stdev` and `..._variance` (sample) unless named with `(a, b, ...) =`; fewer \
              names keep the first columns. A null, NaN or infinite element makes them all null \
              unless `ignore_nonfinite` is true. Alone in `extend`, `project` or `print`.",
    examples: &[
        Example {
            query: "print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project series_stats(x)",
            output: "2 | 8 | 87 | 3 | 32.8 | 28.503633853548266 | 812.4571428571428",
        },
        Example {
            query: "print x=dynamic([1, 5, 3]) | extend (lo, lo_at) = series_stats(x) | project lo, lo_at",
            output: "1 | 0",
        },
        Example {
            query: "print x=pack_array(1.0, real(nan), 3.0) | project (lo, hi) = series_stats(x), (lo2) = series_stats(x, true)",
            output: " |  | 1",
        },
    ],
    lower,
};
