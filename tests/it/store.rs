//! The SQLite store: migrations, one transaction per action, history, concurrency.

use factdesk_core::import::{Document, parse_text};
use factdesk_core::model::{ClaimKind, Stance, Status};
use factdesk_core::store::{ClaimFilter, ImportMeta, NewClaim, NewEvidence, SortBy};
use factdesk_core::{Error, Store};

use crate::support::sample_path;

fn sample_doc() -> Document {
    factdesk_core::import::read_file(&sample_path()).unwrap()
}

pub(crate) fn store_with_sample() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let out = store
        .import(&[(sample_doc(), ImportMeta::default())], "Ana")
        .unwrap();
    (store, out[0].id.clone())
}

#[test]
fn schema_snapshot() {
    let store = Store::open_in_memory().unwrap();
    insta::assert_snapshot!("schema", store.schema().unwrap());
}

#[test]
fn in_memory_and_on_disk_share_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Store::open(&dir.path().join("nested/dir/factdesk.db")).unwrap();
    assert_eq!(
        disk.schema().unwrap(),
        Store::open_in_memory().unwrap().schema().unwrap()
    );
    // Re-opening applies nothing and keeps the data.
    drop(disk);
    let again = Store::open(&dir.path().join("nested/dir/factdesk.db")).unwrap();
    assert!(again.articles().unwrap().is_empty());
}

#[test]
fn newer_database_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("newer"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database".repeat(100)).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("not a factdesk database"), "{err}");
}

#[test]
fn import_is_idempotent_by_content_hash() {
    let (mut store, id) = store_with_sample();
    let again = store
        .import(&[(sample_doc(), ImportMeta::default())], "Ana")
        .unwrap();
    assert!(again[0].duplicate);
    assert_eq!(again[0].id, id);
    assert_eq!(store.articles().unwrap().len(), 1);
    assert_eq!(store.count_claims().unwrap(), factdesk_core::SAMPLE_CLAIMS);
}

#[test]
fn a_failed_import_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let before = store.fingerprint().unwrap();
    let good = (sample_doc(), ImportMeta::default());
    let bad = (
        parse_text("Another article\n\nThe mayor said the budget rose by 5 percent this year."),
        ImportMeta {
            published: Some("last Tuesday".into()),
            ..ImportMeta::default()
        },
    );
    let err = store.import(&[good, bad], "Ana").unwrap_err();
    assert!(err.to_string().contains("not a date"), "{err}");
    assert_eq!(store.fingerprint().unwrap(), before);
}

#[test]
fn verdicts_are_history_and_the_latest_is_current() {
    let (mut store, _) = store_with_sample();
    let claim = store
        .claims(&ClaimFilter {
            search: Some("wouldn't".into()),
            ..Default::default()
        })
        .unwrap()[0]
        .clone();
    store
        .give_verdict(&claim.id, "mostly false", Some("first look"), "Ana")
        .unwrap();
    store
        .give_verdict(&claim.id, "False", Some("He said would."), "Ben")
        .unwrap();
    let c = store.claim(&claim.id).unwrap();
    let v = c.verdict.unwrap();
    assert_eq!(
        (v.rating.as_str(), v.value, v.checker.as_str()),
        ("False", Some(1), "Ben")
    );
    assert_eq!(store.verdicts(&claim.id).unwrap().len(), 2);
    let history: Vec<String> = store
        .history(&claim.id)
        .unwrap()
        .into_iter()
        .map(|h| format!("{} by {}", h.action, h.actor))
        .collect();
    // The first verdict set the claim Done.
    assert_eq!(
        history,
        [
            "verdict.given by Ana",
            "claim.status by Ana",
            "verdict.given by Ben"
        ]
    );
    // Off-scale ratings are refused with the scale's labels.
    let err = store
        .give_verdict(
            &claim.id,
            "Pants on fire",
            Some("The record shows it."),
            "Ana",
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("True, Mostly true, Mixed"),
        "{err}"
    );
    // On another scale, the label is found there.
    store.set_setting("scale", "politifact").unwrap();
    let v = store
        .give_verdict(
            &claim.id,
            "PANTS ON FIRE",
            Some("The record shows it."),
            "Ana",
        )
        .unwrap();
    assert_eq!(
        (v.scale.as_str(), v.rating.as_str()),
        ("politifact", "Pants on fire")
    );
}

