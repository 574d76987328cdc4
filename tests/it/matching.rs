//! Claim matching: the labelled pairs scored as a checker would judge the
//! suggestions, and the confirm / reject workflow.

use factdesk_core::Store;
use factdesk_core::import::{parse_text, read_file};
use factdesk_core::matching::MatchKind;
use factdesk_core::model::ClaimKind;
use factdesk_core::store::{ImportMeta, NewClaim};

use crate::support::{fixtures, sample_path};

struct Pair {
    label: String,
    group: String,
    a: String,
    b: String,
}

fn pairs() -> Vec<Pair> {
    std::fs::read_to_string(fixtures().join("matching-pairs.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{l}");
            Pair {
                label: f[0].into(),
                group: f[1].into(),
                a: f[2].into(),
                b: f[3].into(),
            }
        })
        .collect()
}

/// A store with background articles (the sample and the dev set), so that
/// term weights are those of news text.
fn background() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut docs = vec![(read_file(&sample_path()).unwrap(), ImportMeta::default())];
    for entry in std::fs::read_dir(fixtures().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            docs.push((read_file(&path).unwrap(), ImportMeta::default()));
        }
    }
    store.import(&docs, "bench").unwrap();
    store
}

/// Stores a sentence as its own article and a claim over all of it.
fn claim(store: &mut Store, text: &str, n: usize) -> String {
    use factdesk_core::matching::same_words_key;
    let doc = parse_text(&format!("Pair article {n}\n\n{text}"));
    let article = store
        .import(&[(doc, ImportMeta::default())], "bench")
        .unwrap()[0]
        .id
        .clone();
    let view = store.article(&article).unwrap();
    let body = view.body;
    // The extractor may have found the sentence itself: that is the claim.
    if let Some(c) = store
        .claims(&factdesk_core::store::ClaimFilter {
            article: Some(article.clone()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .find(|c| same_words_key(&c.text) == same_words_key(&body))
    {
        return c.id;
    }
    store
        .add_claim(
            &NewClaim {
                article_id: article,
                start: 0,
                end: body.chars().count(),
                kind: ClaimKind::Statement,
                speaker: None,
                role: None,
            },
            "bench",
        )
        .unwrap()
}

#[derive(Default, Debug)]
struct Tally {
    /// Positives suggested with the right kind.
    hit: usize,
    /// Positives not suggested, or suggested with the wrong kind.
    missed: Vec<String>,
    /// Negatives suggested.
    wrong: Vec<String>,
    positives: usize,
}

#[test]
fn labelled_pairs_meet_the_quality_bar() {
    let mut store = background();
    let pairs = pairs();
    let ids: Vec<(String, String)> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                claim(&mut store, &p.a, 2 * i),
                claim(&mut store, &p.b, 2 * i + 1),
            )
        })
        .collect();
    // As the app does in the background: the encoder reads every claim.
    let left = store.encode_all(|_| ()).unwrap();
    assert_eq!((left.pending, left.unavailable), (0, None));
    // The scores at every threshold (printed with --nocapture).
    let mut scored: Vec<(&str, Option<(f64, MatchKind)>)> = Vec::new();
    for (p, (a, b)) in pairs.iter().zip(&ids) {
        let s = store
            .similar_at(a, 50, 0.0)
            .unwrap()
            .into_iter()
            .find(|s| &s.claim.id == b || s.repeats.contains(b))
            .map(|s| (s.score, s.kind));
        scored.push((p.label.as_str(), s));
    }
    for t in [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75] {
        let (mut hit, mut wrong, mut pos) = (0, 0, 0);
        for (label, s) in &scored {
            let want = match *label {
                "same" => Some(MatchKind::Same),
                "contradicts" => Some(MatchKind::Contradicts),
                _ => None,
            };
            let shown = s.filter(|(x, _)| *x >= t);
            match want {
                Some(k) => {
                    pos += 1;
                    if shown.is_some_and(|(_, kind)| kind == k) {
                        hit += 1;
                    }
                }
                None if shown.is_some() => wrong += 1,
                None => {}
            }
        }
        eprintln!(
            "  at {t:.2}: precision {:.3}, recall {:.3}",
            hit as f64 / (hit + wrong).max(1) as f64,
            hit as f64 / pos as f64
        );
    }
    let mut tally = Tally::default();
    let mut by_group: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (p, (a, b)) in pairs.iter().zip(&ids) {
        let found = store
            .similar(a, 50)
            .unwrap()
            .into_iter()
            .find(|s| &s.claim.id == b || s.repeats.contains(b));
        let want = match p.label.as_str() {
            "same" => Some(MatchKind::Same),
            "contradicts" => Some(MatchKind::Contradicts),
            _ => None,
        };
        let right = match (want, &found) {
            (Some(k), Some(s)) => s.kind == k,
            (None, None) => true,
            _ => false,
        };
        let g = by_group.entry(p.group.as_str()).or_default();
        g.1 += 1;
        if right {
            g.0 += 1;
        }
        let line = format!(
            "{} [{}] {:?} / {:?}: {:?}",
            p.label,
            p.group,
            p.a,
            p.b,
            found.as_ref().map(|s| (s.score, s.kind))
        );
        match want {
            Some(_) => {
                tally.positives += 1;
                if right {
                    tally.hit += 1;
                } else {
                    tally.missed.push(line);
                }
            }
            None if found.is_some() => tally.wrong.push(line),
            None => {}
        }
    }
    let precision = tally.hit as f64 / (tally.hit + tally.wrong.len()).max(1) as f64;
    let recall = tally.hit as f64 / tally.positives.max(1) as f64;
    eprintln!(
        "matching at {}: precision {precision:.3}, recall {recall:.3} ({} pairs)",
        Store::suggestion_threshold(),
        pairs.len()
    );
    for (g, (ok, n)) in &by_group {
        eprintln!("  {g}: {ok} of {n} right");
    }
    for m in tally.missed.iter().chain(&tally.wrong) {
        eprintln!("  wrong: {m}");
    }
    // These pairs were written by the team; the real measure is CLEF 2020
    // (docs/benchmarks.md). They guard what the ranker must never lose:
    // negations offered as contradictions, other numbers kept apart, and
    // paraphrases found: all but one ("has risen faster than inflation"
    // against "has outpaced inflation" scores under the threshold that CLEF's
    // train split sets for 90% precision). With the encoder's vectors, 12 of
    // the 13 pairs that share words but say different things are held apart.
    for group in ["negated", "other numbers"] {
        let (ok, n) = by_group[group];
        assert_eq!(
            ok, n,
            "{group}: {ok} of {n} right: {:#?} {:#?}",
            tally.missed, tally.wrong
        );
    }
    let (ok, n) = by_group["paraphrase"];
    assert!(
        ok + 1 >= n,
        "paraphrase: {ok} of {n} right: {:#?}",
        tally.missed
    );
    assert!(by_group["shared words"].0 >= 11, "{:#?}", tally.wrong);
    assert!(
        precision >= 0.8,
        "precision {precision:.3}: {:#?}",
        tally.wrong
    );
    assert!(recall >= 0.95, "recall {recall:.3}: {:#?}", tally.missed);
}

