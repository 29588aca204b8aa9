//! `scan`, end to end: step programs over in-memory tables, batch boundaries, `partition`, and
//! the errors of the planner.

use datafusion::arrow::array::Int64Array;

use super::*;

/// The rows of a query over [`batched_session`].
async fn batched_rows(text: &str) -> Vec<String> {
    let ctx = batched_session();
    run(&ctx, text)
        .await
        .text_rows()
        .into_iter()
        .map(|r| r.join(" | "))
        .collect()
}

/// `x` from 1 to 10 with `g` "odd" or "even": `Seq` is one partition of three batches (1-4, 5-8,
/// 9-10); `Split` holds the same batches in two partitions, out of order.
fn batched_session() -> SessionContext {
    let ctx = session();
    let schema = Arc::new(Schema::new(vec![
        Field::new("x", DataType::Int64, false),
        Field::new("g", DataType::Utf8, false),
    ]));
    let batch = |xs: std::ops::RangeInclusive<i64>| {
        let xs: Vec<i64> = xs.collect();
        let gs: Vec<&str> = xs
            .iter()
            .map(|x| if x % 2 == 1 { "odd" } else { "even" })
            .collect();
        RecordBatch::try_new(
            Arc::clone(&schema),
            vec![
                Arc::new(Int64Array::from(xs)),
                Arc::new(StringArray::from(gs)),
            ],
        )
    };
    let tables = (|| -> Result<_, DataFusionError> {
        let (a, b, c) = (batch(1..=4)?, batch(5..=8)?, batch(9..=10)?);
        let seq = MemTable::try_new(
            Arc::clone(&schema),
            vec![vec![a.clone(), b.clone(), c.clone()]],
        )?;
        let split = MemTable::try_new(Arc::clone(&schema), vec![vec![c, a], vec![b]])?;
        Ok((seq, split))
    })();
    match tables {
        Ok((seq, split)) => {
            // `bare` keeps the names' case (a plain string is lower-cased).
            let bare = datafusion::common::TableReference::bare;
            let _ = ctx.register_table(bare("Seq"), Arc::new(seq));
            let _ = ctx.register_table(bare("Split"), Arc::new(split));
        }
        Err(e) => panic!("test tables: {e}"),
    }
    ctx
}

#[tokio::test]
async fn cumulative_sum() {
    assert_eq!(
        rows("range x from 1 to 5 step 1 | scan declare (c:long = 0) with (step s1: true => c = x + s1.c;)").await,
        vec!["1 | 1", "2 | 3", "3 | 6", "4 | 10", "5 | 15"]
    );
    // Without a default, the first record reads null.
    assert_eq!(
        rows("range x from 1 to 3 step 1 | scan declare (c:long) with (step s1: true => c = x + s1.c;)").await,
        vec!["1 | ", "2 | ", "3 | "]
    );
    // An input column can be assigned (a real truncates to the column's type).
    assert_eq!(
        names("range x from 1 to 3 step 1 | scan with (step s: true => x = s.x + x * 1.5;)").await,
        vec!["x"]
    );
    assert_eq!(
        rows("range x from 1 to 3 step 1 | scan with (step s: true => x = s.x + x * 1.5;)").await,
        vec!["", "", ""]
    );
    assert_eq!(
        rows(
            "range x from 1 to 3 step 1 | scan with (step s: true => x = coalesce(s.x, 0) + x * 2;)"
        )
        .await,
        vec!["2", "6", "12"]
    );
}

#[tokio::test]
async fn fill_forward() {
    let query = r#"datatable(Ts:timespan, Event:string) [0m, "A", 1m, "", 2m, "B", 3m, "", 4m, ""]
        | sort by Ts asc
        | scan declare (Filled:string = "") with (step s1: true => Filled = iff(isempty(Event), s1.Filled, Event);)"#;
    assert_eq!(
        rows(query).await,
        vec![
            "00:00:00 | A | A",
            "00:01:00 |  | A",
            "00:02:00 | B | B",
            "00:03:00 |  | B",
            "00:04:00 |  | B"
        ]
    );
}

