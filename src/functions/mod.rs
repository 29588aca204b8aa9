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
mod columns;
mod hashing;
mod math;
mod network;
mod rowwise;
mod series;
mod stats;
mod text_extra;
mod window;

pub mod reference;

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

/// The columns of a call to a function that gives several (`series_stats(x)`, ...): each one's
/// default name and type, for these arguments; `None` when this call gives one value.
pub type ColumnsFn = fn(&[Expr]) -> Option<Vec<(String, ScalarType)>>;

/// The default name of a result column computed by the function.
#[derive(Clone, Copy, Debug)]
pub enum Naming {
    /// `Column1`, `Column2`, ...
    Column,
    /// The name of the first argument (`bin(Timestamp, 1h)` is `Timestamp`).
    FirstArgument,
    /// `<prefix>_<first argument's name>`: `count_`, `sum_Duration`, `set_User`.
    Aggregate(&'static str),
    /// `percentile_<first argument's name>_<percentile>`, `.` as `_`: `percentile_x_99_5`.
    Percentile,
    /// `<prefix>_<first argument's name>_<second argument's name>`: `covariance_x_y`.
    Aggregate2(&'static str),
    /// Several columns (only alone in `extend`, `project` and `print`, which name them `(a, b) =`
    /// or by default as the rule says); the lowering gives a dynamic array of their values.
    Columns(ColumnsFn),
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
fn families() -> [&'static [FunctionSpec]; 15] {
    FAMILIES.map(|(_, specs)| specs)
}

/// Every function family with its name (the folder under `src/functions/`).
pub static FAMILIES: [(&str, &[FunctionSpec]); 15] = [
    ("aggregates", aggregates::FUNCTIONS),
    ("conversion", conversion::FUNCTIONS),
    ("datetime", datetime::FUNCTIONS),
    ("dynamic", dynamic::FUNCTIONS),
    ("logical", logical::FUNCTIONS),
    ("strings", strings::FUNCTIONS),
    ("series", series::FUNCTIONS),
    ("math", math::FUNCTIONS),
    ("network", network::FUNCTIONS),
    ("hashing", hashing::FUNCTIONS),
    ("collections", collections::FUNCTIONS),
    ("text_extra", text_extra::FUNCTIONS),
    ("stats", stats::FUNCTIONS),
    ("window", window::FUNCTIONS),
    ("columns", columns::FUNCTIONS),
];

static FAMILY_BY_NAME: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (family, specs) in FAMILIES {
        for spec in specs {
            map.insert(spec.name, family);
            for alias in spec.aliases {
                map.insert(*alias, family);
            }
        }
    }
    map
});

/// The family of the function with this name (or alias).
pub fn family_of(name: &str) -> Option<&'static str> {
    FAMILY_BY_NAME.get(name).copied()
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
pub const NOT_YET_SUPPORTED: &[&str] = &["typeof"];

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

/// A scalar function named by its first argument's column: `Naming::Column`, not variadic.
pub(crate) const fn scalar(
    name: &'static str,
    aliases: &'static [&'static str],
    params: &'static [Param],
    returns: Returns,
    summary: &'static str,
    examples: &'static [Example],
    lower: LowerFn,
) -> FunctionSpec {
    FunctionSpec {
        name,
        aliases,
        kind: FunctionKind::Scalar,
        params,
        variadic: false,
        returns,
        naming: Naming::Column,
        summary,
        examples,
        lower,
    }
}

/// How a lowering passes an argument on to a UDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArgAs {
    /// `tostring()` of the value (any type).
    Text,
    /// The value as dynamic JSON text (any type).
    Dynamic,
    /// A number or dynamic value as a long.
    Long,
    /// A number or dynamic value as a real.
    Real,
    /// A datetime (or dynamic value holding one).
    DateTime,
    /// A timespan (or dynamic value holding one).
    TimeSpan,
}

/// Lowers argument `i` the way `kind` says.
pub(crate) fn arg_as(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    i: usize,
    kind: ArgAs,
) -> Result<datafusion::logical_expr::Expr, Diagnostic> {
    use crate::plan::{convert, types::is_numeric};
    let t = arg(lw, call, i)?;
    let numeric = is_numeric(t.ty) || t.ty == ScalarType::Dynamic;
    let converted = match kind {
        ArgAs::Text => Some(convert::to_string_value(&t, lw.scope.schema.as_ref())),
        ArgAs::Dynamic => Some(convert::to_dynamic(&t)),
        ArgAs::Long if numeric => convert::to_integer(&t, ScalarType::Long),
        ArgAs::Real if numeric => convert::to_real(&t),
        ArgAs::DateTime if matches!(t.ty, ScalarType::DateTime | ScalarType::Dynamic) => {
            convert::to_datetime(&t)
        }
        ArgAs::TimeSpan if matches!(t.ty, ScalarType::TimeSpan | ScalarType::Dynamic) => {
            convert::to_timespan(&t)
        }
        _ => None,
    };
    converted.ok_or_else(|| {
        let expected = match kind {
            ArgAs::Long => "a long",
            ArgAs::Real => "a number",
            ArgAs::DateTime => "a datetime",
            ArgAs::TimeSpan => "a timespan",
            ArgAs::Text | ArgAs::Dynamic => "a scalar",
        };
        arg_type_error(call, i, expected, &t)
    })
}