#[test]
fn a_suggestion_is_confirmed_or_rejected_once() {
    let mut store = background();
    let a = claim(
        &mut store,
        "The city's unemployment rate fell to 4.2 percent in March, the lowest in a decade.",
        1,
    );
    let b = claim(
        &mut store,
        "Unemployment in the city dropped to 4.2% in March, the lowest in a decade.",
        2,
    );
    let c = claim(
        &mut store,
        "Unemployment in the city fell to 4.2 percent in March, officials said on Monday.",
        3,
    );
    let d = claim(
        &mut store,
        "Unemployment in the city did not fall to 4.2 percent in March, officials said.",
        4,
    );
    store
        .give_verdict(&b, "true", Some("Labour office figures."), "Ana")
        .unwrap();

    let found = store.similar(&a, 10).unwrap();
    let ids: Vec<&str> = found.iter().map(|s| s.claim.id.as_str()).collect();
    assert!(
        ids.contains(&b.as_str()) && ids.contains(&c.as_str()),
        "{found:#?}"
    );
    // The precedent comes with the suggestion.
    let precedent = found.iter().find(|s| s.claim.id == b).unwrap();
    assert_eq!(precedent.claim.verdict.as_ref().unwrap().rating, "True");
    assert!(
        found
            .iter()
            .all(|s| s.score >= Store::suggestion_threshold())
    );
    // The negated claim is offered as a contradiction, not a match.
    let neg = store.similar(&c, 10).unwrap();
    let d_hit = neg
        .iter()
        .find(|s| s.claim.id == d)
        .expect("the negated claim");
    assert_eq!(d_hit.kind, MatchKind::Contradicts);

    // Confirm one, reject another: neither is suggested again; the confirmed pair shows on both.
    assert_eq!(store.confirm_match(&a, &b, "Ana").unwrap(), MatchKind::Same);
    store.reject_match(&c, &a, "Ana").unwrap();
    let again: Vec<String> = store
        .similar(&a, 10)
        .unwrap()
        .into_iter()
        .map(|s| s.claim.id)
        .collect();
    assert!(!again.contains(&b) && !again.contains(&c), "{again:?}");
    assert_eq!(store.same_claims(&b).unwrap(), vec![a.clone()]);
    assert_eq!(store.same_claims(&a).unwrap(), vec![b.clone()]);
    assert!(
        store
            .history(&a)
            .unwrap()
            .iter()
            .any(|h| h.action == "match.confirmed")
    );
    assert!(
        store
            .history(&c)
            .unwrap()
            .iter()
            .any(|h| h.action == "match.rejected")
    );
    // A confirmed contradiction is a relation, as the extractor makes.
    assert_eq!(
        store.confirm_match(&c, &d, "Ana").unwrap(),
        MatchKind::Contradicts
    );
    assert_eq!(store.relations_of(&d).unwrap().len(), 1);

    // Claims of a few words are not matched; the "similar claims" search says why.
    let short = claim(
        &mut store,
        "He said that it was not so at all, and that was that.",
        5,
    );
    assert!(store.similar(&short, 10).unwrap().is_empty());
    assert!(store.similar_to_text("no way", 10).is_err());
    let by_text = store
        .similar_to_text("city unemployment fell to 4.2% in March", 10)
        .unwrap();
    assert!(by_text.iter().any(|s| s.claim.id == b));
}

