//! IPv4 UDFs: parsing (with an optional `/prefix`), comparison under a prefix, range membership
//! and private ranges.

use super::json_path;
use super::support::{KqlUdf, boolean, const_string, int64, text_rows_bool, text_rows_i64};

/// An address with its prefix length (32 when none): `192.168.1.1/24`.
pub(crate) fn parse_ipv4_prefix(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let (address, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, p.trim().parse::<u32>().ok().filter(|p| *p <= 32)?),
        None => (text, 32),
    };
    let octets: Vec<&str> = address.split('.').collect();
    if octets.len() != 4 {
        return None;
    }
    let mut value = 0u32;
    for o in octets {
        if o.is_empty() || o.len() > 3 || !o.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        value = (value << 8) | o.parse::<u8>().ok()? as u32;
    }
    Some((value, prefix))
}

fn mask(prefix: u32) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

/// `kql_parse_ipv4(text)`: the address as a long, masked by its prefix; null when invalid.
pub fn parse_ipv4() -> KqlUdf {
    KqlUdf::new("kql_parse_ipv4", int64, None, |args| {
        text_rows_i64(args, |v| {
            let (ip, prefix) = parse_ipv4_prefix(v[0]?)?;
            Some(i64::from(ip & mask(prefix)))
        })
    })
}

/// `kql_ipv4_compare(a, b[, prefix])`: -1, 0 or 1 comparing the addresses under the smallest
/// of their prefixes and the given one; null when one is invalid.
pub fn ipv4_compare() -> KqlUdf {
    KqlUdf::new("kql_ipv4_compare", int64, None, |args| {
        text_rows_i64(args, |v| {
            let (a, pa) = parse_ipv4_prefix(v[0]?)?;
            let (b, pb) = parse_ipv4_prefix(v[1]?)?;
            let mut prefix = pa.min(pb);
            if let Some(p) = v.get(2) {
                prefix = prefix.min((*p)?.trim().parse::<u32>().ok().filter(|p| *p <= 32)?);
            }
            let m = mask(prefix);
            Some((a & m).cmp(&(b & m)) as i64)
        })
    })
}

/// `kql_ipv4_is_in_range(address, range)`: whether the address is in the `a.b.c.d/n` range.
pub fn ipv4_is_in_range() -> KqlUdf {
    KqlUdf::new("kql_ipv4_is_in_range", boolean, None, |args| {
        text_rows_bool(args, |v| {
            let (ip, _) = parse_ipv4_prefix(v[0]?)?;
            let (range, prefix) = parse_ipv4_prefix(v[1]?)?;
            let m = mask(prefix);
            Some(ip & m == range & m)
        })
    })
}

/// `kql_ipv4_is_private(address)`: whether the address (or whole `/n` range) lies in
/// 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.
pub fn ipv4_is_private() -> KqlUdf {
    KqlUdf::new("kql_ipv4_is_private", boolean, None, |args| {
        text_rows_bool(args, |v| {
            let (ip, prefix) = parse_ipv4_prefix(v[0]?)?;
            let ranges = [(0x0A00_0000u32, 8u32), (0xAC10_0000, 12), (0xC0A8_0000, 16)];
            Some(
                ranges
                    .iter()
                    .any(|(net, n)| prefix >= *n && ip & mask(*n) == *net),
            )
        })
    })
}

/// The strings of dynamic arguments: a string is one, an array gives its string elements.
fn strings_of(args: &[Option<&str>]) -> Vec<String> {
    let mut out = Vec::new();
    for json in args.iter().flatten() {
        let json = json.trim();
        if json.starts_with('[') {
            if let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(json) {
                out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string)));
            }
        } else {
            out.push(json_path::to_text(Some(json)).into_owned());
        }
    }
    out
}

/// `kql_ipv4_is_in_any_range(address, range_json, ...)`: whether the address is in one of the
/// ranges (strings or arrays of strings).
pub fn ipv4_is_in_any_range() -> KqlUdf {
    KqlUdf::new("kql_ipv4_is_in_any_range", boolean, None, |args| {
        text_rows_bool(args, |v| {
            let (ip, _) = parse_ipv4_prefix(v[0]?)?;
            Some(strings_of(&v[1..]).iter().any(|r| {
                parse_ipv4_prefix(r).is_some_and(|(range, prefix)| {
                    let m = mask(prefix);
                    ip & m == range & m
                })
            }))
        })
    })
}

/// The valid IPv4 addresses of a text: maximal runs of digits and dots that are addresses.
pub(crate) fn addresses_in(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|run| run.trim_end_matches('.'))
        .filter(|run| parse_ipv4_prefix(run).is_some_and(|(_, p)| p == 32))
        .collect()
}

/// `kql_has_ipv4(text, mode, ip_json, ...)`: whether the text holds one of the addresses
/// (`exact`) or an address starting with one of the prefixes (`prefix`), delimited by anything but
/// digits and dots.
pub fn has_ipv4() -> KqlUdf {
    KqlUdf::new("kql_has_ipv4", boolean, None, |args| {
        let prefix = const_string(args, 1, "the match mode")? == "prefix";
        text_rows_bool(args, |v| {
            let wanted = strings_of(&v[2..]);
            let found = addresses_in(v[0].unwrap_or(""));
            Some(found.iter().any(|ip| {
                wanted.iter().any(|w| {
                    if prefix {
                        (w.ends_with('.') || parse_ipv4_prefix(w).is_some())
                            && ip.starts_with(w.as_str())
                    } else {
                        ip == w
                    }
                })
            }))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_addresses_and_prefixes() {
        assert_eq!(parse_ipv4_prefix("192.168.1.1"), Some((3_232_235_777, 32)));
        assert_eq!(
            parse_ipv4_prefix("192.168.1.1/24"),
            Some((3_232_235_777, 24))
        );
        assert_eq!(parse_ipv4_prefix("192.168.1.256"), None);
        assert_eq!(parse_ipv4_prefix("1.2.3"), None);
        assert_eq!(mask(24), 0xFFFF_FF00);
        assert_eq!(mask(0), 0);
    }

    #[test]
    fn finds_delimited_addresses() {
        assert_eq!(addresses_in("05:04:54 127.0.0.1 GET"), vec!["127.0.0.1"]);
        assert!(addresses_in("05:04:54127.0.0.1 GET").is_empty());
        assert!(addresses_in("x 127.0.0.256 y").is_empty());
    }
}
