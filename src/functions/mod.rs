//! The KQL function catalog: every scalar and aggregation function the planner knows, declared
//! with its parameters, result type, default column name, a summary and examples. The examples
//! are queries with their expected output; `cargo test` runs them all.
//!
//! Functions lower to DataFusion expressions: built-in functions where their semantics match
//! Kusto's, otherwise kqlhunt's own UDFs (`kql_*`, see [`crate::udf`]), registered in every
//! session so that a plan can be shipped by name.
//!
//! One function, one file: `strings/strcat.rs` holds `strcat()`'s `SPEC` and its lowering
//! function; a family's `mod.rs` lists its functions and its `support.rs` holds the helpers they
//! share.

mod aggregates;
mod conversion;
mod datetime;
mod dynamic;
mod logical;
mod strings;

// Families added with the row-wise UDFs (`rowwise.rs`).
mod collections;
mod hashing;
mod math;
mod network;
mod rowwise;
mod series;
mod stats;
mod text_extra;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::LazyLock;

use datafusion::common::ScalarValue;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::plan::{ExprLowerer, Typed};
use crate::syntax::{Expr, Ident, ScalarType};

/// Scalar function or aggregation (only in `summarize`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    Scalar,
    Aggregate,
}

/// One parameter: its name and the types it accepts (for documentation).
#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub types: &'static str,
    pub optional: bool,
}

/// A required parameter.
pub const fn param(name: &'static str, types: &'static str) -> Param {
    Param {
        name,
        types,
        optional: false,
    }
}

/// An optional parameter.
pub const fn optional(name: &'static str, types: &'static str) -> Param {
    Param {
        name,
        types,
        optional: true,
    }
}

/// The type of the result.
#[derive(Clone, Copy, Debug)]
pub enum Returns {
    /// Always this type.
    Type(ScalarType),
    /// Depends on the arguments, as described.
    Rule(&'static str),
}

/// The default name of a result column computed by the function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// `Column1`, `Column2`, ...
    Column,
    /// The name of the first argument (`bin(Timestamp, 1h)` is `Timestamp`).
    FirstArgument,
    /// `<prefix>_<first argument's name>`: `count_`, `sum_Duration`, `set_User`.
    Aggregate(&'static str),
    /// `<prefix>_<first argument's name>_<second argument's name>`: `covariance_x_y`.
    Aggregate2(&'static str),
}

/// An example: a query and its output (rows on lines, cells separated by ` | `, values as the
/// table format prints them).
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub query: &'static str,
    pub output: &'static str,
}

/// A call being lowered.
pub(crate) struct Call<'e> {
    pub name: &'e Ident,
    pub args: &'e [Expr],
    pub span: Span,
}

/// Lowers a call.
pub(crate) type LowerFn = fn(&mut ExprLowerer<'_>, &Call<'_>) -> Result<Typed, Diagnostic>;

/// A function of the catalog.
pub struct FunctionSpec {
    pub name: &'static str,
    /// Other names of the same function (`iif` for `iff`).
    pub aliases: &'static [&'static str],
    pub kind: FunctionKind,
    pub params: &'static [Param],
    /// The last parameter repeats (`strcat(a, b, ...)`).
    pub variadic: bool,
    pub returns: Returns,
    pub naming: Naming,
    pub summary: &'static str,
    pub examples: &'static [Example],
    pub(crate) lower: LowerFn,
}

impl std::fmt::Debug for FunctionSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FunctionSpec")
            .field("name", &self.name)
            .finish()
    }
}

impl FunctionSpec {
    /// `name(a, b[, c])`.
    pub fn signature(&self) -> String {
        let mut out = format!("{}(", self.name);
        for (i, p) in self.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if p.optional {
                out.push('[');
            }
            out.push_str(&format!("{}: {}", p.name, p.types));
            if p.optional {
                out.push(']');
            }
        }
        if self.variadic {
            out.push_str(", ...");
        }
        out.push(')');
        out
    }

    /// Checks the number of arguments.
    pub(crate) fn check_arity(&self, call: &Call<'_>) -> Result<(), Diagnostic> {
        let min = self.params.iter().filter(|p| !p.optional).count();
        let max = if self.variadic {
            usize::MAX
        } else {
            self.params.len()
        };
        let n = call.args.len();
        if n < min || n > max {
            let expected = if self.variadic {
                format!("at least {min}")
            } else if min == max {
                min.to_string()
            } else {
                format!("{min} to {max}")
            };
            return Err(Diagnostic::error(
                Code::WrongArgumentCount,
                format!(
                    "`{}()` takes {expected} argument{}, got {n}",
                    self.name,
                    if expected == "1" { "" } else { "s" }
                ),
            )
            .with_span(call.span)
            .with_help(format!("write `{}`", self.signature())));
        }
        Ok(())
    }
}

