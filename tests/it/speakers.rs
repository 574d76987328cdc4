//! Who speaks, read off the phrase that credits the words: a participle's
//! subject, people and documents described, an outlet's own words, a colon
//! lead, titles and name particles. Each test is a regression for errors
//! read on PolNeAR's train split (a few on dev, as docs/benchmarks.md says);
//! the figures are the dev split's.

use factdesk_core::extract::extract;
use factdesk_core::model::ClaimKind;

use crate::attribution::{assert_claims, extracted_with_speakers};
use crate::extract::{assert_invariants, find};

#[test]
fn a_participle_speaks_for_the_subject_that_opens_its_clause() {
    // The noun just before ", saying" is an object ("Libya"), not the speaker.
    let text = "Headline here\n\n\
        During a speech on security earlier in the day, Mark Dunn attacked his rival for her support of military action in Iraq and Libya, saying, \"She is trigger-happy and very unstable.\"\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let c = find(&x, "trigger-happy");
    assert_eq!(c.kind, ClaimKind::Quote);
    assert_eq!(c.speaker().as_deref(), Some("Mark Dunn"));
}

#[test]
fn people_and_documents_described_speak_as_described() {
    // "according to officials": people described in one word; a time after
    // a document says when, not who; a poll is nobody named after it.
    let text = "Headline here\n\n\
        The rise of the new party has alarmed the government so much that it has reshuffled its diplomats, according to officials.\n\n\
        The two candidates are in a dead heat nationally, according to a new poll released Monday.\n\n\
        According to a recent poll of Ohio voters, Dunn took 30 percent of the vote. Mark Dunn welcomed the figure on Tuesday.\n\n\
        People briefed on the move said the deal would close next week.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_claims(
        &x,
        ClaimKind::Paraphrase,
        &[
            ("reshuffled its diplomats", "officials"),
            ("dead heat nationally", "a new poll released Monday"),
            ("30 percent of the vote", "a recent poll of Ohio voters"),
            // A participle that qualifies the head is no verb of the sentence.
            ("deal would close", "People briefed on the move"),
        ],
    );
}

#[test]
fn an_outlet_speaks_the_words_it_is_quoted_for() {
    // A quote is the outlet's own words when no one else is said to speak
    // them; reported speech keeps an outlet as the source of a statement.
    let text = "Headline here\n\n\
        The New York Times looked at the company's finances in 1991.\n\n\
        \"After the collapse of the property market, the company was left holding some $8.8 billion in debt,\" the Times wrote.\n\n\
        \"We will not sell the mine before the vote,\" Dunn said, the Times reported.\n\n\
        The Times reported that the mine lost $3 million in the last quarter of the year.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let c = find(&x, "$8.8 billion in debt");
    assert_eq!(c.kind, ClaimKind::Quote);
    assert_eq!(c.speaker().as_deref(), Some("The New York Times"));
    assert_eq!(find(&x, "sell the mine").speaker().as_deref(), Some("Dunn"));
    let reported = find(&x, "lost $3 million");
    assert_eq!(reported.kind, ClaimKind::Statement);
    assert_eq!(reported.speaker(), None);
    assert_eq!(reported.sources(), ["The New York Times"]);
}

#[test]
fn a_clause_that_introduces_a_quote_with_a_colon_speaks_through_its_subject() {
    let text = "Headline here\n\n\
        Mark Dunn spoke in Ohio on Tuesday.\n\n\
        Dunn delivered a snappy retort: \"No one is tearing this plan up. We are going to go forward.\"\n\n\
        VOTERS CARE MORE ABOUT JOBS: \"We found that the strengths most highly correlated with the vote were inspiring.\"\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_eq!(
        find(&x, "tearing this plan up").speaker().as_deref(),
        Some("Mark Dunn")
    );
    assert_eq!(
        find(&x, "most highly correlated").speaker(),
        None,
        "a headline in capitals is no one"
    );
}