#[test]
fn evidence_is_checked_added_and_removed_with_history() {
    let (mut store, _) = store_with_sample();
    let claim = store.claims(&ClaimFilter::default()).unwrap()[0].id.clone();
    let before = store.fingerprint().unwrap();
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "not a url",
        "http://",
    ] {
        let err = store
            .add_evidence(
                &NewEvidence {
                    claim_id: claim.clone(),
                    url: bad.into(),
                    title: None,
                    stance: Stance::Refutes,
                    note: None,
                },
                "Ana",
            )
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{bad}: {err}");
    }
    assert_eq!(store.fingerprint().unwrap(), before);
    let e = store
        .add_evidence(
            &NewEvidence {
                claim_id: claim.clone(),
                url: "https://example.org/transcript".into(),
                title: Some("Transcript".into()),
                stance: Stance::Refutes,
                note: None,
            },
            "Ana",
        )
        .unwrap();
    assert_eq!(store.claim(&claim).unwrap().evidence.len(), 1);
    store.remove_evidence(&e.id, "Ben").unwrap();
    assert!(store.claim(&claim).unwrap().evidence.is_empty());
    let actions: Vec<String> = store
        .history(&claim)
        .unwrap()
        .into_iter()
        .map(|h| h.action)
        .collect();
    assert_eq!(actions, ["evidence.added", "evidence.removed"]);
}