/// Every function family.
fn families() -> [&'static [FunctionSpec]; 13] {
    [
        aggregates::FUNCTIONS,
        conversion::FUNCTIONS,
        datetime::FUNCTIONS,
        dynamic::FUNCTIONS,
        logical::FUNCTIONS,
        strings::FUNCTIONS,
        series::FUNCTIONS,
        math::FUNCTIONS,
        network::FUNCTIONS,
        hashing::FUNCTIONS,
        collections::FUNCTIONS,
        text_extra::FUNCTIONS,
        stats::FUNCTIONS,
    ]
}

static BY_NAME: LazyLock<HashMap<&'static str, &'static FunctionSpec>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for spec in families().into_iter().flatten() {
        map.insert(spec.name, spec);
        for alias in spec.aliases {
            map.insert(*alias, spec);
        }
    }
    map
});

/// Kusto functions kqlhunt knows of but does not implement yet: a call is reported as "not
/// supported yet" rather than as an unknown name.
pub const NOT_YET_SUPPORTED: &[&str] = &[
    "array_concat",
    "array_index_of",
    "array_slice",
    "array_sort_asc",
    "array_sort_desc",
    "bag_keys",
    "bag_pack",
    "base64_decode_tostring",
    "base64_encode_tostring",
    "countof",
    "datetime_add",
    "datetime_diff",
    "datetime_part",
    "dayofmonth",
    "dayofweek",
    "dayofyear",
    "endofday",
    "endofmonth",
    "endofweek",
    "format_datetime",
    "format_timespan",
    "getmonth",
    "getyear",
    "hash_sha256",
    "hourofday",
    "indexof",
    "ipv4_is_in_range",
    "ipv4_is_private",
    "isnan",
    "materialize",
    "max_of",
    "min_of",
    "pack",
    "pack_all",
    "pack_array",
    "parse_command_line",
    "parse_ipv4",
    "parse_path",
    "parse_url",
    "percentile",
    "percentiles",
    "reverse",
    "round",
    "row_number",
    "set_difference",
    "set_intersect",
    "set_union",
    "split",
    "startofmonth",
    "startofweek",
    "stdev",
    "strrep",
    "toscalar",
    "trim",
    "trim_end",
    "trim_start",
    "typeof",
    "variance",
];

/// The function with this name (or alias).
pub fn lookup(name: &str) -> Option<&'static FunctionSpec> {
    BY_NAME.get(name).copied()
}

/// Every function, sorted by name.
pub fn all() -> Vec<&'static FunctionSpec> {
    let mut all: Vec<_> = families().into_iter().flatten().collect();
    all.sort_by_key(|s| s.name);
    all
}

/// Every name and alias, for suggestions.
pub fn names() -> impl Iterator<Item = &'static str> {
    BY_NAME.keys().copied()
}

// ---------------------------------------------------------------------------------------------
// Helpers for the lowering functions.
// ---------------------------------------------------------------------------------------------

/// Lowers argument `i`.
pub(crate) fn arg(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<Typed, Diagnostic> {
    match call.args.get(i) {
        Some(e) => lw.lower(e),
        None => Err(Diagnostic::error(
            Code::WrongArgumentCount,
            format!("`{}()` is missing argument {}", call.name.name, i + 1),
        )
        .with_span(call.span)),
    }
}

/// The span of argument `i` (the call's when absent).
pub(crate) fn arg_span(call: &Call<'_>, i: usize) -> Span {
    call.args.get(i).map_or(call.span, |e| e.span)
}

/// "argument i of f() must be T, found U".
pub(crate) fn arg_type_error(
    call: &Call<'_>,
    i: usize,
    expected: &str,
    found: &Typed,
) -> Diagnostic {
    Diagnostic::error(
        Code::TypeMismatch,
        format!(
            "argument {} of `{}()` must be {expected}, found {}",
            i + 1,
            call.name.name,
            found.ty.name()
        ),
    )
    .with_span(arg_span(call, i))
}

/// A constant string argument.
pub(crate) fn const_string(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<String, Diagnostic> {
    let t = arg(lw, call, i)?;
    match crate::plan::constant_value(&t.expr) {
        Some(ScalarValue::Utf8(Some(s))) => Ok(s.clone()),
        _ => Err(Diagnostic::error(
            Code::InvalidArgument,
            format!(
                "argument {} of `{}()` must be a constant string",
                i + 1,
                call.name.name
            ),
        )
        .with_span(arg_span(call, i))),
    }
}

/// A constant long argument.
pub(crate) fn const_long(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
) -> Result<i64, Diagnostic> {
    let t = arg(lw, call, i)?;
    match crate::plan::constant_value(&t.expr) {
        Some(ScalarValue::Int64(Some(v))) => Ok(*v),
        Some(ScalarValue::Int32(Some(v))) => Ok(i64::from(*v)),
        _ => Err(Diagnostic::error(
            Code::InvalidArgument,
            format!(
                "argument {} of `{}()` must be a constant long",
                i + 1,
                call.name.name
            ),
        )
        .with_span(arg_span(call, i))),
    }
}
