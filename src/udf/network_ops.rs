//! `kql_net(op, ...)`: IPv4 and IPv6 functions: finding addresses in text (`has_ipv4`, ...),
//! matching and ranges (`ipv4_is_match`, `ipv6_is_in_range`, ...) and formatting.
//!
//! An address argument is text: `a.b.c.d` or an IPv6 address, optionally followed by `/prefix`
//! (the number of leading bits that count). Text that is not a valid address gives null (for a
//! comparison) or `false` (for a search in text).

use std::net::Ipv6Addr;

use serde_json::Value;

use super::rowwise::{Kind, Op, Ret, arg, long, text};

/// An IPv4 address `a.b.c.d` (decimal octets, nothing else).
pub fn parse_ipv4_address(s: &str) -> Option<u32> {
    let mut parts = s.split('.');
    let mut value: u32 = 0;
    for _ in 0..4 {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let octet: u32 = part.parse().ok()?;
        if octet > 255 {
            return None;
        }
        value = (value << 8) | octet;
    }
    parts.next().is_none().then_some(value)
}

/// `a.b.c.d[/prefix]`: the address and its prefix (32 when absent).
pub fn parse_ipv4(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    match s.split_once('/') {
        Some((addr, prefix)) => {
            let prefix: u32 = prefix.trim().parse().ok()?;
            (prefix <= 32).then_some(())?;
            Some((parse_ipv4_address(addr.trim())?, prefix))
        }
        None => Some((parse_ipv4_address(s)?, 32)),
    }
}

fn mask4(prefix: u32) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix.min(32))
    }
}

fn format4(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

/// An address as IPv6 (IPv4 mapped into `::ffff:0:0/96`) and its prefix.
pub fn parse_ipv6(s: &str) -> Option<(u128, u32)> {
    let s = s.trim();
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a.trim(), Some(p.trim().parse::<u32>().ok()?)),
        None => (s, None),
    };
    if let Some(ip) = parse_ipv4_address(addr) {
        let prefix = prefix.unwrap_or(32);
        (prefix <= 32).then_some(())?;
        return Some((0xffff_0000_0000 | u128::from(ip), prefix + 96));
    }
    let v6: Ipv6Addr = addr.parse().ok()?;
    let mut value = u128::from(v6);
    // An IPv4 address written in IPv6 form (`::a.b.c.d`) counts as that IPv4 address.
    if addr.contains('.') && value >> 32 == 0 {
        value |= 0xffff_0000_0000;
    }
    let prefix = prefix.unwrap_or(128);
    (prefix <= 128).then_some(())?;
    Some((value, prefix))
}

fn mask6(prefix: u32) -> u128 {
    if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - prefix.min(128))
    }
}

fn format6(ip: u128) -> String {
    let groups: Vec<String> = (0..8)
        .rev()
        .map(|i| format!("{:04x}", (ip >> (i * 16)) & 0xffff))
        .collect();
    groups.join(":")
}

/// The explicit prefix argument `i`, if given; `Err` when it is given but invalid.
fn prefix_arg(args: &[Value], i: usize, max: u32) -> Result<Option<u32>, ()> {
    match args.get(i) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match long(v) {
            Some(p) if (0..=i64::from(max)).contains(&p) => Ok(Some(p as u32)),
            _ => Err(()),
        },
    }
}

/// -1, 0 or 1 comparing two IPv4 addresses over their common prefix.
fn compare4(args: &[Value]) -> Option<i64> {
    let (a, pa) = parse_ipv4(text(arg(args, 0))?)?;
    let (b, pb) = parse_ipv4(text(arg(args, 1))?)?;
    let explicit = prefix_arg(args, 2, 32).ok()?;
    let prefix = pa.min(pb).min(explicit.unwrap_or(32));
    let m = mask4(prefix);
    Some(match (a & m).cmp(&(b & m)) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    })
}

fn compare6(args: &[Value]) -> Option<i64> {
    let (a, pa) = parse_ipv6(text(arg(args, 0))?)?;
    let (b, pb) = parse_ipv6(text(arg(args, 1))?)?;
    let explicit = prefix_arg(args, 2, 128).ok()?;
    let prefix = pa.min(pb).min(explicit.unwrap_or(128));
    let m = mask6(prefix);
    Some(match (a & m).cmp(&(b & m)) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    })
}

fn in_range4(ip: &str, range: &str) -> Option<bool> {
    let (a, _) = parse_ipv4(ip)?;
    let (r, p) = parse_ipv4(range)?;
    let m = mask4(p);
    Some(a & m == r & m)
}

