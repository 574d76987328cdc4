//! Team exchange: bundles round-trip, merge idempotently, keep both desks'
//! disagreeing verdicts, and every bad bundle is refused with nothing written;
//! the report, the corrections log and the CSV's formula safety.

use factdesk_core::bundle::{self, Bundle};
use factdesk_core::export::{Format, export};
use factdesk_core::import::parse_text;
use factdesk_core::model::{ClaimKind, Stance, Status};
use factdesk_core::store::{ClaimFilter, ImportMeta, NewClaim, NewEvidence};
use factdesk_core::{Error, Store};
use serde_json::Value;

use crate::support::sample_path;

fn desk_with_sample(checker: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let doc = factdesk_core::import::read_file(&sample_path()).unwrap();
    store
        .import(&[(doc, ImportMeta::default())], checker)
        .unwrap();
    store
}

fn claim_ids(store: &Store) -> Vec<String> {
    store
        .claims(&ClaimFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

fn bundle_bytes(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store
        .export_bundle(&ClaimFilter::default(), &mut out)
        .unwrap();
    out
}

fn bundle_of(store: &Store) -> Bundle {
    bundle::parse(&bundle_bytes(store)).unwrap()
}

/// The bundle's content as JSON: what must be identical after a round trip.
fn content(store: &Store) -> Value {
    let v: Value = serde_json::from_slice(&bundle_bytes(store)).unwrap();
    v["content"].clone()
}

/// A desk with a day's work on the sample: verdicts, evidence, a manual
/// claim, an edit, a status, a deletion and a published-check address.
fn busy_desk() -> Store {
    let mut s = desk_with_sample("Ana");
    let ids = claim_ids(&s);
    s.give_verdict(&ids[0], "false", Some("The record says otherwise."), "Ana")
        .unwrap();
    s.give_verdict(&ids[0], "mostly false", Some("On reflection."), "Ana")
        .unwrap();
    s.give_verdict(&ids[1], "true", Some("The record shows it."), "Ana")
        .unwrap();
    s.add_evidence(
        &NewEvidence {
            claim_id: ids[0].clone(),
            url: "https://www.c-span.org/video/?448871".into(),
            title: Some("Press conference".into()),
            stance: Stance::Refutes,
            note: Some("At 41:00.".into()),
        },
        "Ana",
    )
    .unwrap();
    // The verdicts set both claims Done; the first is opened again.
    s.set_status(&ids[0], Status::InProgress, "Ana").unwrap();
    s.edit_claim(&ids[2], Some(ClaimKind::Statement), None, None, "Ana")
        .unwrap();
    s.set_review_url(&ids[1], Some("https://checks.example.org/1"), "Ana")
        .unwrap();
    let article = s.articles().unwrap()[0].id.clone();
    s.add_claim(
        &NewClaim {
            article_id: article,
            start: 0,
            end: 20,
            kind: ClaimKind::Statement,
            speaker: Some("Yuri Ushakov".into()),
            role: None,
        },
        "Ana",
    )
    .unwrap();
    s.delete_claim(&ids[5], "Ana").unwrap();
    // A claim added by hand over exactly an extracted claim's words is a claim of its own.
    let twin_of = s.claim(&ids[6]).unwrap();
    s.add_claim(
        &NewClaim {
            article_id: twin_of.article_id.clone(),
            start: twin_of.span.start,
            end: twin_of.span.end,
            kind: ClaimKind::Quote,
            speaker: None,
            role: None,
        },
        "Ana",
    )
    .unwrap();
    s.confirm_match(&ids[3], &ids[4], "Ana").unwrap();
    s.reject_match(&ids[6], &ids[7], "Ana").unwrap();
    s
}

#[test]
fn a_bundle_merged_into_an_empty_database_gives_identical_content() {
    let a = busy_desk();
    let mut b = Store::open_in_memory().unwrap();
    let bundle = bundle_of(&a);
    assert!(
        bundle.manifest.counts.matches >= 1,
        "the rejected pair at least"
    );
    let expected = bundle.manifest.counts.clone();
    let out = b.merge(&[bundle], "Ben").unwrap().remove(0);
    assert!(out.changed_anything());
    assert_eq!(out.added.claims, a.count_claims().unwrap());
    assert_eq!(out.added.matches, expected.matches);
    assert_eq!(content(&b), content(&a));
    // The history travels with the claims.
    let id = &claim_ids(&a)[0];
    assert_eq!(b.history(id).unwrap(), a.history(id).unwrap());
    assert_eq!(b.verdicts(id).unwrap(), a.verdicts(id).unwrap());
}

#[test]
fn merging_the_same_bundle_twice_changes_nothing() {
    let a = busy_desk();
    let bundle = bundle_of(&a);
    let mut b = desk_with_sample("Ben");
    b.merge(std::slice::from_ref(&bundle), "Ben").unwrap();
    let before = b.fingerprint().unwrap();
    let again = b.merge(&[bundle], "Ben").unwrap().remove(0);
    assert!(!again.changed_anything(), "{again:?}");
    assert_eq!(b.fingerprint().unwrap(), before);
    // And merging a desk's own bundle into itself changes nothing either.
    let mut a = a;
    let before = a.fingerprint().unwrap();
    let own = bundle_of(&a);
    assert!(!a.merge(&[own], "Ana").unwrap()[0].changed_anything());
    assert_eq!(a.fingerprint().unwrap(), before);
}

#[test]
fn the_same_article_imported_on_two_desks_merges_into_one() {
    let mut a = desk_with_sample("Ana");
    let mut b = desk_with_sample("Ben");
    let (ia, ib) = (claim_ids(&a), claim_ids(&b));
    assert_ne!(ia[0], ib[0], "each desk made its own ids");
    b.give_verdict(&ib[3], "false", Some("Ben's reading."), "Ben")
        .unwrap();
    let out = a.merge(&[bundle_of(&b)], "Ana").unwrap().remove(0);
    assert_eq!(out.added.articles, 0);
    assert_eq!(out.added.claims, 0, "extracted twins are one claim");
    // Ben's verdict set his twin Done: the one claim that changed.
    assert_eq!(out.updated_claims, 1, "twins differ only in their times");
    assert_eq!(a.claim(&ia[3]).unwrap().status, Status::Done);
    assert_eq!(a.count_claims().unwrap(), ia.len());
    assert_eq!(a.articles().unwrap().len(), 1);
    let v = a
        .claim(&ia[3])
        .unwrap()
        .verdict
        .expect("Ben's verdict arrived");
    assert_eq!((v.rating.as_str(), v.checker.as_str()), ("False", "Ben"));
    assert!(
        a.history(&ia[3])
            .unwrap()
            .iter()
            .any(|c| c.action == "verdict.given" && c.actor == "Ben")
    );
}

#[test]
fn disagreeing_verdicts_are_both_kept_and_flagged_until_settled() {
    let a0 = desk_with_sample("Ana");
    let mut b = Store::open_in_memory().unwrap();
    b.merge(&[bundle_of(&a0)], "Ben").unwrap();
    let mut a = a0;
    let id = claim_ids(&a)[0].clone();
    let other = claim_ids(&a)[1].clone();
    a.give_verdict(&id, "false", Some("Ana: the transcript."), "Ana")
        .unwrap();
    b.give_verdict(&id, "true", Some("Ben: the video."), "Ben")
        .unwrap();
    // Agreement is not a conflict.
    a.give_verdict(&other, "true", Some("The record shows it."), "Ana")
        .unwrap();
    b.give_verdict(&other, "true", Some("The record shows it."), "Ben")
        .unwrap();

    let out = a.merge(&[bundle_of(&b)], "Ana").unwrap().remove(0);
    assert_eq!(out.conflicts, vec![id.clone()]);
    let c = a.claim(&id).unwrap();
    let both: Vec<(&str, &str)> = c
        .conflict
        .iter()
        .map(|v| (v.rating.as_str(), v.checker.as_str()))
        .collect();
    assert!(
        both.contains(&("False", "Ana")) && both.contains(&("True", "Ben")),
        "{both:?}"
    );
    assert!(a.claim(&other).unwrap().conflict.is_empty());
    let flagged = a
        .claims(&ClaimFilter {
            needs_reconciliation: true,
            ..ClaimFilter::default()
        })
        .unwrap();
    assert_eq!(flagged.len(), 1);
    // An unsettled verdict is not published.
    let mut reviews = Vec::new();
    export(
        &a,
        &ClaimFilter::default(),
        Format::ClaimReview,
        &mut reviews,
    )
    .unwrap();
    let reviews: Value = serde_json::from_slice(&reviews).unwrap();
    assert_eq!(reviews.as_array().unwrap().len(), 1);

    // The flag travels: Ben sees it after merging Ana's bundle.
    b.merge(&[bundle_of(&a)], "Ben").unwrap();
    assert_eq!(b.claim(&id).unwrap().conflict.len(), 2);

    // A new verdict settles it, and the settlement travels back too.
    a.give_verdict(&id, "mostly false", Some("Agreed after a call."), "Ana")
        .unwrap();
    assert!(a.claim(&id).unwrap().conflict.is_empty());
    let settled = b.merge(&[bundle_of(&a)], "Ben").unwrap().remove(0);
    assert_eq!(settled.settled, 1);
    assert!(b.claim(&id).unwrap().conflict.is_empty());
    assert_eq!(
        b.claim(&id).unwrap().verdict.unwrap().rating,
        "Mostly false"
    );
    // The desks now agree on everything.
    assert!(!a.merge(&[bundle_of(&b)], "Ana").unwrap()[0].changed_anything());
}

#[test]
fn the_later_edit_wins_and_deletions_stay() {
    let mut a0 = desk_with_sample("Ana");
    let first = claim_ids(&a0)[0].clone();
    let link = a0
        .add_evidence(
            &NewEvidence {
                claim_id: first,
                url: "https://example.org/old".into(),
                title: None,
                stance: Stance::Context,
                note: None,
            },
            "Ana",
        )
        .unwrap();
    let mut b = Store::open_in_memory().unwrap();
    b.merge(&[bundle_of(&a0)], "Ben").unwrap();
    let mut a = a0;
    let ids = claim_ids(&a);
    // Ben corrects the link's address; Ana's desk takes the edit.
    b.update_evidence(
        &link.id,
        &NewEvidence {
            claim_id: ids[0].clone(),
            url: "https://example.org/new".into(),
            title: Some("The right page".into()),
            stance: Stance::Refutes,
            note: None,
        },
        "Ben",
    )
    .unwrap();
    a.edit_claim(&ids[0], Some(ClaimKind::Statement), None, None, "Ana")
        .unwrap();
    // Ben's edit comes after Ana's: `now()` never repeats a time in a process.
    b.edit_claim(
        &ids[0],
        None,
        Some(&["Dmitry Peskov".to_string()]),
        None,
        "Ben",
    )
    .unwrap();
    b.delete_claim(&ids[1], "Ben").unwrap();
    let out = a.merge(&[bundle_of(&b)], "Ana").unwrap().remove(0);
    assert_eq!(out.updated_claims, 1);
    assert_eq!(out.updated_evidence, 1);
    let e = &a.claim(&ids[0]).unwrap().evidence[0];
    assert_eq!(
        (e.url.as_str(), e.stance),
        ("https://example.org/new", Stance::Refutes)
    );
    let c = a.claim(&ids[0]).unwrap();
    assert_eq!(c.speaker.as_deref(), Some("Dmitry Peskov"));
    // Both edits are in the history.
    let actions: Vec<_> = a
        .history(&ids[0])
        .unwrap()
        .into_iter()
        .map(|h| (h.action, h.actor))
        .collect();
    assert!(actions.contains(&("claim.edited".into(), "Ana".into())));
    assert!(actions.contains(&("claim.edited".into(), "Ben".into())));
    // Ben's deletion does not take Ana's claim away...
    assert!(a.claim(&ids[1]).is_ok());
    // ...and Ana's bundle does not bring it back to Ben.
    let back = b.merge(&[bundle_of(&a)], "Ben").unwrap().remove(0);
    assert_eq!(back.kept_deleted, 1);
    assert!(matches!(b.claim(&ids[1]), Err(Error::NotFound { .. })));
}

/// Re-seals edited bundle JSON with right counts and checksum, as a careful attacker would.
fn reseal(mut v: Value) -> Vec<u8> {
    let content = serde_json::to_string(&v["content"]).unwrap();
    for (k, rows) in v["content"].as_object().unwrap().clone() {
        v["manifest"]["counts"][k.as_str()] = rows.as_array().map_or(0, |a| a.len()).into();
    }
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(content.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    v["manifest"]["sha256"] = sha.into();
    format!(
        "{{\"manifest\":{},\"content\":{content}}}",
        serde_json::to_string(&v["manifest"]).unwrap()
    )
    .into_bytes()
}

#[test]
fn bad_bundles_are_refused_and_nothing_is_written() {
    let a = busy_desk();
    let good = bundle_bytes(&a);
    let parsed: Value = serde_json::from_slice(&good).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = parsed.clone();
        f(&mut v);
        reseal(v)
    };
    let huge = "x".repeat(200_000);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "truncated"),
        ("truncated", good[..good.len() / 2].to_vec(), "truncated"),
        (
            "not JSON",
            b"claims, verdicts, evidence".to_vec(),
            "not valid JSON",
        ),
        ("binary", vec![0xff, 0xfe, 0x00, 0x01, 0x9d], "not UTF-8"),
        (
            "not a bundle",
            br#"{"manifest":{"format":"something-else"},"content":{}}"#.to_vec(),
            "not a factdesk bundle",
        ),
        (
            "unknown version",
            {
                let mut v = parsed.clone();
                v["manifest"]["version"] = 99.into();
                serde_json::to_vec(&v).unwrap()
            },
            "version is 99",
        ),
        (
            "wrong checksum",
            String::from_utf8(good.clone())
                .unwrap()
                .replacen("On reflection.", "On reflection!", 1)
                .into_bytes(),
            "checksum does not match",
        ),
        (
            "wrong counts",
            {
                let mut v: Value = serde_json::from_slice(&reseal(parsed.clone())).unwrap();
                v["manifest"]["counts"]["claims"] = 3.into();
                let content = serde_json::to_string(&v["content"]).unwrap();
                format!("{{\"manifest\":{},\"content\":{content}}}", v["manifest"]).into_bytes()
            },
            "counts",
        ),
        (
            "duplicate ids",
            edit(&|v| {
                let first = v["content"]["claims"][0].clone();
                v["content"]["claims"].as_array_mut().unwrap().push(first);
            }),
            "twice",
        ),
        (
            "javascript link",
            edit(&|v| v["content"]["evidence"][0]["url"] = "javascript:alert(1)".into()),
            "http or https",
        ),
        (
            "huge string",
            edit(&|v| v["content"]["verdicts"][0]["note"] = huge.clone().into()),
            "the limit is",
        ),
        (
            "wrong type",
            edit(&|v| v["content"]["claims"][0]["checkworthiness"] = "very".into()),
            "wrong field or type",
        ),
        (
            "unknown field",
            edit(&|v| v["content"]["claims"][0]["script"] = "x".into()),
            "wrong field or type",
        ),
        (
            "dangling reference",
            edit(&|v| {
                v["content"]["verdicts"][0]["claim_id"] =
                    "01900000-0000-7000-8000-000000000000".into()
            }),
            "not in the bundle",
        ),
        (
            "withdrawal of a verdict not in the bundle",
            edit(&|v| {
                v["content"]["withdrawals"] = serde_json::json!([{
                    "verdict_id": "01900000-0000-7000-8000-000000000000",
                    "checker": "Ana",
                    "at": "2026-12-01T10:00:00.000Z"
                }])
            }),
            "not in the bundle",
        ),
        (
            "an archived copy not matching its hash",
            edit(&|v| {
                v["content"]["archives"] = serde_json::json!([{
                    "sha256": "0".repeat(64),
                    "wacz_base64": "aGk="
                }])
            }),
            "does not match its SHA-256",
        ),
        (
            "span outside the text",
            edit(&|v| v["content"]["claims"][0]["span"]["end"] = 10_000_000.into()),
            "outside its article",
        ),
        (
            "rating not on the scale",
            edit(&|v| v["content"]["verdicts"][0]["rating"] = "Pants on fire".into()),
            "scale does not have",
        ),
        (
            "text not matching its hash",
            edit(&|v| v["content"]["articles"][0]["body"] = "Something else entirely.".into()),
            "content hash",
        ),
    ];
    let mut b = desk_with_sample("Ben");
    let before = b.fingerprint().unwrap();
    for (name, bytes, message) in cases {
        let err = match bundle::parse(&bytes) {
            Err(e) => e,
            Ok(parsed) => b.merge(&[parsed], "Ben").expect_err(name),
        };
        assert_eq!(
            err.kind(),
            factdesk_core::ErrorKind::BadBundle,
            "{name}: {err}"
        );
        assert!(err.to_string().contains(message), "{name}: {err}");
        assert_eq!(
            b.fingerprint().unwrap(),
            before,
            "{name} changed the database"
        );
    }
    // And the good one still merges.
    assert!(b.merge(&[bundle::parse(&good).unwrap()], "Ben").unwrap()[0].changed_anything());
}

