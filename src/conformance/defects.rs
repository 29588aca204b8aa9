//! Documented examples whose documented output cannot be right. They are listed here with the
//! reason instead of being imitated, and kept out of the scored denominator (the corpus README
//! and issue 5 allow that only with a written reason). A listed case that starts to pass is an
//! error: the conformance test fails until it is taken off this list.
//!
//! `docs/conformance.md` shows the same table; a test checks that every id here appears there.

/// One documented example the documentation gets wrong.
#[derive(Clone, Copy, Debug)]
pub struct Defect {
    pub id: &'static str,
    pub reason: &'static str,
}

const fn d(id: &'static str, reason: &'static str) -> Defect {
    Defect { id, reason }
}

const TOSTRING_LONG: &str =
    "shows `Number is 1.000000` for `tostring(x)` of a `long` from `range`; `tostring(1)` is `1`";
const SERIES_TRIG_INPUT: &str =
    "the input column shown (`[-6.5,0,8.2]`) is not the query's (`[-1,0,1]`)";
const NESTED_BAG_AS_TEXT: &str = "the value shown is not JSON: the nested `Query Parameters` bag is \
     printed inside quotes without escaping (`\"{\"k1\":\"v1\", ...}\"`)";
const PERIOD_SCORES: &str = "the scores are the output of Kusto's undocumented period-scoring \
     algorithm (kqlhunt's periodogram and autocorrelation method finds the same periods with other \
     scores), and the column names keep Markdown escapes (`series\\_periods...`)";
const SERIES_INPUT_NAME: &str = "the page names the input column `s1`; the query names it `arr`";
const UNNAMED_RESULT: &str = "the output column is `result`, which the query never names (Kusto names it `print_0`/`Column1`)";

