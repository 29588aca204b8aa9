//! The REPL driven through a pseudo-terminal, as a user drives it: a multi-line query, Tab
//! completion of a column and of a `RawEventData` path, an error with its caret, Ctrl-C during a
//! long query, history across two sessions; and the non-interactive mode over a script.
//!
//! Every expected figure comes from the engine run on the same lake, never from a literal.
//! Timeouts are generous (a loaded 2-core CI machine).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use expectrl::session::OsSession as Session;
use expectrl::{ControlCode, Expect, Regex};
use kqlhunt::engine::{self, QueryOptions};
use kqlhunt::lake::Lake;

const TIMEOUT: Duration = Duration::from_secs(30);

/// The sample ingested once into a lake shared by these tests (kept for the process's life).
fn lake() -> &'static Path {
    static LAKE: OnceLock<PathBuf> = OnceLock::new();
    LAKE.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("kqlhunt-repl-test")
            .tempdir()
            .expect("tempdir")
            .keep();
        let lake = dir.join("lake");
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/capture");
        runtime().block_on(crate::support::ingest(&[&sample], &lake));
        lake
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// The text of the only cell of `query`'s result, from the engine.
fn scalar(query: &str) -> String {
    let lake = lake();
    runtime().block_on(async {
        let ctx = Lake::open(lake)
            .await
            .expect("lake")
            .session()
            .await
            .expect("session");
        let result = engine::run_query(&ctx, query, &QueryOptions::default())
            .await
            .unwrap_or_else(|d| panic!("{}", d.render(query)));
        let rows = result.text_rows();
        assert_eq!(rows.len(), 1, "{query}");
        rows[0][0].clone()
    })
}

/// The binary under test (`KQLHUNT_BIN` overrides it, for a target directory that several
/// checkouts share).
fn binary() -> PathBuf {
    std::env::var_os("KQLHUNT_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_kqlhunt")))
}