#[tokio::test]
async fn sessions_with_match_ids() {
    let query = r#"datatable(Ts:timespan, Event:string) [0m, "A", 1m, "A", 2m, "B", 3m, "D", 32m, "B", 36m, "C", 38m, "D", 41m, "E", 75m, "A"]
        | sort by Ts asc
        | scan with_match_id=session_id declare (sessionStart:timespan) with (
            step inSession: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
            step endSession output=none: Ts - inSession.sessionStart > 30m;
        )"#;
    assert_eq!(
        names(query).await,
        vec!["Ts", "Event", "sessionStart", "session_id"]
    );
    assert_eq!(
        rows(query).await,
        vec![
            "00:00:00 | A | 00:00:00 | 0",
            "00:01:00 | A | 00:00:00 | 0",
            "00:02:00 | B | 00:00:00 | 0",
            "00:03:00 | D | 00:00:00 | 0",
            "00:32:00 | B | 00:32:00 | 1",
            "00:36:00 | C | 00:32:00 | 1",
            "00:38:00 | D | 00:32:00 | 1",
            "00:41:00 | E | 00:32:00 | 1",
            "01:15:00 | A | 01:15:00 | 2"
        ]
    );
}

#[tokio::test]
async fn sequences_between_start_and_stop() {
    let query = r#"datatable(Ts:timespan, Event:string) [0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop"]
        | sort by Ts asc
        | scan with_match_id=m with (
            step s1: Event == "Start";
            step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
            step s3: Event == "Stop" and Ts - s1.Ts <= 5m;
        )"#;
    assert_eq!(
        rows(query).await,
        vec![
            "00:01:00 | Start | 0",
            "00:02:00 | B | 0",
            "00:03:00 | D | 0",
            "00:04:00 | Stop | 0",
            "00:08:00 | Start | 1",
            "00:11:00 | E | 1",
            "00:12:00 | Stop | 1"
        ]
    );
}

#[tokio::test]
async fn output_none_and_last() {
    // `a` outputs only the last record of each run of matches, when the run ends.
    let query = "datatable(x:long) [1, 2, 3, 10, 11, 4, 12]
        | scan with_match_id=m declare (s:long) with (
            step a output=last: x < 10 => s = x;
            step b: x >= 10 => s = a.s;
        )";
    assert_eq!(
        rows(query).await,
        vec![
            "3 | 3 | 0",
            "10 | 3 | 0",
            "11 | 3 | 0",
            "4 | 4 | 1",
            "12 | 4 | 1"
        ]
    );
    // A run still going when the input ends is output at the end.
    assert_eq!(
        rows("datatable(x:long) [1, 2, 10, 3, 4] | scan with (step a output=last: x < 10; step b output=none: x >= 10;)").await,
        vec!["2", "4"]
    );
    // A record matching several steps is output once per step, the last step first.
    assert_eq!(
        rows("datatable(x:long) [1, 2] | scan declare (n:long) with (step a: true => n = 1; step b: true => n = 2;)").await,
        vec!["1 | 1", "2 | 2", "2 | 1"]
    );
}

#[tokio::test]
async fn optional_steps() {
    // `b` may be skipped: `c` then continues the sequence of `a`, with `b`'s values null.
    let query = "datatable(x:long) [1, 3, 1, 2, 3, 2, 3]
        | scan with_match_id=m declare (via:long) with (
            step a: x == 1;
            step b optional: x == 2;
            step c: x == 3 => via = b.x;
        )";
    assert_eq!(
        rows(query).await,
        vec![
            "1 |  | 0",
            "3 |  | 0",
            "1 |  | 1",
            "2 |  | 1",
            "3 | 2 | 1",
            "3 | 2 | 1"
        ]
    );
}