/// The list, sorted by id.
pub const DOCUMENTATION_DEFECTS: &[Defect] = &[
    d(
        "functions-library/factorial-fl.md#3",
        "shows `3628799` for 10!, Kusto's floating-point `gamma` truncated by `tolong`; 10! is 3628800",
    ),
    d(
        "functions-library/pair-probabilities-fl.md#3",
        "the query projects `_A`, `_B`, `_scope`; the page's output has columns `A`, `B`, `scope`",
    ),
    d(
        "query/base64-decode-toguid-function.md#1",
        "contradicts `base64_encode_fromguid`'s byte order (kqlhunt uses .NET's, so the two round-trip)",
    ),
    d(
        "query/bin-function.md#2",
        "shows `14:00:00:00` for a 14-day timespan; Kusto prints days as `14.00:00:00`",
    ),
    d(
        "query/binary-and-function.md#1",
        "the corpus pairs the query with no output columns",
    ),
    d(
        "query/convert-volume-function.md#1",
        "the digits shown differ from the unit table's factor from the 8th digit on",
    ),
    d("query/cos-function.md#1", UNNAMED_RESULT),
    d("query/cot-function.md#1", UNNAMED_RESULT),
    d(
        "query/exp-function.md#1",
        "the value is shown rounded to 7 digits (`7.389056`), outside the 1e-9 tolerance",
    ),
    d(
        "query/extract-all-function.md#2",
        "the query names the column `Id`, the output shows `ID`",
    ),
    d(
        "query/extract-all-function.md#3",
        "the query names the column `Id`, the output shows `ID`",
    ),
    d(
        "query/extract-all-function.md#4",
        "the query names the column `Id`, the output shows `ID`",
    ),
    d(
        "query/hash-many-function.md#1",
        "depends on Kusto's undocumented way of combining hashes; kqlhunt's `hash(\"Hello\")` and \
         `hash(\"World\")` equal the page's, the combination cannot be derived",
    ),
    d(
        "query/join-rightanti.md#1",
        "a `rightanti` join returns the right side's columns (`Key`, `Value2`); the page shows `Value1`",
    ),
    d(
        "query/let-statement.md#5",
        "`count` names its column `Count`; the page shows `result`",
    ),
    d("query/max-of-function.md#2", UNNAMED_RESULT),
    d("query/min-of-function.md#2", UNNAMED_RESULT),
    d(
        "query/mv-apply-operator.md#5",
        "the query keeps `Val`; the page shows `Val1`",
    ),
    d(
        "query/mv-expand-operator.md#6",
        "the `getschema` column is `DataType`; the page shows `DateType`",
    ),
    d(
        "query/node-id.md#1",
        "the query names its columns `manager1 = ...` and `manager2 = ...`; the page shows \
         `manager_1` and `manager_2`",
    ),
    d(
        "query/parse-command-line-function.md#1",
        "the output column is `Result`, which the query never names (`print f(...)` gives `print_0`)",
    ),
    d("query/parse-url-function.md#1", NESTED_BAG_AS_TEXT),
    d("query/parse-url-query-function.md#1", NESTED_BAG_AS_TEXT),
    d(
        "query/range-function.md#4",
        "the output shown (`1,000,000` and a half-rendered array) is not a table of the query's \
         one `print_0` value, `[\"01:00:00\", ..., \"05:00:00\"]`",
    ),
    d(
        "query/range-operator.md#2",
        "the start date shown does not match the query (the corpus README's own example)",
    ),
    d("query/replace-regex-function.md#1", TOSTRING_LONG),
    d("query/replace-string-function.md#2", TOSTRING_LONG),
    d("query/series-acos-function.md#1", SERIES_TRIG_INPUT),
    d("query/series-atan-function.md#1", SERIES_TRIG_INPUT),
    d("query/series-cos-function.md#1", SERIES_TRIG_INPUT),
    d(
        "query/series-iir-function.md#1",
        "the page shows the first 4 of the 10 rows `mv-expand` gives for `range(1.0, 10, 1)`",
    ),
    d("query/series-periods-detect-function.md#2", PERIOD_SCORES),
    d("query/series-periods-validate-function.md#2", PERIOD_SCORES),
    d("query/series-product-function.md#1", SERIES_INPUT_NAME),
    d("query/series-sin-function.md#1", SERIES_TRIG_INPUT),
    d("query/series-sum-function.md#1", SERIES_INPUT_NAME),
    d(
        "query/split-function.md#1",
        "the fifth `print` column is shown as `print4`; Kusto names it `print_4`",
    ),
    d(
        "query/strcat-function.md#2",
        "the value is rendered as a numbered Markdown list with the column name in it \
         (`1. \"MultiLineString\": Line 1`), not as the three-line string",
    ),
    d(
        "query/strlen-function.md#3",
        "the output column is `length`, which the query never names (`print strlen(...)` gives `print_0`)",
    ),
    d(
        "query/toguid-function.md#1",
        "the output's third row reads `a string that isn't a guid`; the query's is `... is not a guid`",
    ),
    d(
        "query/tohex-function.md#1",
        "the fifth `print` column is shown as `print_04`; Kusto names it `print_4`",
    ),
    d(
        "query/url-encode-component-function.md#1",
        "the encoded output drops the input's trailing `/` (`%2f`)",
    ),
    d(
        "query/variancepif-aggregation-function.md#1",
        "shows 850, the sample variance; the population variance of the data is 833.3",
    ),
    d(
        "query/zip-function.md#3",
        "the column shown is `print_0`; the query's `project zip(a, b)` names it `Column1`",
    ),
];

/// The reason a case is listed, if it is.
pub fn defect(id: &str) -> Option<&'static str> {
    DOCUMENTATION_DEFECTS
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_and_documented() {
        let ids: Vec<_> = DOCUMENTATION_DEFECTS.iter().map(|d| d.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "sorted by id, no duplicates");
        let doc = include_str!("../../docs/conformance.md");
        for d in DOCUMENTATION_DEFECTS {
            assert!(
                doc.contains(&format!("`{}`", d.id)),
                "{} is not in docs/conformance.md's defect table",
                d.id
            );
        }
    }
}
