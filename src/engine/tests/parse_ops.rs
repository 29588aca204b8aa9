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
        rows(&format!(
            "{LOGS} | parse-where s with * 'user=' user ' ' * | project user"
        ))
        .await,
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
    let e = error(&format!(
        "{LOGS} | parse-where kind=relaxed s with 'id=' id:long ' ' *"
    ))
    .await;
    assert_eq!(e.code, Code::InvalidParameter);
}

#[tokio::test]
async fn parse_kv_extracts_typed_keys() {
    let t = "datatable(s:string) ['id=12 user=\"ann lee\" took=1.5', 'user=bob id=x', 'nothing']";
    assert_eq!(
        rows(&format!("{t} | parse-kv s as (id:long, user:string, took:real) with (pair_delimiter=' ', kv_delimiter='=', quote='\"') | project-away s")).await,
        vec!["12 | ann lee | 1.5", " | bob | ", " |  | "]
    );
    assert_eq!(
        names(&format!(
            "{t} | parse-kv s as (['the id']:long) with (regex=@'(\\w+)=(\\w+)')"
        ))
        .await,
        vec!["s", "the id"]
    );
    assert_eq!(
        rows("print s = 'a: 1; b: two words; c: 3' | parse-kv s as (b:string, c:long) with (pair_delimiter=';', kv_delimiter=':') | project b, c").await,
        vec!["two words | 3"]
    );
    assert_eq!(
        rows("print s = 'a=x y b=z w' | parse-kv s as (a:string, b:string) with (pair_delimiter=' ', kv_delimiter='=', greedy=true) | project a, b").await,
        vec!["x y | z w"]
    );
    assert_eq!(
        rows("print s = '[t] Host:n1, Port:8080' | parse-kv s as (Port:int, Host:string) | project Port, Host").await,
        vec!["8080 | n1"]
    );
    assert_eq!(
        rows("print s = 'k1->5, k2->6' | parse-kv s as (k2:long) with (regex=@'(\\w+)->(\\d+)') | project k2").await,
        vec!["6"]
    );
    let e = error("print s = 'a=1' | parse-kv s as (a:long) with (separator=',')").await;
    assert_eq!(e.code, Code::InvalidParameter);
    let e = error("print s = 'a=1' | parse-kv s as (a:long) with (greedy='yes')").await;
    assert_eq!(e.code, Code::InvalidParameter);
}

const SALES: &str = "datatable(State:string, City:string, Amount:long) ['WA', 'Seattle', 10, 'WA', 'Spokane', 30, 'WA', 'Tacoma', 20, 'TX', 'Austin', 5, 'TX', 'Dallas', 7, 'NY', 'Albany', 1]";

/// Rows sorted, for operators whose output order is unspecified.
async fn sorted(text: &str) -> Vec<String> {
    let mut r = rows(text).await;
    r.sort();
    r
}

#[tokio::test]
async fn partition_runs_the_subquery_per_value() {
    assert_eq!(
        sorted(&format!("{SALES} | partition hint.strategy=native by State (top 2 by Amount | project City, Amount)")).await,
        vec!["Albany | 1", "Austin | 5", "Dallas | 7", "Spokane | 30", "Tacoma | 20"]
    );
    assert_eq!(
        names(&format!(
            "{SALES} | partition by State (top 1 by Amount asc)"
        ))
        .await,
        vec!["State", "City", "Amount"]
    );
    assert_eq!(
        sorted(&format!(
            "{SALES} | partition by State (top 1 by Amount asc)"
        ))
        .await,
        vec!["NY | Albany | 1", "TX | Austin | 5", "WA | Seattle | 10"]
    );
    // The key is not an output column unless the subquery keeps it.
    assert_eq!(
        sorted(&format!(
            "{SALES} | partition by State (summarize Total = sum(Amount), Cities = count())"
        ))
        .await,
        vec!["1 | 1", "12 | 2", "60 | 3"]
    );
    assert_eq!(
        sorted(&format!("{SALES} | partition by State (where Amount > 5 | extend Double = Amount * 2 | take 1 | project State, Double)")).await.len(),
        2
    );
    assert_eq!(
        sorted(&format!("{SALES} | partition by State (where Amount > 5 | extend Double = Amount * 2 | summarize max(Double))")).await,
        vec!["14", "60"]
    );
    let e = error(&format!(
        "{SALES} | partition by State (join (print x = 1) on x)"
    ))
    .await;
    assert_eq!(e.code, Code::NotSupported);
    assert_eq!(
        e.message,
        "the `join` operator inside `partition` is not supported yet"
    );
    let e = error(&format!("{SALES} | partition by Country (take 1)")).await;
    assert_eq!(e.code, Code::UnknownColumn);
}

#[tokio::test]
async fn top_nested_levels() {
    assert_eq!(
        names(&format!("{SALES} | top-nested 2 of State by sum(Amount), top-nested 1 of City by Max = max(Amount)")).await,
        vec!["State", "aggregated_State", "City", "Max"]
    );
    assert_eq!(
        sorted(&format!("{SALES} | top-nested 2 of State by sum(Amount), top-nested 1 of City by Max = max(Amount)")).await,
        vec!["TX | 12 | Dallas | 7", "WA | 60 | Spokane | 30"]
    );
    assert_eq!(
        sorted(&format!(
            "{SALES} | top-nested of State by count(), top-nested 2 of City by sum(Amount) asc"
        ))
        .await,
        vec![
            "NY | 1 | Albany | 1",
            "TX | 2 | Austin | 5",
            "TX | 2 | Dallas | 7",
            "WA | 3 | Seattle | 10",
            "WA | 3 | Tacoma | 20"
        ]
    );
    assert_eq!(
        sorted(&format!(
            "{SALES} | top-nested 1 of Big = Amount > 6 by n = count()"
        ))
        .await,
        vec!["true | 4"]
    );
    let e = error(&format!(
        "{SALES} | top-nested 1 of State with others = 'rest' by count()"
    ))
    .await;
    assert_eq!(e.code, Code::NotSupported);
}
