//! The extractor, judged on fixture articles (snapshots) and on the sample
//! article against what a checker expects (`shared/samples/kremlin-summit.expected.md`).

use factdesk_core::extract::{ExtractedClaim, Extraction, extract};
use factdesk_core::import::read_file;
use factdesk_core::model::{ClaimKind, RelationKind};
use proptest::prelude::*;

use crate::support::{fixtures, sample_path};

/// The one place that runs the extractor on a fixture: the article is read as
/// the importer reads it, and the claims are snapshotted with their texts.
fn check(name: &str) {
    let path = if name == "kremlin-summit" {
        sample_path()
    } else {
        fixtures().join("articles").join(format!("{name}.txt"))
    };
    let doc = read_file(&path).unwrap();
    let x = extract(&doc.body);
    assert_invariants(&doc.body, &x);
    let listing: Vec<serde_json::Value> = x
        .claims
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id, "kind": c.kind, "text": c.text, "speaker": c.speaker(), "role": c.role(),
                "sources": c.source_details.iter().map(|s| match &s.detail {
                    Some(d) => format!("{} ({d})", s.name),
                    None => s.name.clone(),
                }).collect::<Vec<_>>(),
                "checkworthiness": c.checkworthiness,
            })
        })
        .collect();
    insta::assert_yaml_snapshot!(
        name,
        serde_json::json!({
            "title": doc.title,
            "claims": listing,
            "relations": x.relations,
            "diagnostics": x.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>(),
        })
    );
}

/// What must hold for any extraction: spans inside the text, claim text at the span.
pub(crate) fn assert_invariants(text: &str, x: &Extraction) {
    let chars: Vec<char> = text.chars().collect();
    for c in &x.claims {
        assert!(
            c.span.start < c.span.end && c.span.end <= chars.len(),
            "span {:?} outside {} chars",
            c.span,
            chars.len()
        );
        let at: String = chars[c.span.start..c.span.end].iter().collect();
        assert_eq!(at, c.text, "claim text differs from the text at its span");
        assert!((0.0..=1.0).contains(&c.checkworthiness));
    }
    for r in &x.relations {
        assert!(x.claims.iter().any(|c| c.id == r.a) && x.claims.iter().any(|c| c.id == r.b));
    }
}

#[test]
fn sample_article() {
    check("kremlin-summit");
}
/// Every article in `tests/fixtures/articles`, found in the folder: a new
/// fixture is snapshotted without being listed anywhere.
#[test]
fn fixture_articles() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures missing: {names:?}");
    for name in &names {
        check(name);
    }
}

pub(crate) fn find<'a>(x: &'a Extraction, needle: &str) -> &'a ExtractedClaim {
    x.claims
        .iter()
        .find(|c| c.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim contains {needle:?}"))
}