fn in_range6(ip: &str, range: &str) -> Option<bool> {
    let (a, _) = parse_ipv6(ip)?;
    let (r, p) = parse_ipv6(range)?;
    let m = mask6(p);
    Some(a & m == r & m)
}

/// The strings of arguments `from..`: each a string or an array of strings.
fn string_list(args: &[Value], from: usize) -> Vec<&str> {
    let mut out = Vec::new();
    for v in args.iter().skip(from) {
        match v {
            Value::String(s) => out.push(s.as_str()),
            Value::Array(items) => out.extend(items.iter().filter_map(Value::as_str)),
            _ => {}
        }
    }
    out
}

fn in_any_range(args: &[Value], f: fn(&str, &str) -> Option<bool>) -> Value {
    let Some(ip) = text(arg(args, 0)) else {
        return Value::Null;
    };
    let ranges = string_list(args, 1);
    let mut any_valid = false;
    for range in ranges {
        match f(ip, range) {
            Some(true) => return Value::Bool(true),
            Some(false) => any_valid = true,
            None => {}
        }
    }
    if any_valid {
        Value::Bool(false)
    } else {
        Value::Null
    }
}

/// The valid IPv4 addresses in a text: runs of digits and dots delimited by anything that is
/// not a letter, digit or dot, that are four octets.
pub fn ipv4_addresses(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|run| parse_ipv4_address(run).is_some())
        .filter(move |run| {
            // A run glued to letters (`x127.0.0.1`) is not delimited.
            let start = run.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + run.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

fn matches_prefix(ip: &str, prefix: &str) -> bool {
    if prefix.ends_with('.') {
        ip.starts_with(prefix)
    } else {
        parse_ipv4_address(prefix).is_some() && ip == prefix
    }
}

fn has_any(args: &[Value], by_prefix: bool) -> Value {
    let Some(source) = text(arg(args, 0)) else {
        return Value::Bool(false);
    };
    let wanted = string_list(args, 1);
    Value::Bool(ipv4_addresses(source).any(|ip| {
        wanted.iter().any(|w| {
            if by_prefix {
                matches_prefix(ip, w)
            } else {
                parse_ipv4_address(w).is_some() && ip == *w
            }
        })
    }))
}

/// The CIDR blocks that cover the range `[start, end]` exactly.
fn range_to_cidrs(start: u32, end: u32) -> Vec<String> {
    let mut out = Vec::new();
    let (mut cur, end) = (u64::from(start), u64::from(end));
    while cur <= end {
        let mut size = if cur == 0 {
            32
        } else {
            cur.trailing_zeros().min(32)
        };
        while size > 0 && cur + (1u64 << size) - 1 > end {
            size -= 1;
        }
        out.push(format!("{}/{}", format4(cur as u32), 32 - size));
        cur += 1u64 << size;
    }
    out
}

/// An address argument that may be a long (`format_ipv4(3232235777)`).
fn ipv4_of(v: &Value) -> Option<(u32, u32)> {
    match v {
        Value::String(s) => match s.trim().parse::<u32>() {
            Ok(n) if !s.contains('.') => Some((n, 32)),
            _ => parse_ipv4(s),
        },
        Value::Number(_) => long(v).and_then(|n| u32::try_from(n).ok()).map(|n| (n, 32)),
        _ => None,
    }
}

fn masked4(args: &[Value]) -> Option<(u32, u32)> {
    let (ip, p) = ipv4_of(arg(args, 0))?;
    let explicit = prefix_arg(args, 1, 32).ok()?;
    let prefix = p.min(explicit.unwrap_or(32));
    Some((ip & mask4(prefix), prefix))
}

fn masked6(args: &[Value]) -> Option<(u128, u32)> {
    let (ip, p) = parse_ipv6(text(arg(args, 0))?)?;
    let explicit = prefix_arg(args, 1, 128).ok()?;
    let prefix = p.min(explicit.unwrap_or(128));
    Some((ip & mask6(prefix), prefix))
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

const SD: &[Kind] = &[Kind::Str, Kind::Dynamic];
const SSL: &[Kind] = &[Kind::Str, Kind::Str, Kind::Long];

const OPS: &[Op] = &[
    Op {
        name: "has_ipv4",
        args: SD,
        ret: Ret::Bool,
        f: |a| has_any(a, false),
    },
    Op {
        name: "has_ipv4_prefix",
        args: SD,
        ret: Ret::Bool,
        f: |a| has_any(a, true),
    },
    Op {
        name: "ipv4_is_match",
        args: SSL,
        ret: Ret::Bool,
        f: |a| opt(compare4(a).map(|c| c == 0)),
    },
    Op {
        name: "ipv4_is_in_any_range",
        args: SD,
        ret: Ret::Bool,
        f: |a| in_any_range(a, in_range4),
    },
    Op {
        name: "ipv6_compare",
        args: SSL,
        ret: Ret::Long,
        f: |a| opt(compare6(a)),
    },
    Op {
        name: "ipv6_is_match",
        args: SSL,
        ret: Ret::Bool,
        f: |a| opt(compare6(a).map(|c| c == 0)),
    },
    Op {
        name: "ipv6_is_in_range",
        args: &[Kind::Str],
        ret: Ret::Bool,
        f: |a| match (text(arg(a, 0)), text(arg(a, 1))) {
            (Some(ip), Some(range)) => opt(in_range6(ip, range)),
            _ => Value::Null,
        },
    },
    Op {
        name: "ipv6_is_in_any_range",
        args: SD,
        ret: Ret::Bool,
        f: |a| in_any_range(a, in_range6),
    },
    Op {
        name: "format_ipv4",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Str,
        f: |a| Value::String(masked4(a).map_or(String::new(), |(ip, _)| format4(ip))),
    },
    Op {
        name: "format_ipv4_mask",
        args: &[Kind::Dynamic, Kind::Long],
        ret: Ret::Str,
        f: |a| {
            Value::String(
                masked4(a).map_or(String::new(), |(ip, p)| format!("{}/{p}", format4(ip))),
            )
        },
    },
    Op {
        name: "ipv4_range_to_cidr_list",
        args: &[Kind::Str],
        ret: Ret::Dynamic,
        f: |a| {
            let start = text(arg(a, 0)).and_then(parse_ipv4_address);
            let end = text(arg(a, 1)).and_then(parse_ipv4_address);
            match (start, end) {
                (Some(s), Some(e)) if s <= e => Value::from(range_to_cidrs(s, e)),
                _ => Value::Null,
            }
        },
    },
    Op {
        name: "parse_ipv6",
        args: &[Kind::Str],
        ret: Ret::Str,
        f: |a| opt(masked6(a).map(|(ip, _)| format6(ip))),
    },
    Op {
        name: "parse_ipv6_mask",
        args: &[Kind::Str, Kind::Long],
        ret: Ret::Str,
        f: |a| {
            // The mask applies to the IPv4 bits of an IPv4 address.
            let Some(t) = text(arg(a, 0)) else {
                return Value::Null;
            };
            let is_v4 = parse_ipv4(t).is_some();
            let mut args = a.to_vec();
            if is_v4 && let Some(p) = args.get(1).and_then(long) {
                args[1] = Value::from((p + 96).min(128));
            }
            opt(masked6(&args).map(|(ip, _)| format6(ip)))
        },
    },
];

/// Every operation of `kql_net`.
pub fn ops() -> &'static [Op] {
    OPS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_text() {
        let found: Vec<&str> =
            ipv4_addresses("05:04:54 127.0.0.1 GET 10.0.0.256 x1.2.3.4 (8.8.8.8)").collect();
        assert_eq!(found, vec!["127.0.0.1", "8.8.8.8"]);
        assert_eq!(ipv4_addresses("05:04:54127.0.0.1 GET").count(), 0);
    }

    #[test]
    fn cidr_cover() {
        let start = parse_ipv4_address("1.1.128.0").unwrap_or(0);
        let end = parse_ipv4_address("1.1.140.255").unwrap_or(0);
        assert_eq!(
            range_to_cidrs(start, end),
            vec!["1.1.128.0/21", "1.1.136.0/22", "1.1.140.0/24"]
        );
        assert_eq!(range_to_cidrs(0, u32::MAX), vec!["0.0.0.0/0"]);
    }

    #[test]
    fn ipv6_forms() {
        let (v, p) = parse_ipv6("192.168.255.255/24").unwrap_or((0, 0));
        assert_eq!(p, 120);
        assert_eq!(
            format6(v & mask6(p)),
            "0000:0000:0000:0000:0000:ffff:c0a8:ff00"
        );
        assert_eq!(
            parse_ipv6("::192.168.1.1").map(|x| x.0),
            parse_ipv6("192.168.1.1").map(|x| x.0)
        );
        assert!(parse_ipv6("fe80::1/129").is_none());
    }
}