#[tokio::test]
async fn batches_are_one_sequence() {
    let expected = vec![
        "1 | 1", "2 | 3", "3 | 6", "4 | 10", "5 | 15", "6 | 21", "7 | 28", "8 | 36", "9 | 45",
        "10 | 55",
    ];
    let sum = "scan declare (c:long = 0) with (step s: true => c = s.c + x;) | project x, c";
    assert_eq!(batched_rows(&format!("Seq | {sum}")).await, expected);
    // Several input partitions, in order after `sort`.
    assert_eq!(
        batched_rows(&format!("Split | sort by x asc | {sum}")).await,
        expected
    );
    // Sessions of 3 across batch boundaries (4 | 5 and 8 | 9).
    let query = "Seq | scan with_match_id=m declare (start:long) with (
            step a: true => start = iff(isnull(a.start), x, a.start);
            step b output=none: x - a.start >= 3;
        ) | project x, start, m";
    assert_eq!(
        batched_rows(query).await,
        vec![
            "1 | 1 | 0",
            "2 | 1 | 0",
            "3 | 1 | 0",
            "4 | 4 | 1",
            "5 | 4 | 1",
            "6 | 4 | 1",
            "7 | 7 | 2",
            "8 | 7 | 2",
            "9 | 7 | 2",
            "10 | 10 | 3"
        ]
    );
    // A pending `output=last` record crosses the batch boundaries.
    assert_eq!(
        batched_rows("Seq | scan with (step a output=last: x != 6 and x != 9; step b output=none: x == 6 or x == 9;) | project x").await,
        vec!["5", "8", "10"]
    );
}

#[tokio::test]
async fn one_state_per_partition() {
    let query = "Seq | partition by g (scan with_match_id=m declare (c:long = 0) with (step s: true => c = s.c + x;))
        | sort by g asc, x asc | project g, x, c, m";
    assert_eq!(
        batched_rows(query).await,
        vec![
            "even | 2 | 2 | 0",
            "even | 4 | 6 | 0",
            "even | 6 | 12 | 0",
            "even | 8 | 20 | 0",
            "even | 10 | 30 | 0",
            "odd | 1 | 1 | 0",
            "odd | 3 | 4 | 0",
            "odd | 5 | 9 | 0",
            "odd | 7 | 16 | 0",
            "odd | 9 | 25 | 0"
        ]
    );
    let query = r#"datatable(Timestamp:datetime, userID:int, EventType:string) [
            datetime(2024-05-28 08:15:23), 1, "login",
            datetime(2024-05-28 08:30:15), 2, "login",
            datetime(2024-05-28 12:30:45), 1, "logout",
            datetime(2024-05-28 11:45:32), 2, "logout"]
        | partition hint.strategy=native by userID (
            sort by Timestamp asc
            | scan declare (start:datetime, end:datetime, sessionDuration:timespan) with (
                step s1 output=none: EventType == "login" => start = Timestamp;
                step s2 output=all: EventType == "logout" => start = s1.start, end = Timestamp, sessionDuration = Timestamp - s1.start;))
        | project userID, sessionDuration | sort by userID asc"#;
    assert_eq!(rows(query).await, vec!["1 | 04:15:22", "2 | 03:15:17"]);
}

#[tokio::test]
async fn scan_errors() {
    for (query, code) in [
        (
            "print x = 1 | scan with (step s: s.y > 0;)",
            Code::UnknownColumn,
        ),
        (
            "print x = 1 | scan with (step s: true => y = 1;)",
            Code::UnknownColumn,
        ),
        (
            "print x = 1 | scan declare (x:long) with (step s: true;)",
            Code::DuplicateColumn,
        ),
        (
            "print x = 1 | scan with_match_id=x with (step s: true;)",
            Code::DuplicateColumn,
        ),
        (
            "print x = 1 | scan with (step s: true; step s: false;)",
            Code::InvalidArgument,
        ),
        (
            "print x = 1 | scan with (step s: true => x = now();)",
            Code::TypeMismatch,
        ),
        (
            "print x = 1 | scan with (step s: x == toscalar(print 1);)",
            Code::NotSupported,
        ),
    ] {
        assert_eq!(error(query).await.code, code, "{query}");
    }
}