/// The term counts the store keeps, and the counts of the terms it stores.
/// Term counts as `(term, count)` rows.
type Counts = Vec<(String, i64)>;

fn term_counts(db: &std::path::Path) -> (Counts, Counts) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let q = |sql: &str| -> Vec<(String, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let kept = q("SELECT term, df FROM term_df ORDER BY term");
    let actual = q(
        "WITH RECURSIVE split(w, rest) AS (
            SELECT '', terms || ' ' FROM claim_terms
            UNION ALL SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> '')
         SELECT w, count(*) FROM split WHERE w <> '' GROUP BY w
         UNION ALL SELECT '', count(*) FROM claim_terms
         ORDER BY 1",
    );
    (kept, actual)
}

#[test]
fn edits_and_deletions_keep_the_index_true() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut store = Store::open(&db).unwrap();
    let doc = read_file(&sample_path()).unwrap();
    store
        .import(&[(doc, ImportMeta::default())], "bench")
        .unwrap();
    let a = claim(
        &mut store,
        "The new hospital wing will cost 120 million pounds and open in 2027.",
        1,
    );
    let b = claim(
        &mut store,
        "The hospital's new wing is set to open in 2027 at a cost of £120 million.",
        2,
    );
    assert!(
        store
            .similar(&a, 10)
            .unwrap()
            .iter()
            .any(|s| s.claim.id == b)
    );
    store.delete_claim(&b, "Ana").unwrap();
    assert!(
        store
            .similar(&a, 10)
            .unwrap()
            .iter()
            .all(|s| s.claim.id != b)
    );
    // Re-spanning a claim re-indexes its words.
    let c = claim(
        &mut store,
        "The hospital wing will cost 120 million pounds, and the council blamed the contractors for the delays.",
        3,
    );
    let score_of = |store: &Store| {
        store
            .similar_at(&a, 50, 0.0)
            .unwrap()
            .into_iter()
            .find(|s| s.claim.id == c)
            .map_or(0.0, |s| s.score)
    };
    let before = score_of(&store);
    let text = store
        .article(&store.claim(&c).unwrap().article_id)
        .unwrap()
        .body;
    let end = text.chars().position(|ch| ch == ',').unwrap();
    store.respan_claim(&c, 0, end, "Ana").unwrap();
    let after = score_of(&store);
    assert!(
        after > before && after >= Store::suggestion_threshold(),
        "{before} -> {after}"
    );
    // Merge two claims; the counts of terms stay true through every change.
    let ids: Vec<String> = store
        .claims(&Default::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    store.merge_claims(&ids[0], &ids[1], "Ana").unwrap();
    let (kept, actual) = term_counts(&db);
    assert_eq!(kept, actual);
    assert_vectors_true(&db);
}

