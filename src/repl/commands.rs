//! The REPL's dot-commands.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::engine::Format;

/// Every command with its one-line help.
pub const COMMANDS: &[(&str, &str)] = &[
    (".help", "this list"),
    (".tables", "the lake's tables and views"),
    (
        ".schema",
        ".schema T: the columns of table T and their types",
    ),
    (
        ".explain",
        ".explain [query]: how a query (default: the last one) is planned",
    ),
    (
        ".format",
        ".format table|csv|json|ndjson: how results print",
    ),
    (
        ".output",
        ".output FILE: results go to FILE; .output: back to the screen",
    ),
    (
        ".timing",
        ".timing on|off: show the elapsed time after each query",
    ),
    (
        ".now",
        ".now <datetime>|off: fix now() (and ago()) for archive hunts",
    ),
    (".maxrows", ".maxrows N: print at most N rows of a result"),
    (".lets", "the let statements defined in this session"),
    (".lake", ".lake DIR: open another lake"),
    (".quit", "leave (Ctrl-D too)"),
];

/// A parsed dot-command.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Help,
    Tables,
    Schema(String),
    Explain(Option<String>),
    Format(Format),
    Output(Option<PathBuf>),
    Timing(bool),
    Now(Option<DateTime<Utc>>),
    MaxRows(usize),
    Lets,
    Lake(PathBuf),
    Quit,
}

/// Parses a line starting with `.`; the error says what is wrong.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim().trim_end_matches(';').trim();
    let (name, arg) = match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim()),
        None => (line, ""),
    };
    let needs = |what: &str| -> Result<&str, String> {
        if arg.is_empty() {
            Err(format!("{name} needs {what}"))
        } else {
            Ok(arg)
        }
    };
    let on_off = |arg: &str| match arg {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{name} takes on or off")),
    };
    Ok(match name {
        ".help" | ".h" | ".?" => Command::Help,
        ".tables" => Command::Tables,
        ".schema" => Command::Schema(needs("a table name")?.to_string()),
        ".explain" => Command::Explain((!arg.is_empty()).then(|| arg.to_string())),
        ".format" => Command::Format(needs("table, csv, json or ndjson")?.parse()?),
        ".output" => Command::Output((!arg.is_empty()).then(|| PathBuf::from(arg))),
        ".timing" => Command::Timing(on_off(needs("on or off")?)?),
        ".now" => match needs("a datetime or off")? {
            "off" => Command::Now(None),
            text => Command::Now(Some(
                crate::value::parse_datetime(text)
                    .and_then(DateTime::from_timestamp_micros)
                    .ok_or_else(|| {
                        format!("`{text}` is not a datetime (try 2026-11-22T00:00:00Z)")
                    })?,
            )),
        },
        ".maxrows" => Command::MaxRows(
            needs("a number")?
                .parse()
                .map_err(|_| format!("`{arg}` is not a number"))?,
        ),
        ".lets" => Command::Lets,
        ".lake" => Command::Lake(PathBuf::from(needs("a lake directory")?)),
        ".quit" | ".exit" | ".q" => Command::Quit,
        other => {
            let names: Vec<&str> = COMMANDS.iter().map(|(n, _)| *n).collect();
            let suggestion = crate::diagnostic::did_you_mean(other, names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(format!(
                "unknown command `{other}`{suggestion} (.help lists them)"
            ));
        }
    })
}

/// The `.help` text.
pub fn help() -> String {
    let mut out = String::from(
        "Type KQL and press Enter. A line ending in `|` (or an open bracket or quote) continues;\n\
         an empty line or `;` runs what you typed. `let` statements entered alone stay defined.\n\
         Tab completes tables, operators, columns, RawEventData paths and functions; Ctrl-R\n\
         searches history; Ctrl-C cancels a running query; Ctrl-D leaves.\n\n",
    );
    for (name, text) in COMMANDS {
        out.push_str(&format!("  {name:<9} {text}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_and_explains_mistakes() {
        assert_eq!(parse(".format csv"), Ok(Command::Format(Format::Csv)));
        assert_eq!(parse(".output"), Ok(Command::Output(None)));
        assert_eq!(parse(".timing off"), Ok(Command::Timing(false)));
        assert_eq!(
            parse(".schema CloudAuditEvents"),
            Ok(Command::Schema("CloudAuditEvents".into()))
        );
        assert!(matches!(
            parse(".now 2026-11-20T10:00:00Z"),
            Ok(Command::Now(Some(_)))
        ));
        assert_eq!(parse(".now off"), Ok(Command::Now(None)));
        assert!(parse(".format xml").unwrap_err().contains("unknown format"));
        assert!(
            parse(".tabels")
                .unwrap_err()
                .contains("did you mean `.tables`")
        );
        assert!(parse(".schema").unwrap_err().contains("needs a table name"));
    }
}
