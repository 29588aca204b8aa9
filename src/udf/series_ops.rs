//! `kql_series(op, ...)`: the `series_*()` functions over dynamic arrays of numbers.
//!
//! Element-wise functions give an array as long as the input (the longest input, for two); an
//! element that is not a number (or is missing from the shorter input) gives `null`. A
//! function of one array that is not an array gives null.

use serde_json::Value;

use super::rowwise::{Kind, Op, Ret, arg, is_int, num, real};

const D: &[Kind] = &[Kind::Dynamic];

fn map_real(args: &[Value], f: fn(f64) -> f64) -> Value {
    match arg(args, 0).as_array() {
        Some(items) => Value::Array(
            items
                .iter()
                .map(|e| num(e).map_or(Value::Null, |x| real(f(x))))
                .collect(),
        ),
        None => Value::Null,
    }
}

macro_rules! unary {
    ($($name:literal => $f:expr;)*) => {
        &[$(Op {
            name: $name,
            args: D,
            ret: Ret::Dynamic,
            f: |args| map_real(args, $f),
        },)*]
    };
}

fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x
    }
}

/// `abs` and `sign` keep integers integers.
fn map_keep_int(args: &[Value], fi: fn(i64) -> Option<i64>, f: fn(f64) -> f64) -> Value {
    match arg(args, 0).as_array() {
        Some(items) => Value::Array(
            items
                .iter()
                .map(|e| match e.as_i64().and_then(fi) {
                    Some(i) => Value::from(i),
                    None => num(e).map_or(Value::Null, |x| real(f(x))),
                })
                .collect(),
        ),
        None => Value::Null,
    }
}

/// Element `i` of an argument that is an array, or the argument itself when it is a number.
fn element(v: &Value, i: usize) -> &Value {
    static NULL: Value = Value::Null;
    match v {
        Value::Array(items) => items.get(i).unwrap_or(&NULL),
        v => v,
    }
}

/// The length of the element-wise result of two arguments (`None` when neither is an array).
fn pair_len(a: &Value, b: &Value) -> Option<usize> {
    match (a.as_array(), b.as_array()) {
        (Some(x), Some(y)) => Some(x.len().max(y.len())),
        (Some(x), None) => Some(x.len()),
        (None, Some(y)) => Some(y.len()),
        (None, None) => None,
    }
}

/// Two arrays (or an array and a number) combined element-wise.
fn zip_with(args: &[Value], f: fn(&Value, &Value) -> Value) -> Value {
    let (a, b) = (arg(args, 0), arg(args, 1));
    match pair_len(a, b) {
        Some(n) => Value::Array((0..n).map(|i| f(element(a, i), element(b, i))).collect()),
        None => Value::Null,
    }
}

/// Integer arithmetic when both are integers (and it does not overflow), else real.
fn arith(a: &Value, b: &Value, fi: fn(i64, i64) -> Option<i64>, f: fn(f64, f64) -> f64) -> Value {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64())
        && let Some(r) = fi(x, y)
    {
        return Value::from(r);
    }
    match (num(a), num(b)) {
        (Some(x), Some(y)) => real(f(x, y)),
        _ => Value::Null,
    }
}

fn compare(a: &Value, b: &Value, f: fn(f64, f64) -> bool) -> Value {
    match (num(a), num(b)) {
        (Some(x), Some(y)) => Value::Bool(f(x, y)),
        _ => Value::Null,
    }
}

macro_rules! binary {
    ($($name:literal => $f:expr;)*) => {
        &[$(Op {
            name: $name,
            args: D,
            ret: Ret::Dynamic,
            f: |args| zip_with(args, $f),
        },)*]
    };
}

/// The numbers of an array (non-numbers skipped); `None` when it is not an array.
fn numbers(v: &Value) -> Option<Vec<f64>> {
    v.as_array()
        .map(|items| items.iter().filter_map(num).collect())
}

