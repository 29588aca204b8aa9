//! `kql_coll(op, ...)`: more array and property-bag functions: shifting, rotating, splitting and
//! reversing arrays, `array_sum`, `array_iff`, `repeat`, `range`, `zip`, `jaccard_index`, and the
//! bag functions (`bag_zip`, `bag_set_key`, `bag_remove_keys`, `bag_has_key`, `bag_merge`).

use serde_json::{Map, Value};

use super::rowwise::{Kind, Op, Ret, arg, long, num, real};

const D: &[Kind] = &[Kind::Dynamic];

fn items(v: &Value) -> Option<&Vec<Value>> {
    v.as_array()
}

/// The array moved `n` places left (right for a negative `n`), filled with `fill`.
fn shift(args: &[Value], sign: i64) -> Value {
    let Some(a) = items(arg(args, 0)) else {
        return Value::Null;
    };
    let Some(n) = long(arg(args, 1)) else {
        return Value::Null;
    };
    let n = n.saturating_mul(sign);
    let fill = arg(args, 2).clone();
    let len = a.len() as i64;
    Value::Array(
        (0..len)
            .map(|i| {
                let j = i + n;
                if (0..len).contains(&j) {
                    a[j as usize].clone()
                } else {
                    fill.clone()
                }
            })
            .collect(),
    )
}

fn rotate(args: &[Value], sign: i64) -> Value {
    let Some(a) = items(arg(args, 0)) else {
        return Value::Null;
    };
    let Some(n) = long(arg(args, 1)) else {
        return Value::Null;
    };
    if a.is_empty() {
        return Value::Array(Vec::new());
    }
    let len = a.len() as i64;
    let n = (n.saturating_mul(sign)).rem_euclid(len);
    Value::Array(
        (0..len)
            .map(|i| a[((i + n) % len) as usize].clone())
            .collect(),
    )
}

fn split(args: &[Value]) -> Value {
    let Some(a) = items(arg(args, 0)) else {
        return Value::Null;
    };
    let len = a.len() as i64;
    let mut cuts: Vec<i64> = match arg(args, 1) {
        Value::Array(xs) => xs.iter().filter_map(long).collect(),
        v => long(v).into_iter().collect(),
    };
    for c in &mut cuts {
        if *c < 0 {
            *c += len;
        }
        *c = (*c).clamp(0, len);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        let end = c.max(start);
        out.push(Value::Array(a[start as usize..end as usize].to_vec()));
        start = end;
    }
    out.push(Value::Array(a[start as usize..].to_vec()));
    Value::Array(out)
}

fn array_iff(args: &[Value]) -> Value {
    let Some(cond) = items(arg(args, 0)) else {
        return Value::Null;
    };
    let pick = |v: &Value, i: usize| match v {
        Value::Array(xs) => xs.get(i).cloned().unwrap_or(Value::Null),
        v => v.clone(),
    };
    Value::Array(
        cond.iter()
            .enumerate()
            .map(|(i, c)| {
                let truth = match c {
                    Value::Bool(b) => Some(*b),
                    Value::Number(_) => num(c).map(|x| x != 0.0),
                    _ => None,
                };
                match truth {
                    Some(true) => pick(arg(args, 1), i),
                    Some(false) => pick(arg(args, 2), i),
                    None => Value::Null,
                }
            })
            .collect(),
    )
}

/// The most elements `range()` makes.
const MAX: usize = 1 << 20;

/// `range()` of datetimes (step a timespan, 1 hour by default) or of timespans.
fn time_range(start: &str, stop: &str, step: Option<&Value>) -> Option<Value> {
    use crate::value::{format_datetime, format_timespan, parse_datetime, parse_timespan};
    const HOUR: i64 = 3_600_000_000;
    let step = match step {
        None => HOUR,
        Some(v) => parse_timespan(v.as_str()?)?,
    };
    if step == 0 {
        return None;
    }
    let (s, e, format): (i64, i64, fn(i64) -> String) =
        match (parse_timespan(start), parse_timespan(stop)) {
            (Some(s), Some(e)) => (s, e, format_timespan),
            _ => (
                parse_datetime(start)?,
                parse_datetime(stop)?,
                format_datetime,
            ),
        };
    let mut out = Vec::new();
    let mut x = s;
    while ((step > 0 && x <= e) || (step < 0 && x >= e)) && out.len() < MAX {
        out.push(Value::String(format(x)));
        x = x.checked_add(step)?;
    }
    Some(Value::Array(out))
}