#[test]
fn a_missing_or_huge_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.factdesk");
    let err = bundle::read(&missing).unwrap_err();
    assert!(err.to_string().contains("nope.factdesk"), "{err}");
    let big = dir.path().join("big.factdesk");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(bundle::MAX_BUNDLE_BYTES + 1).unwrap();
    let err = bundle::read(&big).unwrap_err();
    assert!(err.to_string().contains("larger than"), "{err}");
}

#[test]
fn a_filtered_bundle_carries_what_its_claims_hang_on() {
    let a = busy_desk();
    let mut out = Vec::new();
    let filter = ClaimFilter {
        status: Some(Status::Done),
        ..ClaimFilter::default()
    };
    let counts = a.export_bundle(&filter, &mut out).unwrap();
    assert_eq!((counts.claims, counts.articles), (1, 1));
    let bundle = bundle::parse(&out).unwrap();
    let mut b = Store::open_in_memory().unwrap();
    b.merge(&[bundle], "Ben").unwrap();
    let c = &b.claims(&ClaimFilter::default()).unwrap()[0];
    assert_eq!(c.status, Status::Done);
    assert_eq!(
        c.review_url.as_deref(),
        Some("https://checks.example.org/1")
    );
}

#[test]
fn the_corrections_log_lists_verdicts_changed_after_done() {
    let mut a = desk_with_sample("Ana");
    let ids = claim_ids(&a);
    a.give_verdict(&ids[0], "true", Some("The record shows it."), "Ana")
        .unwrap();
    a.set_status(&ids[0], Status::Done, "Ana").unwrap();
    // Not a correction: the first verdict on a done claim, and a change before done.
    a.set_status(&ids[1], Status::Done, "Ana").unwrap();
    a.give_verdict(&ids[1], "false", Some("The record shows it."), "Ana")
        .unwrap();
    a.give_verdict(
        &ids[0],
        "false",
        Some("=HYPERLINK(\"x\") new footage"),
        "Ben",
    )
    .unwrap();
    let mut out = Vec::new();
    let n = export(&a, &ClaimFilter::default(), Format::Corrections, &mut out).unwrap();
    assert_eq!(n, 1);
    let mut rows = csv::Reader::from_reader(out.as_slice());
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "Ben");
    assert_eq!((&row[6], &row[7]), ("True", "False"));
    assert!(
        row[8].starts_with("'="),
        "formula neutralised: {:?}",
        &row[8]
    );
}