/// Pairs of numbers at the same index of two arguments (an element that is not a number on
/// either side skips the pair).
fn pairs(a: &Value, b: &Value) -> Option<Vec<(f64, f64)>> {
    let n = pair_len(a, b)?;
    Some(
        (0..n)
            .filter_map(|i| Some((num(element(a, i))?, num(element(b, i))?)))
            .collect(),
    )
}

fn dot(args: &[Value]) -> Option<f64> {
    Some(
        pairs(arg(args, 0), arg(args, 1))?
            .iter()
            .map(|(x, y)| x * y)
            .sum(),
    )
}

fn magnitude(v: &Value) -> Option<f64> {
    Some(numbers(v)?.iter().map(|x| x * x).sum::<f64>().sqrt())
}

fn pearson(args: &[Value]) -> Option<f64> {
    let (a, b) = (arg(args, 0).as_array()?, arg(args, 1).as_array()?);
    if a.len() != b.len() {
        return None;
    }
    let pairs = pairs(arg(args, 0), arg(args, 1))?;
    let n = pairs.len() as f64;
    if pairs.is_empty() {
        return None;
    }
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in &pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    Some(sxy / (sxx * syy).sqrt())
}

/// `series_stats_dynamic()`: min, min_idx, max, max_idx, avg, stdev and variance (sample) of the
/// numeric elements.
pub(super) fn stats(args: &[Value]) -> Value {
    let Some(items) = arg(args, 0).as_array() else {
        return Value::Null;
    };
    let ignore_nonfinite = arg(args, 1).as_bool().unwrap_or(false);
    // Unless told to ignore them, a null, NaN or infinite element makes every statistic null.
    let nonfinite = items.iter().any(|e| !num(e).is_some_and(f64::is_finite));
    let values: Vec<(usize, f64)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, e)| num(e).map(|x| (i, x)))
        .filter(|(_, x)| !ignore_nonfinite || x.is_finite())
        .collect();
    let mut bag = serde_json::Map::new();
    if values.is_empty() || (nonfinite && !ignore_nonfinite) {
        for key in [
            "min", "min_idx", "max", "max_idx", "avg", "stdev", "variance",
        ] {
            bag.insert(key.to_string(), Value::Null);
        }
        return Value::Object(bag);
    }
    let (mut min, mut max) = (values[0], values[0]);
    for &(i, x) in &values {
        if x < min.1 {
            min = (i, x);
        }
        if x > max.1 {
            max = (i, x);
        }
    }
    let n = values.len() as f64;
    let avg = values.iter().map(|v| v.1).sum::<f64>() / n;
    let variance = if values.len() > 1 {
        values.iter().map(|v| (v.1 - avg).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    bag.insert("min".into(), real(min.1));
    bag.insert("min_idx".into(), Value::from(min.0));
    bag.insert("max".into(), real(max.1));
    bag.insert("max_idx".into(), Value::from(max.0));
    bag.insert("avg".into(), real(avg));
    bag.insert("stdev".into(), real(variance.sqrt()));
    bag.insert("variance".into(), real(variance));
    Value::Object(bag)
}

/// Whether an element is missing: null, or equal to the placeholder when one is given.
fn missing(e: &Value, placeholder: &Value) -> bool {
    match placeholder {
        Value::Null => e.is_null(),
        p => e.is_null() || (num(e).is_some() && num(e) == num(p)) || e == p,
    }
}

fn fill_const(args: &[Value]) -> Value {
    let Some(items) = arg(args, 0).as_array() else {
        return Value::Null;
    };
    let constant = match args.get(1) {
        Some(v) => v.clone(),
        None => Value::from(0),
    };
    let placeholder = arg(args, 2);
    Value::Array(
        items
            .iter()
            .map(|e| {
                if missing(e, placeholder) {
                    constant.clone()
                } else {
                    e.clone()
                }
            })
            .collect(),
    )
}

fn fill_forward(args: &[Value]) -> Value {
    let Some(items) = arg(args, 0).as_array() else {
        return Value::Null;
    };
    let placeholder = arg(args, 1);
    let mut last: Option<&Value> = None;
    let mut out = Vec::with_capacity(items.len());
    for e in items {
        if missing(e, placeholder) {
            out.push(last.cloned().unwrap_or_else(|| e.clone()));
        } else {
            last = Some(e);
            out.push(e.clone());
        }
    }
    Value::Array(out)
}

fn fill_backward(args: &[Value]) -> Value {
    let Some(items) = arg(args, 0).as_array() else {
        return Value::Null;
    };
    let placeholder = arg(args, 1);
    let mut next: Option<&Value> = None;
    let mut out = Vec::with_capacity(items.len());
    for e in items.iter().rev() {
        if missing(e, placeholder) {
            out.push(next.cloned().unwrap_or_else(|| e.clone()));
        } else {
            next = Some(e);
            out.push(e.clone());
        }
    }
    out.reverse();
    Value::Array(out)
}

fn fill_linear(args: &[Value]) -> Value {
    let Some(items) = arg(args, 0).as_array() else {
        return Value::Null;
    };
    let placeholder = arg(args, 1);
    let fill_edges = arg(args, 2).as_bool().unwrap_or(true);
    let constant = match args.get(3) {
        Some(v) => v.clone(),
        None => Value::from(0),
    };
    let known: Vec<(usize, f64)> = items
        .iter()
        .enumerate()
        .filter(|(_, e)| !missing(e, placeholder))
        .filter_map(|(i, e)| num(e).map(|x| (i, x)))
        .collect();
    if known.is_empty() {
        return Value::Array(items.iter().map(|_| constant.clone()).collect());
    }
    let integers = items
        .iter()
        .filter(|e| !missing(e, placeholder))
        .all(is_int);
    let value = |x: f64| {
        if integers {
            Value::from(x.round() as i64)
        } else {
            real(x)
        }
    };
    let mut out: Vec<Value> = items.to_vec();
    for (i, slot) in out.iter_mut().enumerate() {
        if !missing(slot, placeholder) {
            continue;
        }
        let before = known.iter().rev().find(|(j, _)| *j < i);
        let after = known.iter().find(|(j, _)| *j > i);
        *slot = match (before, after) {
            (Some(&(j0, x0)), Some(&(j1, x1))) => {
                value(x0 + (x1 - x0) * (i - j0) as f64 / (j1 - j0) as f64)
            }
            (Some(&(j, _)), None) | (None, Some(&(j, _))) if fill_edges => items[j].clone(),
            _ => slot.clone(),
        };
    }
    Value::Array(out)
}

/// `series_iir(x, numerators, denominators)`: an infinite impulse response filter.
fn iir(args: &[Value]) -> Value {
    let (Some(x), Some(b), Some(a)) = (
        numbers_or_null(arg(args, 0)),
        numbers(arg(args, 1)),
        numbers(arg(args, 2)),
    ) else {
        return Value::Null;
    };
    let Some(&a0) = a.first().filter(|v| **v != 0.0) else {
        return Value::Null;
    };
    let mut y: Vec<f64> = Vec::with_capacity(x.len());
    for n in 0..x.len() {
        let mut acc = 0.0;
        for (k, bk) in b.iter().enumerate() {
            if n >= k {
                acc += bk * x[n - k];
            }
        }
        for (k, ak) in a.iter().enumerate().skip(1) {
            if n >= k {
                acc -= ak * y[n - k];
            }
        }
        y.push(acc / a0);
    }
    Value::Array(y.into_iter().map(real).collect())
}

/// The elements of an array as numbers, a non-number counting as 0.
fn numbers_or_null(v: &Value) -> Option<Vec<f64>> {
    v.as_array()
        .map(|items| items.iter().map(|e| num(e).unwrap_or(0.0)).collect())
}

fn scalar(f: Option<f64>) -> Value {
    f.map_or(Value::Null, real)
}

const UNARY: &[Op] = unary! {
    "acos" => f64::acos;
    "asin" => f64::asin;
    "atan" => f64::atan;
    "ceiling" => f64::ceil;
    "cos" => f64::cos;
    "exp" => f64::exp;
    "floor" => f64::floor;
    "log" => f64::ln;
    "sin" => f64::sin;
    "tan" => f64::tan;
};

const BINARY: &[Op] = binary! {
    "add" => |a, b| arith(a, b, i64::checked_add, |x, y| x + y);
    "subtract" => |a, b| arith(a, b, i64::checked_sub, |x, y| x - y);
    "multiply" => |a, b| arith(a, b, i64::checked_mul, |x, y| x * y);
    "divide" => |a, b| match (num(a), num(b)) {
        (Some(x), Some(y)) => real(x / y),
        _ => Value::Null,
    };
    "pow" => |a, b| match (num(a), num(b)) {
        (Some(x), Some(y)) => real(x.powf(y)),
        _ => Value::Null,
    };
    "greater" => |a, b| compare(a, b, |x, y| x > y);
    "greater_equals" => |a, b| compare(a, b, |x, y| x >= y);
    "less" => |a, b| compare(a, b, |x, y| x < y);
    "less_equals" => |a, b| compare(a, b, |x, y| x <= y);
    "equals" => |a, b| compare(a, b, |x, y| x == y);
    "not_equals" => |a, b| compare(a, b, |x, y| x != y);
};

const OTHER: &[Op] = &[
    Op {
        name: "abs",
        args: D,
        ret: Ret::Dynamic,
        f: |args| map_keep_int(args, i64::checked_abs, f64::abs),
    },
    Op {
        name: "sign",
        args: D,
        ret: Ret::Dynamic,
        f: |args| map_keep_int(args, |i| Some(i.signum()), sign),
    },
    Op {
        name: "sum",
        args: D,
        ret: Ret::Real,
        f: |args| scalar(numbers(arg(args, 0)).map(|v| v.iter().sum())),
    },
    Op {
        name: "product",
        args: D,
        ret: Ret::Real,
        f: |args| scalar(numbers(arg(args, 0)).map(|v| v.iter().product())),
    },
    Op {
        name: "magnitude",
        args: D,
        ret: Ret::Real,
        f: |args| scalar(magnitude(arg(args, 0))),
    },
    Op {
        name: "dot_product",
        args: D,
        ret: Ret::Real,
        f: |args| scalar(dot(args)),
    },
    Op {
        name: "cosine_similarity",
        args: &[Kind::Dynamic, Kind::Dynamic, Kind::Real],
        ret: Ret::Real,
        f: |args| {
            let m1 = num(arg(args, 2)).or_else(|| magnitude(arg(args, 0)));
            let m2 = num(arg(args, 3)).or_else(|| magnitude(arg(args, 1)));
            scalar(dot(args).zip(m1.zip(m2)).map(|(d, (a, b))| d / (a * b)))
        },
    },
    Op {
        name: "pearson_correlation",
        args: D,
        ret: Ret::Real,
        f: |args| scalar(pearson(args)),
    },
    Op {
        name: "stats_dynamic",
        args: &[Kind::Dynamic, Kind::Bool],
        ret: Ret::Dynamic,
        f: stats,
    },
    Op {
        name: "fill_const",
        args: D,
        ret: Ret::Dynamic,
        f: fill_const,
    },
    Op {
        name: "fill_forward",
        args: D,
        ret: Ret::Dynamic,
        f: fill_forward,
    },
    Op {
        name: "fill_backward",
        args: D,
        ret: Ret::Dynamic,
        f: fill_backward,
    },
    Op {
        name: "fill_linear",
        args: &[Kind::Dynamic, Kind::Dynamic, Kind::Bool, Kind::Dynamic],
        ret: Ret::Dynamic,
        f: fill_linear,
    },
    Op {
        name: "iir",
        args: D,
        ret: Ret::Dynamic,
        f: iir,
    },
];

/// Every operation of `kql_series`.
pub fn ops() -> &'static [Op] {
    static OPS: std::sync::LazyLock<Vec<Op>> = std::sync::LazyLock::new(|| {
        super::rowwise::concat(&[UNARY, BINARY, OTHER, super::series_analysis::OPS])
    });
    &OPS
}