/// `range(start, stop[, step])`: numbers from start to stop (inclusive).
fn range(args: &[Value]) -> Value {
    let (start, stop) = (arg(args, 0), arg(args, 1));
    if let (Value::String(s), Value::String(e)) = (start, stop) {
        return time_range(s, e, args.get(2)).unwrap_or(Value::Null);
    }
    let step = args.get(2).cloned().unwrap_or(Value::from(1));
    if let (Some(s), Some(e), Some(d)) = (start.as_i64(), stop.as_i64(), step.as_i64()) {
        if d == 0 {
            return Value::Null;
        }
        let mut out = Vec::new();
        let mut x = s;
        while (d > 0 && x <= e) || (d < 0 && x >= e) {
            out.push(Value::from(x));
            if out.len() >= MAX {
                break;
            }
            let Some(next) = x.checked_add(d) else { break };
            x = next;
        }
        return Value::Array(out);
    }
    let (Some(s), Some(e), Some(d)) = (num(start), num(stop), num(&step)) else {
        return Value::Null;
    };
    if d == 0.0 || !d.is_finite() {
        return Value::Null;
    }
    let mut out = Vec::new();
    let mut i = 0.0;
    loop {
        let x = s + i * d;
        if (d > 0.0 && x > e) || (d < 0.0 && x < e) || out.len() >= MAX {
            break;
        }
        out.push(real(x));
        i += 1.0;
    }
    Value::Array(out)
}

fn zip(args: &[Value]) -> Value {
    let arrays: Option<Vec<&Vec<Value>>> = args.iter().map(items).collect();
    let Some(arrays) = arrays else {
        return Value::Null;
    };
    let n = arrays.iter().map(|a| a.len()).max().unwrap_or(0);
    Value::Array(
        (0..n)
            .map(|i| {
                Value::Array(
                    arrays
                        .iter()
                        .map(|a| a.get(i).cloned().unwrap_or(Value::Null))
                        .collect(),
                )
            })
            .collect(),
    )
}

fn jaccard(args: &[Value]) -> Value {
    let (Some(a), Some(b)) = (items(arg(args, 0)), items(arg(args, 1))) else {
        return Value::Null;
    };
    let key = |v: &Value| v.to_string();
    let sa: std::collections::HashSet<String> = a.iter().map(key).collect();
    let sb: std::collections::HashSet<String> = b.iter().map(key).collect();
    let union = sa.union(&sb).count();
    if union == 0 {
        return Value::Null;
    }
    real(sa.intersection(&sb).count() as f64 / union as f64)
}

fn bag_zip(args: &[Value]) -> Value {
    let Some(keys) = items(arg(args, 0)) else {
        return Value::Null;
    };
    let values = arg(args, 1);
    let mut bag = Map::new();
    for (i, k) in keys.iter().enumerate() {
        if let Value::String(k) = k {
            let v = items(values)
                .and_then(|vs| vs.get(i).cloned())
                .unwrap_or(Value::Null);
            bag.insert(k.clone(), v);
        }
    }
    Value::Object(bag)
}

/// The steps of a key: a JSONPath `$.a.b` / `$['a']['b']`, or a plain key.
fn key_path(key: &str) -> Option<Vec<String>> {
    let Some(rest) = key.strip_prefix('$') else {
        return Some(vec![key.to_string()]);
    };
    let mut steps = Vec::new();
    let mut rest = rest;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            steps.push(r[..end].to_string());
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix("['") {
            let end = r.find("']")?;
            steps.push(r[..end].to_string());
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix("[\"") {
            let end = r.find("\"]")?;
            steps.push(r[..end].to_string());
            rest = &r[end + 2..];
        } else {
            return None;
        }
    }
    (!steps.is_empty()).then_some(steps)
}

fn has_key(bag: &Value, path: &[String]) -> bool {
    let mut cur = bag;
    for step in path {
        match cur.as_object().and_then(|o| o.get(step)) {
            Some(next) => cur = next,
            None => return false,
        }
    }
    true
}

fn set_key(bag: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut cur = bag;
    for step in init {
        let entry = cur
            .entry(step.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(next) = entry else { return };
        cur = next;
    }
    cur.insert(last.clone(), value);
}

fn remove_key(bag: &mut Map<String, Value>, path: &[String]) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut cur = bag;
    for step in init {
        match cur.get_mut(step) {
            Some(Value::Object(next)) => cur = next,
            _ => return,
        }
    }
    cur.shift_remove(last);
}

/// `treepath()`: every path in a dynamic value (`['key']` steps, `[0]` for any array element),
/// once each, in the order first met.
fn treepath(v: &Value, prefix: &str, out: &mut Vec<String>) {
    let add = |path: String, value: &Value, out: &mut Vec<String>| {
        if !out.contains(&path) {
            out.push(path.clone());
        }
        treepath(value, &path, out);
    };
    match v {
        Value::Object(bag) => {
            for (k, value) in bag {
                let key = k.replace('\\', "\\\\").replace('\'', "\\'");
                add(format!("{prefix}['{key}']"), value, out);
            }
        }
        Value::Array(items) => {
            for value in items {
                add(format!("{prefix}[0]"), value, out);
            }
        }
        _ => {}
    }
}