/// Calls a UDF on the arguments, converted as `kinds` says (the last kind repeats), typed `ty`.
pub(crate) fn call_udf(
    lw: &mut ExprLowerer<'_>,
    call: &Call<'_>,
    udf: std::sync::Arc<datafusion::logical_expr::ScalarUDF>,
    kinds: &[ArgAs],
    ty: ScalarType,
) -> Result<Typed, Diagnostic> {
    let mut args = Vec::with_capacity(call.args.len());
    for i in 0..call.args.len() {
        let kind = kinds
            .get(i)
            .or(kinds.last())
            .copied()
            .unwrap_or(ArgAs::Text);
        args.push(arg_as(lw, call, i, kind)?);
    }
    Ok(Typed::new(udf.call(args), ty))
}

/// The default column name of argument `i` of a call, if it has one (a column, a path).
pub(crate) fn arg_column_name(args: &[Expr], i: usize) -> Option<String> {
    args.get(i).and_then(crate::plan::default_name)
}

/// `<function>_<first argument's name>_<suffix>` for each suffix (`series_stats_x_min`, ...),
/// `<function>_<suffix>` when the argument has no name.
pub(crate) fn suffixed_columns(
    function: &str,
    args: &[Expr],
    suffixes: &[(&str, ScalarType)],
) -> Vec<(String, ScalarType)> {
    let base = match arg_column_name(args, 0) {
        Some(name) => format!("{function}_{name}"),
        None => function.to_string(),
    };
    suffixes
        .iter()
        .map(|(suffix, ty)| (format!("{base}_{suffix}"), *ty))
        .collect()
}

/// For an expression that calls a function giving several columns: the columns, each with its
/// default name and value (the element of the lowering's array, converted to its type).
pub(crate) fn lower_columns(
    lw: &mut ExprLowerer<'_>,
    expr: &Expr,
) -> Result<Option<Vec<(String, Typed)>>, Diagnostic> {
    use crate::syntax::ExprKind;
    let ExprKind::Call(c) = &expr.kind else {
        return Ok(None);
    };
    if lw.planner.function_binding(&c.name.name).is_some() {
        return Ok(None);
    }
    let Some(spec) = lookup(&c.name.name) else {
        return Ok(None);
    };
    let Naming::Columns(rule) = spec.naming else {
        return Ok(None);
    };
    let Some(columns) = rule(&c.args) else {
        return Ok(None);
    };
    let call = Call {
        name: &c.name,
        args: &c.args,
        span: expr.span,
    };
    spec.check_arity(&call)?;
    let packed = (spec.lower)(lw, &call)?;
    let mut out = Vec::with_capacity(columns.len());
    for (i, (name, ty)) in columns.into_iter().enumerate() {
        let element = Typed::new(
            crate::udf::dynamic_get().call(vec![
                packed.expr.clone(),
                datafusion::logical_expr::lit(i as i64),
            ]),
            ScalarType::Dynamic,
        );
        let value = if ty == ScalarType::Dynamic {
            element
        } else {
            let converted = crate::plan::convert::convert(&element, ty).ok_or_else(|| {
                Diagnostic::error(
                    Code::ExecutionError,
                    format!("`{}()` cannot give a {} column", spec.name, ty.name()),
                )
                .with_span(expr.span)
            })?;
            Typed::new(converted, ty)
        };
        out.push((name, value));
    }
    Ok(Some(out))
}

/// A `summarize`'s aggregation items with each `percentiles(x, p1, p2, ...)` expanded into
/// `percentile(x, p1)`, `percentile(x, p2)`, ... (named by a `(a, b) = ` alias when it has one).
pub fn expand_percentiles(items: &[crate::syntax::NamedExpr]) -> Vec<crate::syntax::NamedExpr> {
    use crate::syntax::{Alias, ExprKind, NamedExpr};
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let call = match &item.expr.kind {
            ExprKind::Call(call) if call.name.name == "percentiles" && call.args.len() >= 2 => call,
            _ => {
                out.push(item.clone());
                continue;
            }
        };
        let names: Vec<_> = match &item.alias {
            Some(Alias::Tuple(names)) => names.clone(),
            _ => Vec::new(),
        };
        for (i, p) in call.args[1..].iter().enumerate() {
            let mut single = call.clone();
            single.name.name = "percentile".to_string();
            single.args = vec![call.args[0].clone(), p.clone()];
            out.push(NamedExpr {
                alias: names.get(i).cloned().map(Alias::Name),
                expr: Expr::new(ExprKind::Call(single), item.expr.span),
            });
        }
    }
    out
}