#[test]
fn csv_cells_never_start_a_formula() {
    let mut s = Store::open_in_memory().unwrap();
    let mut doc = parse_text(
        "=HYPERLINK(\"http://evil.example\",\"click\") is what the minister wrote on Monday.\n\n+SUM(1,2) and -2+3 and @cmd are not formulas here.",
    );
    doc.title = "@Title".into();
    let article = s.import(&[(doc, ImportMeta::default())], "Ana").unwrap()[0]
        .id
        .clone();
    let claim = s
        .add_claim(
            &NewClaim {
                article_id: article,
                start: 0,
                end: 42,
                kind: ClaimKind::Statement,
                speaker: Some("-Minister".into()),
                role: None,
            },
            "Ana",
        )
        .unwrap();
    s.give_verdict(&claim, "false", Some("+1 source; \t tab"), "Ana")
        .unwrap();
    let mut out = Vec::new();
    export(&s, &ClaimFilter::default(), Format::Csv, &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let mut cells = 0;
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?}"
            );
        }
    }
    assert!(cells > 15);
    assert!(String::from_utf8(out).unwrap().contains("'=HYPERLINK"));
}

#[test]
fn the_report_shows_each_articles_checked_claims() {
    let a = busy_desk();
    let mut md = Vec::new();
    export(&a, &ClaimFilter::default(), Format::Report, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.starts_with("# Fact-check report"), "{md}");
    assert!(md.contains("## Kremlin: Russia not ready to accept Trump invite to Washington"));
    assert!(md.contains("**Mostly false**"), "{md}");
    assert!(md.contains("On reflection\\."), "{md}");
    assert!(md.contains("refutes: [Press conference](<https://www.c-span.org/video/?448871>)"));
    assert!(md.contains("more claims in this article have not been worked on yet"));
    let mut html = Vec::new();
    export(&a, &ClaimFilter::default(), Format::ReportHtml, &mut html).unwrap();
    let html = String::from_utf8(html).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<strong>Mostly false</strong>"), "{html}");
    assert!(html.contains("href=\"https://www.c-span.org/video/?448871\""));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn a_withdrawn_verdict_no_longer_counts_here_or_on_a_teammates_desk() {
    let mut a = desk_with_sample("Ana");
    let ids = claim_ids(&a);
    let claim = ids[0].clone();
    a.give_verdict(&claim, "false", Some("First reading."), "Ana")
        .unwrap();
    a.give_verdict(&claim, "true", Some("A slip of the key."), "Ana")
        .unwrap();
    // Only the verdict's checker takes it back; the refusal writes nothing.
    let before = a.fingerprint().unwrap();
    let err = a.withdraw_verdict(&claim, "Ben").unwrap_err();
    assert!(err.to_string().contains("Ana's"), "{err}");
    assert_eq!(a.fingerprint().unwrap(), before);
    let took = a.withdraw_verdict(&claim, "ana").unwrap();
    assert_eq!(took.rating, "True");
    let c = a.claim(&claim).unwrap();
    assert_eq!(c.verdict.as_ref().map(|v| v.rating.as_str()), Some("False"));
    // The first verdict set Done; it stays Done while that verdict counts.
    assert_eq!(c.status, Status::Done);
    // Every verdict stays in the record.
    assert_eq!(a.verdicts(&claim).unwrap().len(), 2);
    a.withdraw_verdict(&claim, "Ana").unwrap();
    let c = a.claim(&claim).unwrap();
    assert_eq!(c.verdict, None);
    assert_eq!(
        c.status,
        Status::New,
        "the status the verdict set came back"
    );
    let unrated = ClaimFilter {
        rating: Some("none".into()),
        ..ClaimFilter::default()
    };
    assert!(a.claims(&unrated).unwrap().iter().any(|x| x.id == claim));
    let before = a.fingerprint().unwrap();
    let err = a.withdraw_verdict(&claim, "Ana").unwrap_err();
    assert!(err.to_string().contains("no verdict"), "{err}");
    assert_eq!(a.fingerprint().unwrap(), before);
    let actions: Vec<String> = a
        .history(&claim)
        .unwrap()
        .into_iter()
        .map(|h| h.action)
        .collect();
    assert_eq!(
        actions.iter().filter(|x| *x == "verdict.withdrawn").count(),
        2
    );

    // A teammate who had the verdict sees it withdrawn after the next bundle.
    a.give_verdict(&ids[1], "mixed", Some("Both."), "Ana")
        .unwrap();
    let mut b = Store::open_in_memory().unwrap();
    b.merge(&[bundle_of(&a)], "Ben").unwrap();
    a.give_verdict(&ids[1], "false", Some("Oops."), "Ana")
        .unwrap();
    b.merge(&[bundle_of(&a)], "Ben").unwrap();
    assert_eq!(b.claim(&ids[1]).unwrap().verdict.unwrap().rating, "False");
    a.withdraw_verdict(&ids[1], "Ana").unwrap();
    let out = b.merge(&[bundle_of(&a)], "Ben").unwrap().remove(0);
    assert_eq!(out.added.withdrawals, 1);
    assert_eq!(b.claim(&ids[1]).unwrap().verdict.unwrap().rating, "Mixed");
    assert!(b.claim(&claim).unwrap().verdict.is_none());
    // Merging it again changes nothing.
    let before = b.fingerprint().unwrap();
    assert!(!b.merge(&[bundle_of(&a)], "Ben").unwrap()[0].changed_anything());
    assert_eq!(b.fingerprint().unwrap(), before);
}