#[test]
fn a_delegate_is_named_a_statement_speaks_as_described_and_a_date_stays_in_a_role() {
    // "Del." is a title, not a sentence's end; "the statement said" has the
    // statement as its subject, where "said in a statement" is the channel.
    let text = "Headline here\n\n\
        \"This is a waste of time. It is destroying this committee,\" said Del. Stacey Plaskett of the Virgin Islands.\n\n\
        \"The secretary believes his use of personal email was a mistake,\" the statement said.\n\n\
        \"We will appeal the ruling this week,\" Dunn said in a statement.\n\n\
        \"The rationales for the veto do not hold weight at all,\" said 9/11 widow Terry Hale.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("waste of time", "Stacey Plaskett"),
            ("personal email", "the statement"),
            ("appeal the ruling", "Dunn"),
        ],
    );
    // A date written with a slash stays in the role before the name.
    let c = find(&x, "do not hold weight");
    assert_eq!(c.speaker().as_deref(), Some("Terry Hale"));
    assert_eq!(c.role(), Some("9/11 widow"));
}

#[test]
fn a_particle_joins_the_parts_of_a_name_and_a_month_after_a_first_name_is_a_surname() {
    let text = "Headline here\n\n\
        Mayor Bill de Blasio spoke on Saturday. \"We do not see a link to terrorism,\" the mayor said.\n\n\
        \"We will see what comes of this plan in the weeks ahead,\" de Blasio said.\n\n\
        \"We will formally declare our intention to leave by the end of March,\" British Prime Minister Theresa May said.\n";
    extracted_with_speakers(
        text,
        &[
            ("link to terrorism", "Bill de Blasio"),
            ("weeks ahead", "Bill de Blasio"),
            ("end of March", "Theresa May"),
        ],
    );
}

#[test]
fn a_transcript_turn_in_quotation_marks_is_its_labels_speaker() {
    // Each turn opens a paragraph with a quotation mark it never closes;
    // a label that names no one ("UPDATE:") gives no speaker, not the last one.
    let text = "Headline here\n\n\
        Mike Dunn spoke to Chris Walton on Sunday about the debate.\n\n\
        \"WALTON: Will the former mayor be there at the debate tomorrow night?\n\n\
        \"DUNN: The former mayor will not be attending the debate tomorrow night.\n\n\
        \"UPDATE: The mayor has resigned after the vote on Tuesday night.\"\n\n\
        \"WARNING: the heaters sold this winter can overheat and catch fire,\" the agency said.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("be there at the debate", "Chris Walton"),
            ("will not be attending", "Mike Dunn"),
            ("catch fire", "the agency"),
        ],
    );
    assert_eq!(find(&x, "mayor has resigned").speaker(), None);
}

#[test]
fn a_noun_the_word_lists_never_met_still_speaks() {
    // "admiral" and "participants" are in no list of roles; the tagger reads
    // them as nouns, so the sentence is their account, not the article's.
    let text = "Headline here\n\n\
        The derogatory comments had two goals, the admiral said.\n\n\
        To get their votes, participants said, the Democrats must consider new policies on deportation.\n\n\
        Appearing on a Sunday talk show, the GOP front-runner said the rival campaign caused tremendous damage.\n\n\
        The policy changes, which officials said will go into effect next year, will not apply to everyone.\n\n\
        The country described by the president on Tuesday night is the most powerful nation on Earth.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_claims(
        &x,
        ClaimKind::Paraphrase,
        &[
            ("had two goals", "the admiral"),
            ("consider new policies", "participants"),
            ("caused tremendous damage", "the GOP front-runner"),
            ("go into effect next year", "officials"),
        ],
    );
    // A passive's subject is what is described, not who speaks.
    let c = find(&x, "most powerful nation");
    assert_eq!(c.kind, ClaimKind::Statement);
}

#[test]
fn a_month_after_the_cue_says_when_and_is_no_part_of_the_clause() {
    let text = "Headline here\n\n\
        Ben Bernanke said in April 2013 that the spending cuts had a markedly negative impact on growth.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let c = find(&x, "spending cuts");
    assert_eq!(c.kind, ClaimKind::Paraphrase);
    assert!(c.text.starts_with("the spending cuts"), "{}", c.text);
    assert_eq!(c.speaker().as_deref(), Some("Ben Bernanke"));
}

