//! `parse-where`, `parse-kv`, `partition` and `top-nested`, end to end.

use super::*;

const LOGS: &str =
    "datatable(s:string) ['id=12 user=ann took 1.5s', 'id=x user=bob took 2s', 'nothing here']";

#[tokio::test]
async fn parse_where_drops_rows_that_do_not_match() {
    assert_eq!(
        rows(&format!("{LOGS} | parse-where s with 'id=' id:long ' user=' user ' took ' secs:real 's' | project id, user, secs")).await,
        vec!["12 | ann | 1.5"]
    );
    assert_eq!(
        rows(&format!("{LOGS} | parse-where s with * 'user=' user ' ' * | project user")).await,
        vec!["ann", "bob"]
    );
    assert_eq!(
        rows(&format!("{LOGS} | parse-where kind=regex flags=i s with * 'USER=' user:string ' ' * | project user")).await,
        // kind=regex: a string column is greedy.
        vec!["ann took", "bob took"]
    );
    assert_eq!(
        names(&format!("{LOGS} | parse-where s with 'id=' id:long ' ' *")).await,
        vec!["s", "id"]
    );
}
