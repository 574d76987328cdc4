//! The real `factdesk` binary: two desks exchange bundles and settle their disagreement.

use crate::cli::{Desk, s};
use crate::support::sample_path;

#[test]
fn two_desks_exchange_bundles() {
    let (ana, ben) = (Desk::new(), Desk::new());
    for desk in [&ana, &ben] {
        desk.ok(&["import", s(&sample_path())]);
    }
    let id = |desk: &Desk| {
        desk.json(&["claims", "--json"])[0]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (a, b) = (id(&ana), id(&ben));
    ana.ok(&[
        "verdict",
        &a,
        "false",
        "--note",
        "Ana's reading",
        "--checker",
        "Ana",
    ]);
    ben.ok(&[
        "verdict",
        &b,
        "true",
        "--note",
        "Ben's reading",
        "--checker",
        "Ben",
    ]);
    let bundle = ben.dir.path().join("ben.factdesk.json");
    ben.ok(&["export", "--format", "bundle", "--out", s(&bundle)]);

    let merged = ana.ok(&["merge", s(&bundle), "--checker", "Ana"]);
    assert!(merged.contains("1 claims need reconciliation"), "{merged}");
    let flagged = ana.json(&["claims", "--needs-reconciliation", "--json"]);
    assert_eq!(flagged.as_array().unwrap().len(), 1);
    assert_eq!(flagged[0]["conflict"].as_array().unwrap().len(), 2);
    let show = ana.ok(&["claim", "show", &a]);
    assert!(show.contains("NEEDS RECONCILIATION"), "{show}");

    let before = ana.fingerprint();
    let again = ana.ok(&["merge", s(&bundle), "--checker", "Ana"]);
    assert!(again.contains("nothing new"), "{again}");
    assert_eq!(ana.fingerprint(), before);

    ana.ok(&[
        "verdict",
        &a,
        "mostly false",
        "--note",
        "Agreed after a call.",
        "--checker",
        "Ana",
    ]);
    assert!(
        ana.json(&["claims", "--needs-reconciliation", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A damaged bundle, or a good one beside it, is refused whole.
    let mut text = std::fs::read_to_string(&bundle).unwrap();
    text = text.replacen("Ben's reading", "Ben's readinG", 1);
    let damaged = ana.file("damaged.json", text.as_bytes());
    ana.refused(
        &["merge", s(&bundle), s(&damaged), "--checker", "Ana"],
        "checksum does not match",
    );
    ana.refused(
        &["merge", "no-such.json", "--checker", "Ana"],
        "no-such.json",
    );
    // Over the size limit (a sparse file: nothing is written to disk).
    let huge = ana.dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(factdesk_core::bundle::MAX_BUNDLE_BYTES + 1)
        .unwrap();
    ana.refused(
        &["merge", s(&huge), "--checker", "Ana"],
        "too large: bundles larger than 1024 MB are refused",
    );

    // The report and the corrections log.
    let report = ana.dir.path().join("report.html");
    ana.ok(&["export", "--format", "report-html", "--out", s(&report)]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("Mostly false") && html.contains("<!doctype html>"));
    let md = ana.ok(&["export", "--format", "report"]);
    assert!(md.contains("# Fact-check report"));
    let corrections = ana.ok(&["export", "--format", "corrections"]);
    assert!(
        corrections.starts_with("changed_at,checker,"),
        "{corrections}"
    );
}