/// No claim's text holds `words` (a cue, or two sentences run together).
pub(crate) fn assert_no_claim_holds(x: &Extraction, words: &str) {
    assert!(
        x.claims.iter().all(|c| !c.text.contains(words)),
        "{words}: {:?}",
        x.claims.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
}

/// Each of the sixteen claims in `kremlin-summit.expected.md`, by kind, speaker and sources.
#[test]
fn sample_meets_the_checkers_expectations() {
    let doc = read_file(&sample_path()).unwrap();
    assert_eq!(
        doc.title,
        "Kremlin: Russia not ready to accept Trump invite to Washington"
    );
    assert!(!doc.body.contains("{mosads}") && !doc.body.starts_with("Administration"));
    let x = extract(&doc.body);
    let expect = |needle: &str, kind: ClaimKind, speaker: Option<&str>, sources: &[&str]| {
        let c = find(&x, needle);
        assert_eq!(c.kind, kind, "kind of {needle:?}");
        assert_eq!(c.speaker().as_deref(), speaker, "speaker of {needle:?}");
        assert_eq!(c.sources(), sources, "sources of {needle:?}");
        c
    };
    use ClaimKind::*;
    let ush = Some("Yuri Ushakov");
    expect("Russia is not ready to accept", Paraphrase, ush, &[]);
    expect(
        "Russia agrees there should be another meeting",
        Paraphrase,
        ush,
        &[],
    );
    expect(
        "After the summit, you know what kind of atmosphere",
        Quote,
        ush,
        &["Reuters"],
    );
    expect(
        "I think it would be wise to let the dust settle",
        Quote,
        ush,
        &["Reuters"],
    );
    expect(
        "preparations are underway",
        Paraphrase,
        Some("Donald Trump and Sarah Huckabee Sanders"),
        &[],
    );
    let tweet = expect(
        "I look forward to our second meeting",
        Quote,
        Some("Donald Trump"),
        &["Twitter"],
    );
    assert_eq!(
        tweet.source_details[0].detail.as_deref(),
        Some("tweeted on July 19")
    );
    expect(
        "summit in Helsinki, Finland, a success",
        Paraphrase,
        Some("Sarah Huckabee Sanders and Donald Trump"),
        &[],
    );
    let would = expect(
        "he didn\u{2019}t know why Russia",
        Paraphrase,
        Some("Donald Trump"),
        &[],
    );
    let wouldnt = expect("he meant to say", Paraphrase, Some("Donald Trump"), &[]);
    expect(
        "lasted more than two hours",
        Statement,
        None,
        &["The Washington Post"],
    );
    expect(
        "many top administration officials were unaware",
        Statement,
        None,
        &["The Washington Post"],
    );
    let zak = expect(
        "the Kremlin is already working",
        Paraphrase,
        Some("Marina Zakharova"),
        &[],
    );
    assert_eq!(zak.role(), Some("Russian Foreign Ministry spokeswoman"));
    expect(
        "A lot of what the president of the Russian Federation",
        Quote,
        Some("Marina Zakharova"),
        &["The Washington Post"],
    );
    expect(
        "Relevant instructions are being carried out",
        Quote,
        Some("Marina Zakharova"),
        &["The Washington Post"],
    );
    let antonov = expect(
        "Russia is willing to",
        Paraphrase,
        Some("Anatoly Antonov"),
        &["Reuters"],
    );
    assert_eq!(
        antonov.role(),
        Some("Russia\u{2019}s ambassador to the United States")
    );
    expect(
        "there are other opportunities for the leaders to meet",
        Paraphrase,
        ush,
        &[],
    );
    expect(
        "There are other options (to meet)",
        Quote,
        ush,
        &["Reuters"],
    );
    expect(
        "Maybe there will be other international events",
        Quote,
        ush,
        &["Reuters"],
    );
    expect("slated to attend", Statement, None, &[]);
    // Scare quotes are part of the paraphrase, not claims of their own.
    assert!(
        x.claims
            .iter()
            .all(|c| c.text != "would" && c.text != "wouldn\u{2019}t" && c.text != "discuss")
    );
    // The would / wouldn't pair is a correction.
    let rel = x
        .relations
        .iter()
        .find(|r| r.a == would.id && r.b == wouldnt.id)
        .expect("would/wouldn't relation");
    assert_eq!(rel.kind, RelationKind::Corrects);
    assert_eq!(rel.note, "would -> wouldn't");
    // Entities with their aliases.
    let ent = |name: &str| {
        x.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}"))
    };
    assert!(ent("Donald Trump").aliases.iter().any(|a| a == "Trump"));
    assert!(
        ent("Donald Trump")
            .aliases
            .iter()
            .any(|a| a == "President Trump")
    );
    assert!(ent("Yuri Ushakov").aliases.iter().any(|a| a == "Ushakov"));
    assert!(
        ent("The Washington Post")
            .aliases
            .iter()
            .any(|a| a == "the Post")
    );
    // Every claim is checkable: the list has no chatter.
    assert_eq!(
        x.claims.len(),
        factdesk_core::SAMPLE_CLAIMS,
        "16 expected claims, three of them quotes split in two"
    );
}

#[test]
fn abbreviations_initials_and_decimals_do_not_break_quotes() {
    let x = extract(
        "Dr. J. R. Smith of the U.S. Army said the fleet grew 3.5 percent in Jan. and Feb. this year.\n\u{201c}We are at 9 a.m. readiness,\u{201d} Gen. Smith said.",
    );
    let p = find(&x, "the fleet grew 3.5 percent");
    assert_eq!(p.speaker().as_deref(), Some("J. R. Smith"));
    let q = find(&x, "We are at 9 a.m. readiness");
    assert_eq!(q.kind, ClaimKind::Quote);
    assert_eq!(q.speaker().as_deref(), Some("J. R. Smith"));
}