fn bag_merge(args: &[Value]) -> Value {
    let mut out = Map::new();
    for v in args {
        if let Value::Object(bag) = v {
            for (k, v) in bag {
                if !out.contains_key(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
    }
    Value::Object(out)
}

const OPS: &[Op] = &[
    Op {
        name: "array_shift_left",
        args: &[Kind::Dynamic, Kind::Long, Kind::Dynamic],
        ret: Ret::Dynamic,
        f: |a| shift(a, 1),
    },
    Op {
        name: "array_shift_right",
        args: &[Kind::Dynamic, Kind::Long, Kind::Dynamic],
        ret: Ret::Dynamic,
        f: |a| shift(a, -1),
    },
    Op {
        name: "array_rotate_left",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Dynamic,
        f: |a| rotate(a, 1),
    },
    Op {
        name: "array_rotate_right",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Dynamic,
        f: |a| rotate(a, -1),
    },
    Op {
        name: "array_split",
        args: D,
        ret: Ret::Dynamic,
        f: split,
    },
    Op {
        name: "array_reverse",
        args: D,
        ret: Ret::Dynamic,
        f: |a| match items(arg(a, 0)) {
            Some(xs) => Value::Array(xs.iter().rev().cloned().collect()),
            None => Value::Null,
        },
    },
    Op {
        name: "array_sum",
        args: D,
        ret: Ret::Real,
        f: |a| {
            let sum: Option<f64> =
                items(arg(a, 0)).and_then(|xs| xs.iter().map(num).sum::<Option<f64>>());
            sum.map_or(Value::Null, real)
        },
    },
    Op {
        name: "array_iff",
        args: D,
        ret: Ret::Dynamic,
        f: array_iff,
    },
    Op {
        name: "repeat",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Dynamic,
        f: |a| match long(arg(a, 1)) {
            Some(n) if n >= 0 => Value::Array(vec![
                arg(a, 0).clone();
                usize::try_from(n.min(1 << 20)).unwrap_or(0)
            ]),
            _ => Value::Null,
        },
    },
    Op {
        name: "range",
        args: D,
        ret: Ret::Dynamic,
        f: range,
    },
    Op {
        name: "zip",
        args: D,
        ret: Ret::Dynamic,
        f: zip,
    },
    Op {
        name: "jaccard_index",
        args: D,
        ret: Ret::Real,
        f: jaccard,
    },
    Op {
        name: "bag_zip",
        args: D,
        ret: Ret::Dynamic,
        f: bag_zip,
    },
    Op {
        name: "bag_has_key",
        args: &[Kind::Dynamic, Kind::Str],
        ret: Ret::Bool,
        f: |a| match (arg(a, 0), arg(a, 1).as_str().and_then(key_path)) {
            (bag @ Value::Object(_), Some(path)) => Value::Bool(has_key(bag, &path)),
            _ => Value::Null,
        },
    },
    Op {
        name: "bag_set_key",
        args: &[Kind::Dynamic, Kind::Str, Kind::Dynamic],
        ret: Ret::Dynamic,
        f: |a| match (arg(a, 0), arg(a, 1).as_str().and_then(key_path)) {
            (Value::Object(bag), Some(path)) => {
                let mut bag = bag.clone();
                set_key(&mut bag, &path, arg(a, 2).clone());
                Value::Object(bag)
            }
            _ => Value::Null,
        },
    },
    Op {
        name: "bag_remove_keys",
        args: D,
        ret: Ret::Dynamic,
        f: |a| match (arg(a, 0), items(arg(a, 1))) {
            (Value::Object(bag), Some(keys)) => {
                let mut bag = bag.clone();
                for key in keys.iter().filter_map(Value::as_str).filter_map(key_path) {
                    remove_key(&mut bag, &key);
                }
                Value::Object(bag)
            }
            _ => Value::Null,
        },
    },
    Op {
        name: "set_has_element",
        args: D,
        ret: Ret::Bool,
        f: |a| match items(arg(a, 0)) {
            Some(xs) => {
                let wanted = arg(a, 1);
                Value::Bool(
                    xs.iter()
                        .any(|x| x == wanted || (num(x).is_some() && num(x) == num(wanted))),
                )
            }
            None => Value::Null,
        },
    },
    Op {
        name: "treepath",
        args: D,
        ret: Ret::Dynamic,
        f: |a| match arg(a, 0) {
            Value::Null => Value::Null,
            v => {
                let mut out = Vec::new();
                treepath(v, "", &mut out);
                Value::from(out)
            }
        },
    },
    Op {
        name: "bag_merge",
        args: D,
        ret: Ret::Dynamic,
        f: bag_merge,
    },
];

/// Every operation of `kql_coll`.
pub fn ops() -> &'static [Op] {
    OPS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths() {
        assert_eq!(key_path("$.a.b"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(key_path("$['a b'].c"), Some(vec!["a b".into(), "c".into()]));
        assert_eq!(key_path("a.b"), Some(vec!["a.b".into()]));
        assert_eq!(key_path("$"), None);
    }
}