/// `kqlhunt repl` on the test lake in a pseudo-terminal, at its first prompt.
fn repl(history: &Path) -> Session {
    let mut cmd = Command::new(binary());
    cmd.args(["repl", "--lake"])
        .arg(lake())
        .env("KQLHUNT_HISTORY", history)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env_remove("KQLHUNT_LAKE");
    let mut session = Session::spawn(cmd).expect("spawn kqlhunt repl");
    session.set_expect_timeout(Some(TIMEOUT));
    session.expect("kql> ").expect("first prompt");
    session
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Waits for `text`, with what was seen so far in the failure message.
fn wait(session: &mut Session, pattern: &str) -> String {
    match session.expect(Regex(pattern)) {
        Ok(found) => {
            String::from_utf8_lossy(found.before()).into_owned()
                + &String::from_utf8_lossy(found.get(0).unwrap_or_default())
        }
        Err(e) => panic!("waiting for /{pattern}/: {e}"),
    }
}

#[test]
fn multi_line_query_runs_when_complete() {
    let expected = scalar("CloudAuditEvents | where OperationName == 'create' | count");
    let dir = scratch();
    let mut s = repl(&dir.path().join("history"));
    s.send_line("CloudAuditEvents |").unwrap();
    s.send_line("  where OperationName == 'create' |").unwrap();
    s.send_line("  count").unwrap();
    let out = wait(&mut s, r"\(1 row");
    assert!(
        out.contains(&expected),
        "the count {expected} is not in:\n{out}"
    );
    // Kusto's style, `|` at the start of each line: an empty line runs it.
    s.send_line("CloudAuditEvents").unwrap();
    s.send_line("| where OperationName == 'create'").unwrap();
    s.send_line("| count").unwrap();
    s.send_line("").unwrap();
    let out = wait(&mut s, r"\(1 row");
    assert!(
        out.contains(&expected),
        "the count {expected} is not in:\n{out}"
    );
    // Ctrl-D at the prompt (typed earlier, the terminal's line discipline would take it).
    wait(&mut s, "kql> ");
    s.send(ControlCode::EndOfTransmission).unwrap();
    s.expect(expectrl::Eof).expect("Ctrl-D leaves");
}

#[test]
fn tab_completes_a_column_and_a_raw_event_data_path() {
    let expected_create = scalar("CloudAuditEvents | where OperationName == 'create' | count");
    let expected_pods = scalar(
        "CloudAuditEvents | where tostring(RawEventData.ObjectRef.resource) == 'pods' | count",
    );
    let dir = scratch();
    let mut s = repl(&dir.path().join("history"));
    // A column of the pipeline typed so far.
    s.send("CloudAuditEvents | where OperationNa\t").unwrap();
    wait(&mut s, "OperationName");
    s.send_line(" == 'create' | count").unwrap();
    let out = wait(&mut s, r"\(1 row");
    assert!(
        out.contains(&expected_create),
        "{expected_create} not in:\n{out}"
    );
    // A JSON path that exists in the lake's RawEventData.
    s.send("CloudAuditEvents | where tostring(RawEventData.ObjectRef.resou\t")
        .unwrap();
    wait(&mut s, "RawEventData.ObjectRef.resource");
    s.send_line(") == 'pods' | count").unwrap();
    let out = wait(&mut s, r"\(1 row");
    assert!(
        out.contains(&expected_pods),
        "{expected_pods} not in:\n{out}"
    );
    s.send_line(".quit").unwrap();
    s.expect(expectrl::Eof).expect(".quit leaves");
}

#[test]
fn errors_show_the_query_with_a_caret_and_the_code() {
    let dir = scratch();
    let mut s = repl(&dir.path().join("history"));
    // A session `let` does not shift the error's line: the caret is under the user's text.
    s.send_line("let n = 5;").unwrap();
    wait(&mut s, "defined n");
    s.send_line("CloudAuditEvents | take n | where OperationNam == 'x'")
        .unwrap();
    let out = wait(&mut s, r"\^+");
    assert!(out.contains("error[KQL0"), "no code in:\n{out}");
    assert!(
        out.contains("1 | CloudAuditEvents | take n | where OperationNam"),
        "the query line is not shown as line 1:\n{out}"
    );
    let caret_line = out.lines().last().unwrap_or_default();
    let query_line = out
        .lines()
        .find(|l| l.contains("1 | CloudAuditEvents"))
        .unwrap_or_default();
    let caret_col = caret_line.find('^').unwrap_or(0);
    assert_eq!(
        query_line.get(caret_col..caret_col + 13),
        Some("OperationNam "),
        "the caret is not under the unknown column:\n{out}"
    );
    // The REPL goes on.
    s.send_line("print x = 6 * 7").unwrap();
    let out = wait(&mut s, r"\(1 row");
    assert!(out.contains("42"), "{out}");
}

#[test]
fn ctrl_c_cancels_a_running_query_and_the_repl_stays() {
    let dir = scratch();
    let mut s = repl(&dir.path().join("history"));
    // Ten million generated rows: many seconds, even on a fast machine.
    s.send_line(
        "range x from 1 to 100000 step 1 \
         | mv-expand y = dynamic([1,2,3,4,5,6,7,8,9,10]) \
         | mv-expand z = dynamic([1,2,3,4,5,6,7,8,9,10]) \
         | extend s = strcat(x, '-', y, '-', z) | summarize dcount(s)",
    )
    .unwrap();
    // Let it run, then interrupt.
    std::thread::sleep(Duration::from_millis(1500));
    s.send(ControlCode::EndOfText).unwrap();
    wait(&mut s, "query cancelled after");
    wait(&mut s, "kql> ");
    s.send_line("print y = 'still here'").unwrap();
    let out = wait(&mut s, r"\(1 row");
    assert!(out.contains("still here"), "{out}");
}

#[test]
fn history_survives_across_sessions() {
    let dir = scratch();
    let history = dir.path().join("history");
    let mut first = repl(&history);
    first.send_line("print marker = 4100 + 17").unwrap();
    wait(&mut first, r"\(1 row");
    wait(&mut first, "kql> ");
    first.send(ControlCode::EndOfTransmission).unwrap();
    first.expect(expectrl::Eof).expect("Ctrl-D leaves");

    let mut second = repl(&history);
    // Ctrl-R searches the history of the first session.
    second.send("\x12marker").unwrap();
    wait(&mut second, "print marker = 4100 \\+ 17");
    second.send("\r").unwrap();
    let out = wait(&mut second, r"\(1 row");
    assert!(out.contains("4117"), "{out}");
}

#[test]
fn a_script_on_standard_input_runs_without_prompts_or_colours() {
    let expected = scalar("CloudAuditEvents | where OperationName == 'delete' | count");
    let files = scratch();
    let saved = files.path().join("saved.csv");
    let script = format!(
        ".format csv\n.output {}\nprint saved = 'to the file'\n.output\nlet op = 'delete';\nCloudAuditEvents\n| where OperationName == op\n| count\n\nprint z = 1 +\n",
        saved.display()
    );
    let out = Command::new(binary())
        .args(["repl", "--lake"])
        .arg(lake())
        .env("KQLHUNT_HISTORY", scratch().path().join("h"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(script.as_bytes())?;
            child.wait_with_output()
        })
        .expect("run kqlhunt repl");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stdout,
        format!("Count\r\n{expected}\r\n"),
        "stderr:\n{stderr}"
    );
    assert!(!stdout.contains("kql>") && !stdout.contains('\x1b'));
    assert_eq!(
        std::fs::read_to_string(&saved).expect(".output wrote the file"),
        "saved\r\nto the file\r\n"
    );
    // The broken last statement fails the run, with its diagnostic.
    assert!(stderr.contains("error[KQL0"), "{stderr}");
    assert!(!out.status.success());
}