#[test]
fn inverted_attribution_and_straight_quotes() {
    let x = extract(
        "\"The plan will cut emissions by half by 2030,\" said Environment Minister Clara Schmidt.",
    );
    let q = find(&x, "The plan will cut emissions");
    assert_eq!(q.speaker().as_deref(), Some("Clara Schmidt"));
    assert_eq!(q.role(), Some("Environment Minister"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Arbitrary Unicode: no panic, and every span is on char boundaries inside the text.
    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let x = extract(&text);
        assert_invariants(&text, &x);
    }

    /// News-like fragments in any order: quotes, cues, marks, abbreviations, newlines.
    #[test]
    fn never_panics_on_news_like_text(parts in proptest::collection::vec(prop_oneof![
        Just("\u{201c}"), Just("\u{201d}"), Just("\""), Just("'"), Just("\u{2018}"), Just("\u{2019}"), Just(" said "),
        Just(" according to Reuters"), Just("Mr. "), Just("U.S. "), Just("3.5 "), Just(", "), Just(". "), Just("\n\n"),
        Just("Yuri Ushakov"), Just(" she "), Just("would"), Just("wouldn't"), Just(" recanted "), Just("\u{2014}"),
        Just("a top aide"), Just(" told CNN that "), Just("The Post reported"), Just("é"), Just("\u{1F600}"), Just(" "),
    ], 0..60)) {
        let text: String = parts.concat();
        let x = extract(&text);
        assert_invariants(&text, &x);
    }
}

/// A sentence's opening word is never its speaker: "Asked about ...,",
/// "Speaking to ...,", "In Iowa," or "It" name no one, so the speaker is the
/// name after the opening phrase, or nobody (the claim still stands).
#[test]
fn opening_words_are_never_speakers() {
    let text = "Headline here\n\n\
        In Iowa on Monday, Donald Trump said the wall would be built by 2020 at no cost to taxpayers.\n\n\
        Asked about the wall, Trump said it would cost $10 billion.\n\n\
        Speaking to reporters in Ohio, Hillary Clinton said the plan would fail within two years.\n\n\
        But Clinton said the plan would add 2 million jobs.\n\n\
        It said the economy grew by 3 percent last year.\n";
    let x = extract(text);
    let speaker_of = |words: &str| -> Option<String> {
        let c = x
            .claims
            .iter()
            .find(|c| c.text.contains(words))
            .unwrap_or_else(|| panic!("no claim with {words:?}: {:#?}", x.claims));
        c.speakers.first().map(|s| s.name.clone())
    };
    assert_eq!(
        speaker_of("no cost to taxpayers").as_deref(),
        Some("Donald Trump")
    );
    assert_eq!(
        speaker_of("cost $10 billion").as_deref(),
        Some("Donald Trump")
    );
    assert_eq!(
        speaker_of("fail within two years").as_deref(),
        Some("Hillary Clinton")
    );
    assert_eq!(
        speaker_of("2 million jobs").as_deref(),
        Some("Hillary Clinton")
    );
    let it = x
        .claims
        .iter()
        .find(|c| c.text.contains("economy grew"))
        .unwrap();
    assert_eq!(it.kind, ClaimKind::Paraphrase);
    assert!(it.speakers.is_empty(), "{:?}", it.speakers);
    assert_invariants(text, &x);
    // "the mayor" points back to someone named as mayor, never to whoever is named next.
    let y = extract(
        "Headline here\n\n\"We are not going anywhere,\" the mayor said on Tuesday.\n\nClinton said the plan would add 2 million jobs by 2020.\n",
    );
    let mayor = y
        .claims
        .iter()
        .find(|c| c.text.contains("going anywhere"))
        .unwrap();
    assert!(mayor.speakers.is_empty(), "{:?}", mayor.speakers);
    // Shown as described, not as a name: the speaker is "the mayor", with no role.
    assert_eq!(mayor.speaker().as_deref(), Some("the mayor"));
    assert_eq!(mayor.role(), None);
}

#[test]
fn learned_speech_verbs_need_that() {
    // A verb PolNeAR's cues taught ("lamented", "mentioned") reports
    // speech before "that"; with an object that a relative clause describes
    // after it, the sentence is the article's statement (speakers.rs has the
    // verbs that report their object).
    let text = "Headline here\n\nSenator Maria Lopez lamented that the state lost 4,000 jobs in 2023.\n\nHe mentioned the November meeting in Lima, which both leaders are slated to attend.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let lost = find(&x, "lost 4,000 jobs");
    assert_eq!(lost.kind, ClaimKind::Paraphrase);
    assert_eq!(lost.speaker().as_deref(), Some("Maria Lopez"));
    assert_eq!(lost.text, "the state lost 4,000 jobs in 2023");
    let meeting = x
        .claims
        .iter()
        .find(|c| c.text.contains("November meeting"));
    assert!(
        meeting.is_none_or(|c| c.kind == ClaimKind::Statement),
        "{meeting:?}"
    );
}

#[test]
fn speakers_after_an_opening_phrase_learned_heads_and_quote_cues() {
    // The subject follows an opening phrase or an earlier clause; a noun
    // PolNeAR's sources taught ("pollster") heads a description; a verb its
    // quotes taught ("quipped") says who spoke the quote beside it; a time
    // before the description is the clause's ("Last week").
    let text = "Headline here\n\nIn a meeting with the paper's editorial board, Kevin Moss said: \"Statehood is a tough thing for the district.\"\n\n\u{201c}She is behind in a number of national polls,\u{201d} the pollster said.\n\n\u{201c}It is like a lawyer with the dumbest client ever,\u{201d} Moss quipped.\n\nLast week the company said the plant would close in 2027.\n\nBut in a conference call with reporters in the capital on Tuesday, Col. Steven Warren, a military spokesman, said, \"A raid is a combat operation.\"\n\nAnd Mr. Warren gloated: \"I told you they would not be ready for it.\"\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let speaker = |needle: &str| find(&x, needle).speaker();
    assert_eq!(speaker("tough thing").as_deref(), Some("Kevin Moss"));
    assert_eq!(speaker("national polls").as_deref(), Some("the pollster"));
    assert_eq!(speaker("dumbest client").as_deref(), Some("Kevin Moss"));
    assert_eq!(speaker("plant would close").as_deref(), Some("the company"));
    // A long opening phrase before the subject; a past tense no list knows,
    // before the colon that opens the quote.
    assert_eq!(
        speaker("combat operation").as_deref(),
        Some("Steven Warren")
    );
    // The subject of a passive heard it; one capitalised word with a plural
    // verb is a group, never the person "she" stands for.
    let text = "Headline here\n\nChristine Link runs the group. Clevelanders were promised a party in the summer of that year. \u{201c}It was supposed to be a slam dunk for all of us,\u{201d} she said.\n";
    let passive = extract(text);
    assert_invariants(text, &passive);
    assert!(
        passive
            .claims
            .iter()
            .all(|c| c.kind != ClaimKind::Paraphrase),
        "{:?}",
        passive.claims
    );
    assert_eq!(
        find(&passive, "slam dunk").speaker().as_deref(),
        Some("Christine Link")
    );
    let gloat = find(&x, "not be ready");
    assert_eq!(gloat.speaker().as_deref(), Some("Steven Warren"));
    assert_eq!(gloat.role(), Some("Mr."));
}

#[test]
fn a_claims_reasons_are_the_words_its_score_reads() {
    use factdesk_core::extract::checkworthiness_reasons;
    let text = "The council said the deficit tripled to $3 billion in 2020.\n\n\
                “We will fix it by spring,” Mayor Ada Cole said. Turnout was low.";
    let x = extract(text);
    let words = |c: &ExtractedClaim| -> Vec<String> {
        checkworthiness_reasons(text, c.span, c.kind)
            .into_iter()
            .map(|r| r.word)
            .collect()
    };
    // A paraphrase's score reads its whole sentence, "council" and "said" too.
    let deficit = find(&x, "the deficit tripled");
    assert_eq!(deficit.kind, ClaimKind::Paraphrase);
    let w = words(deficit);
    for expected in ["council", "deficit", "$", "3", "billion", "2020"] {
        assert!(
            w.iter().any(|x| x == expected),
            "{expected} missing from {w:?}"
        );
    }
    assert!(!w.iter().any(|x| x == "Turnout" || x == "fix"), "{w:?}");
    // A quote's reads only its own words.
    let quote = find(&x, "We will fix it");
    let mut w = words(quote);
    w.sort();
    assert_eq!(w, ["We", "by", "fix", "it", "spring", "will"]);
    // The largest share comes first, and the shares say which way they move.
    let r = checkworthiness_reasons(text, deficit.span, deficit.kind);
    assert!(r.windows(2).all(|p| p[0].weight >= p[1].weight));
    assert!(r.first().unwrap().weight > 0.0);
}

#[test]
fn a_described_speaker_is_shown_kept_through_edits_and_never_made_an_entity() {
    let mut store = factdesk_core::Store::open_in_memory().unwrap();
    let doc = factdesk_core::import::parse_text(
        "Fares rise again\n\nThe city will raise bus fares by 12 percent in March, a senior transportation official said on Monday.\n",
    );
    let id = store
        .import(&[(doc, factdesk_core::store::ImportMeta::default())], "Ana")
        .unwrap()[0]
        .id
        .clone();
    let claims = store
        .claims(&factdesk_core::store::ClaimFilter {
            article: Some(id),
            ..Default::default()
        })
        .unwrap();
    let c = claims
        .iter()
        .find(|c| c.text.contains("12 percent"))
        .expect("the fare claim");
    assert_eq!(
        c.speaker.as_deref(),
        Some("a senior transportation official")
    );
    assert!(c.speakers.is_empty(), "{:?}", c.speakers);
    assert!(
        store
            .entities()
            .unwrap()
            .iter()
            .all(|e| !e.name.contains("official"))
    );
    // Changing the kind alone keeps the description; naming the speaker replaces it.
    store
        .edit_claim(&c.id, Some(ClaimKind::Statement), None, None, "Ana")
        .unwrap();
    assert_eq!(
        store.claim(&c.id).unwrap().speaker.as_deref(),
        Some("a senior transportation official")
    );
    store
        .edit_claim(
            &c.id,
            None,
            Some(&["Dana Whitfield".to_string()]),
            None,
            "Ana",
        )
        .unwrap();
    assert_eq!(
        store.claim(&c.id).unwrap().speaker.as_deref(),
        Some("Dana Whitfield")
    );
}

#[test]
fn according_to_and_quotes_inside_reported_speech() {
    // "X, according to Y." and "According to Y, X" are Y's account; an
    // outlet stays a source of a statement. A quote inside a reported
    // clause is part of the paraphrase, with its closing mark; a quote
    // after "said," stays a quote.
    let text = "Headline here\n\nThe tax plan would raise $1.1 trillion over a decade, according to the Tax Policy Center.\n\nAccording to court documents, the firm paid $2 million to the consultant.\n\nThe meeting lasted more than two hours, according to The Washington Post.\n\nRubio said that the reforms needed after the border was secured did not amount to \u{201c}amnesty.\u{201d}\n\nRubio said, \u{201c}We will secure the border first and then talk.\u{201d}\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let tax = find(&x, "1.1 trillion");
    assert_eq!(tax.kind, ClaimKind::Paraphrase);
    assert_eq!(tax.speaker().as_deref(), Some("Tax Policy Center"));
    let paid = find(&x, "paid $2 million");
    assert_eq!(paid.kind, ClaimKind::Paraphrase);
    assert_eq!(paid.speaker().as_deref(), Some("court documents"));
    let hours = find(&x, "two hours");
    assert_eq!(hours.kind, ClaimKind::Statement);
    assert_eq!(hours.sources(), ["The Washington Post"]);
    let amnesty = find(&x, "amnesty");
    assert_eq!(amnesty.kind, ClaimKind::Paraphrase);
    assert_eq!(amnesty.speaker().as_deref(), Some("Rubio"));
    assert!(
        amnesty.text.ends_with("\u{201c}amnesty.\u{201d}"),
        "{}",
        amnesty.text
    );
    assert_eq!(
        x.claims
            .iter()
            .filter(|c| c.text.contains("amnesty"))
            .count(),
        1
    );
    assert_eq!(find(&x, "secure the border first").kind, ClaimKind::Quote);
    // A clause that stops inside the quote keeps the quote whole beside it.
    let text = "Headline here\n\nThe governor said the media are to blame for focusing on \u{201c}he said this, he tweeted that.\u{201d}\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_eq!(find(&x, "to blame").kind, ClaimKind::Paraphrase);
    assert_eq!(find(&x, "tweeted that").kind, ClaimKind::Quote);
}

#[test]
fn the_learned_score_takes_sentences_the_rules_pass_over() {
    // No number and under six words, or a charge without one: the statement
    // rules pass these over; the learned check-worthiness takes them.
    // Small talk stays no claim.
    // What a picture is said to show is checked whole, and so is a
    // statement with its opening adverbial.
    let text = "Headline here\n\nThe vote was 7-2.\n\nThe government has been accused of delaying the publication of hospital waiting list data.\n\nThanks so much for having me here tonight.\n\nA photograph shared on social media shows the senator shaking hands with the defendant.\n\nIn May 2017, the council issued a warning for residents traveling to Texas.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let photo = find(&x, "shaking hands");
    assert_eq!(photo.kind, ClaimKind::Statement);
    assert!(photo.text.starts_with("A photograph"), "{}", photo.text);
    // The article's own statement keeps its opening time or adverbial.
    let warning = find(&x, "issued a warning");
    assert_eq!(warning.kind, ClaimKind::Statement);
    assert!(warning.text.starts_with("In May 2017,"), "{}", warning.text);
    for words in ["The vote was 7-2", "accused of delaying"] {
        let c = find(&x, words);
        assert_eq!(c.kind, ClaimKind::Statement, "{}", c.text);
        assert!(c.checkworthiness >= 0.5, "{} {}", c.text, c.checkworthiness);
    }
    assert!(
        x.claims.iter().all(|c| !c.text.contains("Thanks")),
        "{:?}",
        x.claims
    );
}

#[test]
fn a_statement_in_the_articles_voice_is_a_claim_however_low_it_ranks() {
    // Sentences that state something in the third person are claims even
    // when the learned score ranks them low (Snopes checks "MMA fighter
    // Ronda Rousey has been found dead in her bathtub"); an order, a
    // fragment with no finite verb, a title in capitals and the first
    // person are not; a verb of naming with a particle names nothing.
    let text = "Headline here\n\n\
        There was no noticeable problem with the sound in the hall.\n\n\
        Give her a break and let the voters decide for themselves.\n\n\
        Baiting the moderators, mocking the rivals and courting the crowd.\n\n\
        Pence: Gennifer Flowers Won't Be at Debate, Trump Was Mocking Clinton Camp\n\n\
        I live and work in Manhattan and have many actor friends.\n\n\
        The two drug makers called off a $54 billion merger after the rules changed.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let sound = find(&x, "no noticeable problem");
    assert_eq!(sound.kind, ClaimKind::Statement);
    assert!(sound.checkworthiness < 0.2, "{}", sound.checkworthiness);
    // "called off" is no verb of naming: the sentence is the claim.
    let merger = find(&x, "$54 billion merger");
    assert_eq!(merger.kind, ClaimKind::Statement);
    assert!(
        merger.text.starts_with("The two drug makers"),
        "{}",
        merger.text
    );
    for words in ["Give her", "Baiting", "Gennifer", "Manhattan"] {
        assert_no_claim_holds(&x, words);
    }
}

#[test]
fn a_rebuttal_contradicts_the_claim_of_someone_else_it_answers() {
    // A denial of what another source reported contradicts it, noted with
    // its word; "deny" with a person as its object, a denial in a relative
    // clause and a habit of lying answer no claim.
    let text = "Senator sold shares before vote\n\n\
        The Daily Ledger reported that the senator sold his shares in the mining company before the vote.\n\n\
        The senator has denied that he sold any shares in the mining company.\n\n\
        The council will deny them a mining permit if the cleanup of the company's mine is late, the mayor said.\n\n\
        The mining company, which has denied any wrongdoing at the mine, plans to reopen the quarry next spring.\n\n\
        Campaign aides said the senator tells so many lies that voters stopped listening to the mining company.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let reported = find(&x, "sold his shares");
    let denial = find(&x, "he sold any shares");
    assert_eq!(x.relations.len(), 1, "{:?}", x.relations);
    let r = &x.relations[0];
    assert_eq!(r.kind, factdesk_core::model::RelationKind::Contradicts);
    assert_eq!(
        (r.a.as_str(), r.b.as_str()),
        (reported.id.as_str(), denial.id.as_str())
    );
    assert!(r.note.contains("denied"), "{}", r.note);
    // A relative clause with an auxiliary ends at its comma: what the
    // company plans is no part of what it denied.
    assert_eq!(
        find(&x, "any wrongdoing").text,
        "any wrongdoing at the mine"
    );
}
