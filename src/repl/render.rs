//! Results as a table that fits the terminal: columns shrink (widest first) until the table is
//! no wider than the terminal, long cells end in `…`, and a footer says how many rows were
//! left out.

/// The narrowest a shrunk column gets (a narrower column keeps its own width).
const MIN_WIDTH: usize = 10;
/// The widest a column gets even on a wide terminal.
const MAX_WIDTH: usize = 120;
const GAP: &str = "  ";

/// The terminal's width in columns (`COLUMNS` if set, else the tty's, else 120).
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    #[cfg(unix)]
    {
        for fd in [libc::STDOUT_FILENO, libc::STDERR_FILENO, libc::STDIN_FILENO] {
            // SAFETY: TIOCGWINSZ writes a winsize struct into the one we pass; fd is a plain
            // file descriptor number, and a failure leaves the struct zeroed.
            let mut size: libc::winsize = unsafe { std::mem::zeroed() };
            let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0;
            if ok && size.ws_col > 0 {
                return usize::from(size.ws_col);
            }
        }
    }
    120
}

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// `text` on one line, cut to `width` characters with `…`.
pub fn fit(text: &str, width: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if width_of(&one_line) <= width {
        return one_line;
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = one_line.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// Column widths for `header` and `rows` within `total` characters.
pub fn widths(header: &[String], rows: &[Vec<String>], total: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| width_of(h).min(MAX_WIDTH)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width_of(cell).min(MAX_WIDTH));
        }
    }
    loop {
        let gaps = GAP.len() * widths.len().saturating_sub(1);
        let used: usize = widths.iter().sum::<usize>() + gaps;
        if used <= total {
            break;
        }
        let Some((widest, w)) = widths
            .iter()
            .copied()
            .enumerate()
            .max_by_key(|(i, w)| (*w, usize::MAX - i))
        else {
            break;
        };
        if w <= MIN_WIDTH {
            // Every column is as narrow as it gets: drop columns from the right.
            if widths.len() > 1 {
                widths.pop();
                continue;
            }
            break;
        }
        let second = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != widest)
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(MIN_WIDTH);
        let excess = used - total;
        let target = w.saturating_sub(excess).max(second).max(MIN_WIDTH);
        widths[widest] = if target < w { target } else { w - 1 };
    }
    widths
}

/// The table: header, rule, rows; at most `total` characters wide. Columns shrink (widest first)
/// down to [`MIN_WIDTH`]; past that, the rightmost columns are left out and a last line says how
/// many.
pub fn table(header: &[String], rows: &[Vec<String>], total: usize) -> String {
    let widths = widths(header, rows, total);
    let shown = widths.len();
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.push_str(GAP);
            }
            let text = fit(cell, *w);
            let pad = w - width_of(&text);
            out.push_str(&text);
            if i + 1 < shown {
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in rows {
        out.push_str(&line(row));
    }
    if shown < header.len() {
        let left_out = header.len() - shown;
        out.push_str(&format!(
            "({left_out} more column{} not shown: {}; `project` the ones you need)\n",
            if left_out == 1 { "" } else { "s" },
            fit(
                &header[shown..].join(", "),
                total.saturating_sub(60).max(20)
            )
        ));
    }
    out
}

/// `1 row`, `3 rows`.
pub fn rows_text(n: usize) -> String {
    format!("{n} row{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn fits_the_width_by_shrinking_the_widest_column() {
        let header = s(&["Verb", "RequestUri", "Code"]);
        let rows = vec![s(&[
            "create",
            &"/api/v1/namespaces/default/pods/x".repeat(3),
            "201",
        ])];
        let out = table(&header, &rows, 50);
        for line in out.lines() {
            assert!(width_of(line) <= 50, "{line:?} is wider than 50");
        }
        assert!(out.contains('…'));
        assert!(out.contains("create") && out.contains("201"));
        // Too many columns for the width: the rightmost are left out, and the table says so.
        let many: Vec<String> = (0..30).map(|i| format!("Column{i}")).collect();
        let row: Vec<String> = (0..30).map(|i| format!("value-{i}-long-enough")).collect();
        let out = table(&many, &[row], 80);
        for line in out.lines() {
            assert!(width_of(line) <= 80, "{line:?} is wider than 80");
        }
        assert!(out.contains("Column0") && !out.contains("Column29  "));
        assert!(out.contains("more columns not shown: Column"), "{out}");
        // Wide enough: nothing is cut.
        let wide = table(&header, &rows, 200);
        assert!(!wide.contains('…'));
    }

    #[test]
    fn cells_are_one_line() {
        assert_eq!(fit("a\nb", 10), "a b");
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