/// Every claim has one vector, and it is the vector of the claim's text now.
fn assert_vectors_true(db: &std::path::Path) {
    let model = factdesk_core::embed::shipped().unwrap();
    let conn = rusqlite::Connection::open(db).unwrap();
    let rows: Vec<(String, Option<Vec<u8>>)> = conn
        .prepare(
            "SELECT c.text, v.vector FROM claims c LEFT JOIN claim_vectors v ON v.claim_id = c.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let vectors: i64 = conn
        .query_row("SELECT count(*) FROM claim_vectors", [], |r| r.get(0))
        .unwrap();
    assert_eq!(vectors as usize, rows.len());
    for (text, v) in rows {
        assert_eq!(v, Some(model.embed(&text).to_bytes()), "{text}");
    }
}

/// The encoder's background pass reads every claim once, in chunks; a claim
/// whose text is rewritten is read again; a claim stored twice (other
/// quotation marks) is suggested once, as the earliest, with the other folded in.
#[test]
fn the_encoders_pass_reads_each_claim_and_a_claim_stored_twice_is_one_suggestion() {
    require_encoder();
    let mut store = Store::open_in_memory().unwrap();
    let first = claim(
        &mut store,
        "Albert Einstein said \"we are slowed down sound and light waves\" in a lecture.",
        0,
    );
    let again = claim(
        &mut store,
        "Albert Einstein said 'we are slowed down sound and light waves' in a lecture.",
        1,
    );
    let other = claim(
        &mut store,
        "A photograph shows columns of tanks in President Kennedy's inaugural parade.",
        2,
    );
    let all = store.claims(&Default::default()).unwrap().len() as i64;
    assert!(all >= 3);
    let pending = store.encode_pending(0).unwrap().pending;
    assert_eq!(pending, all, "nothing is read before the pass");
    let mut chunks = Vec::new();
    let last = store.encode_all(|p| chunks.push(p.clone())).unwrap();
    assert_eq!((last.pending, last.unavailable.clone()), (0, None));
    assert_eq!(chunks.iter().map(|p| p.encoded as i64).sum::<i64>(), all);
    assert_eq!(store.encode_pending(10).unwrap().encoded, 0, "read once");

    let found = store
        .similar_to_text("Einstein: we are slowed down sound and light waves", 5)
        .unwrap();
    assert_eq!(found[0].claim.id, first, "{found:?}");
    assert_eq!(found[0].repeats, vec![again.clone()]);
    assert!(
        found.iter().all(|s| s.claim.id != again),
        "folded, not shown twice"
    );

    // Rewriting a claim's text drops its encoding until the pass reads it again.
    let body = store
        .article(&store.claim(&other).unwrap().article_id)
        .unwrap()
        .body;
    store
        .respan_claim(&other, 0, body.chars().count() - 1, "bench")
        .unwrap();
    assert_eq!(store.encode_pending(0).unwrap().pending, 1);
    assert_eq!(store.encode_pending(10).unwrap().encoded, 1);
    // A deleted claim takes its encoding with it, and the index forgets it.
    store.delete_claim(&first, "bench").unwrap();
    let found = store
        .similar_to_text("Einstein: we are slowed down sound and light waves", 5)
        .unwrap();
    assert_eq!(found[0].claim.id, again, "{found:?}");
    assert_eq!(store.encode_pending(0).unwrap().pending, 0);
}

#[test]
fn a_new_static_model_keeps_the_encoders_vectors() {
    require_encoder();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let mut store = Store::open(&db).unwrap();
    claim(
        &mut store,
        "The city council voted to close three libraries in March.",
        0,
    );
    claim(&mut store, "Unemployment fell to 3.9 percent in May.", 1);
    store.encode_all(|_| {}).unwrap();
    drop(store);
    let count = |sql: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    };
    let encoded = count("SELECT count(*) FROM claim_encodings");
    assert!(encoded >= 2);
    // As if the static model had changed: its vectors are written again on open.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DELETE FROM settings WHERE key = 'vector_model'; DELETE FROM claim_vectors;",
        )
        .unwrap();
    let mut store = Store::open(&db).unwrap();
    assert_eq!(count("SELECT count(*) FROM claim_vectors"), encoded);
    assert_eq!(count("SELECT count(*) FROM claim_encodings"), encoded);
    assert_eq!(
        store.encode_pending(0).unwrap().pending,
        0,
        "nothing to read again"
    );
}

#[test]
fn vectors_read_before_the_full_stop_rule_are_read_again() {
    require_encoder();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let mut store = Store::open(&db).unwrap();
    claim(&mut store, "Unemployment fell to 3.9 percent in May.", 0);
    store.encode_all(|_| {}).unwrap();
    drop(store);
    // As a database of schema 12 would be: its vectors read each claim's
    // closing full stop. Opening it drops them for the pass to read again.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 12).unwrap();
    drop(conn);
    let mut store = Store::open(&db).unwrap();
    let claims = store.claims(&Default::default()).unwrap().len() as i64;
    assert!(claims >= 1);
    assert_eq!(store.encode_pending(0).unwrap().pending, claims);
    assert_eq!(store.encode_all(|_| {}).unwrap().pending, 0);
}

/// The shipped encoder's weights must be on this machine: the test script
/// fetches them, and a test that needs them fails, never skips, without them.
fn require_encoder() {
    if factdesk_core::encoder::shipped().is_err() {
        panic!("the encoder's weights are missing: run scripts/test-all.sh, which fetches them");
    }
}