#[test]
fn manual_claims_are_anchored_and_spans_checked() {
    let (mut store, article) = store_with_sample();
    let body = store.article(&article).unwrap().body;
    let start = body
        .chars()
        .collect::<Vec<_>>()
        .windows(9)
        .position(|w| w.iter().collect::<String>() == "fierce bi")
        .unwrap();
    let id = store
        .add_claim(
            &NewClaim {
                article_id: article.clone(),
                start,
                end: start + 27,
                kind: ClaimKind::Statement,
                speaker: Some("Editorial".into()),
                role: None,
            },
            "Ana",
        )
        .unwrap();
    let c = store.claim(&id).unwrap();
    assert_eq!(c.text, "fierce bipartisan backlash ");
    assert_eq!(c.anchor.exact, c.text);
    assert!(c.anchor.prefix.ends_with("there has been "));
    // A claim added by hand is in the full-text index at once.
    let found = store
        .claims(&ClaimFilter {
            search: Some("bipartisan".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        found.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()]
    );
    let before = store.fingerprint().unwrap();
    let n = body.chars().count();
    for (s, e) in [(n, n + 5), (10, 5), (0, n + 1)] {
        let err = store
            .add_claim(
                &NewClaim {
                    article_id: article.clone(),
                    start: s,
                    end: e,
                    kind: ClaimKind::Quote,
                    speaker: None,
                    role: None,
                },
                "Ana",
            )
            .unwrap_err();
        assert!(err.to_string().contains("outside the article"), "{err}");
    }
    assert_eq!(store.fingerprint().unwrap(), before);
}

#[test]
fn filters_combine() {
    let (mut store, article) = store_with_sample();
    let all = store.claims(&ClaimFilter::default()).unwrap();
    let trump = store
        .claims(&ClaimFilter {
            speaker: Some("president trump".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        trump.len() >= 4
            && trump
                .iter()
                .all(|c| c.speaker.as_deref().unwrap().contains("Donald Trump"))
    );
    let post = store
        .claims(&ClaimFilter {
            source: Some("the post".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(post.len(), 4);
    let quotes_about_meeting = store
        .claims(&ClaimFilter {
            search: Some("meetings".into()),
            article: Some(article[..8].into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        !quotes_about_meeting.is_empty(),
        "stemmed search finds 'meeting'"
    );
    store.set_status(&all[0].id, Status::Done, "Ana").unwrap();
    store
        .give_verdict(&all[0].id, "True", Some("The record shows it."), "Ana")
        .unwrap();
    let done_true = store
        .claims(&ClaimFilter {
            status: Some(Status::Done),
            rating: Some("true".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(done_true.len(), 1);
    let unrated = store
        .claims(&ClaimFilter {
            rating: Some("none".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(unrated.len(), all.len() - 1);
    let worth = store
        .claims(&ClaimFilter {
            sort: SortBy::Worth,
            limit: Some(3),
            ..Default::default()
        })
        .unwrap();
    assert!(worth[0].checkworthiness >= worth[2].checkworthiness);
    // FTS operators in user text are searched, not obeyed.
    assert!(
        store
            .claims(&ClaimFilter {
                search: Some("\"NEAR( OR *".into()),
                ..Default::default()
            })
            .unwrap()
            .is_empty()
    );
}

#[test]
fn ids_resolve_by_unique_prefix() {
    let (store, article) = store_with_sample();
    assert_eq!(store.article(&article[..13]).unwrap().id, article);
    assert!(matches!(
        store.article("abc").unwrap_err(),
        Error::Invalid(_)
    ));
    assert!(matches!(
        store.article("ffffffff").unwrap_err(),
        Error::NotFound { .. }
    ));
    let claims = store.claims(&ClaimFilter::default()).unwrap();
    // Claims imported together share their time prefix: a short prefix is ambiguous.
    let err = store.claim(&claims[0].id[..8]).unwrap_err();
    assert!(matches!(err, Error::AmbiguousId { .. }), "{err}");
}

#[test]
fn two_writers_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let (mut a, _) = {
        let mut s = Store::open(&path).unwrap();
        let out = s
            .import(&[(sample_doc(), ImportMeta::default())], "Ana")
            .unwrap();
        (s, out[0].id.clone())
    };
    let claims = a.claims(&ClaimFilter::default()).unwrap();
    let ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    let path2 = path.clone();
    let ids2 = ids.clone();
    let t = std::thread::spawn(move || {
        let mut b = Store::open(&path2).unwrap();
        for id in &ids2 {
            b.give_verdict(id, "Mixed", Some("The record shows it."), "Ben")
                .unwrap();
        }
    });
    for id in &ids {
        a.add_evidence(
            &NewEvidence {
                claim_id: id.clone(),
                url: "https://example.com/a".into(),
                title: None,
                stance: Stance::Context,
                note: None,
            },
            "Ana",
        )
        .unwrap();
    }
    t.join().unwrap();
    let all = a.claims(&ClaimFilter::default()).unwrap();
    assert!(
        all.iter()
            .all(|c| c.verdict.is_some() && c.evidence.len() == 1)
    );
}

#[test]
fn merge_keeps_both_claims_work_and_confirm_is_recorded() {
    let (mut store, article) = store_with_sample();
    let quotes = store
        .claims(&ClaimFilter {
            search: Some("summit atmosphere outcome".into()),
            ..Default::default()
        })
        .unwrap();
    let first = quotes[0].clone();
    let second = store
        .claims(&ClaimFilter {
            search: Some("dust settle".into()),
            ..Default::default()
        })
        .unwrap()[0]
        .clone();
    store
        .give_verdict(&first.id, "Mixed", Some("The record shows it."), "Ana")
        .unwrap();
    store
        .add_evidence(
            &NewEvidence {
                claim_id: second.id.clone(),
                url: "https://example.org/r".into(),
                title: None,
                stance: Stance::Context,
                note: None,
            },
            "Ben",
        )
        .unwrap();
    let before = store.count_claims().unwrap();
    store.merge_claims(&first.id, &second.id, "Ana").unwrap();
    assert_eq!(store.count_claims().unwrap(), before - 1);
    let merged = store.claim(&first.id).unwrap();
    assert_eq!(
        (merged.span.start, merged.span.end),
        (first.span.start, second.span.end)
    );
    assert!(merged.text.starts_with("After the summit") && merged.text.ends_with("But not now."));
    assert_eq!(merged.anchor.exact, merged.text);
    assert_eq!(merged.verdict.unwrap().rating, "Mixed");
    assert_eq!(merged.evidence.len(), 1);
    assert_eq!(merged.speaker.as_deref(), Some("Yuri Ushakov"));
    assert!(
        store
            .history(&first.id)
            .unwrap()
            .iter()
            .any(|h| h.action == "claim.merged")
    );
    assert!(store.claim(&second.id).is_err());
    // Claims of different articles, or a claim with itself, are refused unchanged.
    let other = store
        .import(
            &[(
                parse_text("Another one\n\nThe mayor said the budget rose by 6 percent in 2024."),
                ImportMeta::default(),
            )],
            "Ana",
        )
        .unwrap();
    let foreign = store
        .claims(&ClaimFilter {
            article: Some(other[0].id.clone()),
            ..Default::default()
        })
        .unwrap()[0]
        .id
        .clone();
    let fp = store.fingerprint().unwrap();
    assert!(
        store
            .merge_claims(&first.id, &foreign, "Ana")
            .unwrap_err()
            .to_string()
            .contains("same article")
    );
    assert!(store.merge_claims(&first.id, &first.id, "Ana").is_err());
    assert_eq!(store.fingerprint().unwrap(), fp);

    store.confirm_claim(&first.id, "Ben").unwrap();
    let c = store.claim(&first.id).unwrap();
    assert_eq!(c.confirmed_by.as_deref(), Some("Ben"));
    store
        .edit_claim(
            &first.id,
            None,
            None,
            Some(&["Reuters".to_string(), "TASS".to_string()]),
            "Ben",
        )
        .unwrap();
    assert_eq!(store.claim(&first.id).unwrap().sources, ["Reuters", "TASS"]);
    let _ = article;
}

#[test]
fn bulk_status_and_verdicts_are_all_or_nothing() {
    let (mut store, _) = store_with_sample();
    let ids: Vec<String> = store
        .claims(&ClaimFilter::default())
        .unwrap()
        .into_iter()
        .take(3)
        .map(|c| c.id)
        .collect();
    let mut with_bad: Vec<&str> = ids.iter().map(String::as_str).collect();
    with_bad.push("ffffffff-ffff");
    let before = store.fingerprint().unwrap();
    assert!(store.set_statuses(&with_bad, Status::Done, "Ana").is_err());
    assert!(
        store
            .give_verdicts(&with_bad, "False", Some("The record shows it."), "Ana")
            .is_err()
    );
    assert_eq!(store.fingerprint().unwrap(), before);
    let good: Vec<&str> = ids.iter().map(String::as_str).collect();
    store.set_statuses(&good, Status::Done, "Ana").unwrap();
    assert_eq!(
        store
            .give_verdicts(&good, "False", Some("The record shows it."), "Ana")
            .unwrap()
            .len(),
        3
    );
    assert!(
        store
            .claims(&ClaimFilter {
                status: Some(Status::Done),
                rating: Some("false".into()),
                ..Default::default()
            })
            .unwrap()
            .len()
            == 3
    );
}

/// Every filter, paged or not, alone and combined, lists exactly the claims a
/// plain walk over all claims finds, in the same order: whichever way the
/// store answers (a small driver, the first claims in order, intersections).
/// Enough claims that each way is taken.
#[test]
fn filters_answer_as_a_plain_walk_does() {
    let mut store = Store::open_in_memory().unwrap();
    let base = sample_doc();
    let docs: Vec<_> = (0..400)
        .map(|i| {
            let mut d = base.clone();
            d.body.push_str(&format!("\n\nEdition {i} of the story."));
            (d, ImportMeta::default())
        })
        .collect();
    store.import(&docs, "Ana").unwrap();
    let all = store.claims(&ClaimFilter::default()).unwrap();
    assert!(all.len() > 7_000, "{} claims", all.len());
    let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    // Verdicts: most claims False by Ana, a band True by Ben, a few Mixed by
    // Ana then a later Mixed by Ben; statuses likewise.
    let (most, rest) = ids.split_at(ids.len() * 7 / 8 + 7);
    store
        .give_verdicts(most, "False", Some("r"), "Ana")
        .unwrap();
    store
        .give_verdicts(&rest[..200], "True", Some("r"), "Ben")
        .unwrap();
    store
        .give_verdicts(&most[..50], "Mixed", Some("r"), "Ben")
        .unwrap();
    store
        .set_statuses(&ids[..6500], Status::Done, "Ana")
        .unwrap();
    store
        .set_statuses(&ids[6500..6600], Status::InProgress, "Ana")
        .unwrap();
    // Two claims merged: the kept claim's current verdict is the later one.
    let article_of: std::collections::HashMap<&str, &str> = all
        .iter()
        .map(|c| (c.id.as_str(), c.article_id.as_str()))
        .collect();
    let keep = rest[0];
    let other = *most
        .iter()
        .find(|a| article_of[*a] == article_of[keep])
        .expect("two claims of one article with different verdicts");
    store.merge_claims(keep, other, "Ana").unwrap();

    let walk = store.claims(&ClaimFilter::default()).unwrap();
    let check = |f: ClaimFilter, keep: &dyn Fn(&factdesk_core::model::Claim) -> bool| {
        for sort in [SortBy::Worth, SortBy::Reading, SortBy::Newest] {
            let mut expected: Vec<&factdesk_core::model::Claim> =
                walk.iter().filter(|c| keep(c)).collect();
            let unpaged = store.claims(&ClaimFilter { sort, ..f.clone() }).unwrap();
            let key = |c: &factdesk_core::model::Claim| c.id.clone();
            let mut got: Vec<String> = unpaged.iter().map(key).collect();
            let mut want: Vec<String> = expected.iter().map(|c| key(c)).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "{f:?} {sort:?}: the set differs");
            // A page is the same claims in the same order as the unpaged list.
            for (limit, offset) in [(100, 0), (100, 50), (10, 3_500)] {
                let page = store
                    .claims(&ClaimFilter {
                        sort,
                        limit: Some(limit),
                        offset,
                        ..f.clone()
                    })
                    .unwrap();
                let want: Vec<&str> = unpaged
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|c| c.id.as_str())
                    .collect();
                let got: Vec<&str> = page.iter().map(|c| c.id.as_str()).collect();
                assert_eq!(got, want, "{f:?} {sort:?} page {limit}+{offset}");
            }
            expected.clear();
        }
    };
    let rating = |r: &'static str| {
        move |c: &factdesk_core::model::Claim| c.verdict.as_ref().is_some_and(|v| v.rating == r)
    };
    let by = |who: &'static str| {
        move |c: &factdesk_core::model::Claim| c.verdict.as_ref().is_some_and(|v| v.checker == who)
    };
    let status = |s: Status| move |c: &factdesk_core::model::Claim| c.status == s;
    let f = ClaimFilter::default;
    check(
        ClaimFilter {
            rating: Some("false".into()),
            ..f()
        },
        &rating("False"),
    );
    check(
        ClaimFilter {
            rating: Some("Mixed".into()),
            ..f()
        },
        &rating("Mixed"),
    );
    check(
        ClaimFilter {
            checker: Some("ben".into()),
            ..f()
        },
        &by("Ben"),
    );
    check(
        ClaimFilter {
            status: Some(Status::Done),
            ..f()
        },
        &status(Status::Done),
    );
    check(
        ClaimFilter {
            status: Some(Status::InProgress),
            ..f()
        },
        &status(Status::InProgress),
    );
    check(
        ClaimFilter {
            status: Some(Status::Done),
            rating: Some("False".into()),
            checker: Some("Ana".into()),
            ..f()
        },
        &|c| status(Status::Done)(c) && rating("False")(c) && by("Ana")(c),
    );
    check(
        ClaimFilter {
            rating: Some("True".into()),
            status: Some(Status::New),
            ..f()
        },
        &|c| rating("True")(c) && status(Status::New)(c),
    );
    check(
        ClaimFilter {
            speaker: Some("ushakov".into()),
            ..f()
        },
        &|c| {
            c.speakers
                .iter()
                .any(|s| s.name.to_lowercase().contains("ushakov"))
        },
    );
    check(
        ClaimFilter {
            source: Some("post".into()),
            rating: Some("False".into()),
            ..f()
        },
        &|c| c.sources.iter().any(|s| s.to_lowercase().contains("post")) && rating("False")(c),
    );
    // "Since": changed since, or given any verdict since, alone and with a checker.
    let latest_verdict: std::collections::HashMap<String, String> = walk
        .iter()
        .filter_map(|c| {
            let vs = store.verdicts(&c.id).unwrap();
            vs.iter()
                .map(|v| v.at.clone())
                .max()
                .map(|at| (c.id.clone(), at))
        })
        .collect();
    let mut times: Vec<String> = walk
        .iter()
        .map(|c| c.updated_at.clone())
        .chain(latest_verdict.values().cloned())
        .collect();
    times.sort();
    times.dedup();
    for at in [&times[0], &times[times.len() / 2], &times[times.len() - 1]] {
        let since = |c: &factdesk_core::model::Claim| {
            c.updated_at >= *at || latest_verdict.get(&c.id).is_some_and(|v| v >= at)
        };
        check(
            ClaimFilter {
                since: Some(at.clone()),
                ..f()
            },
            &since,
        );
        for who in ["Ana", "Ben"] {
            check(
                ClaimFilter {
                    since: Some(at.clone()),
                    checker: Some(who.into()),
                    ..f()
                },
                &|c| since(c) && by(who)(c),
            );
        }
    }
}

#[test]
fn data_version_tells_of_another_processs_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut app = Store::open(&path).unwrap();
    let mut cli = Store::open(&path).unwrap();
    let seen = app.data_version().unwrap();
    // The app's own write is not news to it...
    app.set_setting("checker", "Ana").unwrap();
    assert_eq!(app.data_version().unwrap(), seen);
    // ...another connection's commit is.
    cli.import(&[(sample_doc(), ImportMeta::default())], "Ben")
        .unwrap();
    let after = app.data_version().unwrap();
    assert_ne!(after, seen);
    assert_eq!(
        app.data_version().unwrap(),
        after,
        "steady while nothing changes"
    );
    // The policy is settings written together.
    let policy = factdesk_core::store::Policy {
        verdict_sets_done: false,
        undetermined_without_rationale: true,
        require_approval: true,
    };
    cli.set_policy(policy).unwrap();
    assert_eq!(app.policy().unwrap(), policy);
    assert_ne!(app.data_version().unwrap(), after);
}