#[test]
fn a_reported_clause_may_open_with_a_phrase_set_off_by_a_comma() {
    // The comma ends the opening phrase ("if elected", "in a race between
    // them"), not the clause; an attribution after it still ends the clause.
    let text = "Headline here\n\n\
        Mark Cuban said that in a race between the two senators, he would support the former.\n\n\
        Maria Lopez said, if elected, she would ask the governor to lead the initiative.\n\n\
        Tom Reyes said that, during the period when he was a consultant, the firm paid him $2 million.\n\n\
        Ann Park said that if the plan passes, she said, the state would lose jobs.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    for (claim, opens, speaker) in [
        ("support the former", "in a race", "Mark Cuban"),
        ("ask the governor", "if elected", "Maria Lopez"),
        ("paid him $2 million", "during the period", "Tom Reyes"),
    ] {
        let c = find(&x, claim);
        assert_eq!(c.kind, ClaimKind::Paraphrase, "{claim}");
        assert!(c.text.starts_with(opens), "{}", c.text);
        assert_eq!(c.speaker().as_deref(), Some(speaker), "{claim}");
    }
    assert!(
        x.claims
            .iter()
            .all(|c| !c.text.contains("she said, the state")),
        "{:?}",
        x.claims.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
}

#[test]
fn a_verb_that_reports_its_object_credits_someone_named_before_it() {
    // PolNeAR's cues taught verbs that report what follows them, an object or
    // an infinitive as much as a clause; someone must be named before them.
    // The sentence stays the article's statement of what they did, too.
    let text = "Headline here\n\n\
        Senator Maria Lopez criticized the governor for cutting school funding by $40 million.\n\n\
        Tom Reyes defended his decision to close state beaches for two weeks.\n\n\
        A photograph shared on social media shows the senator shaking hands with the defendant.\n\n\
        Lawmakers have continued to come out publicly against his remarks.\n\n\
        Ann Park mentioned the November meeting in Lima, which both leaders are slated to attend.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    for (claim, opens, speaker) in [
        ("cutting school funding", "the governor", "Maria Lopez"),
        ("close state beaches", "his decision", "Tom Reyes"),
    ] {
        let of_kind = |kind| {
            x.claims
                .iter()
                .find(|c| c.kind == kind && c.text.contains(claim))
                .unwrap_or_else(|| panic!("no {kind:?} with {claim:?}: {:#?}", x.claims))
        };
        let c = of_kind(ClaimKind::Paraphrase);
        assert!(c.text.starts_with(opens), "{}", c.text);
        assert_eq!(c.speaker().as_deref(), Some(speaker), "{claim}");
        let stated = of_kind(ClaimKind::Statement);
        assert!(stated.text.contains(speaker), "{}", stated.text);
    }
    // A participle that describes a noun, a verb that only credits a quote,
    // and an object a relative clause describes report nothing.
    for claim in ["shaking hands", "come out publicly", "slated to attend"] {
        let kind = x
            .claims
            .iter()
            .find(|c| c.text.contains(claim))
            .map(|c| c.kind);
        assert!(
            kind.is_none_or(|k| k == ClaimKind::Statement),
            "{claim}: {kind:?}"
        );
    }
}

#[test]
fn a_headline_in_title_case_and_a_phrase_that_lost_its_head_are_no_one() {
    // The headline's title case is no name for "she" to stand for; a
    // description cut at its verb down to "it" is no speaker either.
    let text = "Lynch Closes The Door on Clinton Probe; Congress Gets Its Turn Next.\n\n\
        Although it was far from the last word about the scandal that had dogged the campaign for a year, Attorney General Loretta Lynch took the official last step Wednesday of announcing that the Justice Department would not prosecute Clinton.\n\n\
        \"I received and accepted their unanimous recommendation that the investigation be closed,\" she said in a statement.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    for c in &x.claims {
        let speaker = c.speaker();
        assert!(
            speaker
                .as_deref()
                .is_none_or(|s| s != "it" && !s.contains("Closes")),
            "{:?}: {speaker:?}",
            c.text
        );
    }
}
