//! The KQL conformance ratchet: the documented examples of `../shared/kql-conformance/` run
//! through the engine, and the number that pass may not fall below `tests/conformance-ratchet.json`.

use kqlhunt::conformance::{self, Ratchet};

use crate::support::shared;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conformance_pass_count_holds_the_ratchet() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/ is not there");
        return;
    };
    let cases = conformance::load(&shared.join("kql-conformance")).expect("corpus loads");
    let report = conformance::run(&cases, None).await;
    eprint!("{}", report.summary(15));

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/conformance-ratchet.json"
    );
    let ratchet: Ratchet =
        serde_json::from_str(&std::fs::read_to_string(path).expect("ratchet file")).unwrap();
    let strict = report.strict_non_geo();
    let expressions = report.expressions();
    let passing_defects = report.passing_defects();
    assert!(
        passing_defects.is_empty(),
        "listed as documentation defects but passing, take them off src/conformance/defects.rs: {passing_defects:?}"
    );
    assert!(
        strict.passed >= ratchet.strict_non_geo_passed,
        "strict non-geo conformance fell to {}/{} (ratchet {}): see `kqlhunt conformance --failures`",
        strict.passed,
        strict.total,
        ratchet.strict_non_geo_passed
    );
    assert!(
        expressions.passed >= ratchet.expressions_passed,
        "expression cases fell to {}/{} (ratchet {})",
        expressions.passed,
        expressions.total,
        ratchet.expressions_passed
    );
    // Issue 5's bar: the committed ratchet is at least 90 % of the scored cases (the strict,
    // non-geo cases less the documentation defects listed with their reasons).
    let scored = report.scored();
    assert!(
        ratchet.strict_non_geo_passed * 10 >= scored.total * 9,
        "the ratchet ({}) is below 90 % of the {} scored cases",
        ratchet.strict_non_geo_passed,
        scored.total
    );
    if strict.passed > ratchet.strict_non_geo_passed
        || expressions.passed > ratchet.expressions_passed
    {
        eprintln!(
            "conformance improved: raise tests/conformance-ratchet.json to {} and {}",
            strict.passed, expressions.passed
        );
    }
}
