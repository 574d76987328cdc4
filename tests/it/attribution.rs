//! Attribution on the shapes real news takes, each test a regression for
//! errors read on PolNeAR's train split (the figures are the dev split's, in
//! docs/benchmarks.md): quotation marks, set-off and later attributions,
//! the head of a speaker phrase, findings of documents, verbs of belief.

use factdesk_core::extract::extract;
use factdesk_core::model::ClaimKind;

use crate::extract::{assert_invariants, assert_no_claim_holds, find};

#[test]
fn doubled_apostrophe_quotes_and_set_off_attributions() {
    // Two apostrophes are one double mark (the New York Times' style); a short
    // quote that opens its sentence with a comma is an utterance.
    let text = "Headline here\n\nShe said she took the antics in stride. ''I felt embarrassed,'' she said.\n\n''The administration is committed to taking every action possible,'' the official said.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_eq!(find(&x, "took the antics").kind, ClaimKind::Paraphrase);
    let felt = find(&x, "felt embarrassed");
    assert_eq!(felt.kind, ClaimKind::Quote);
    assert!(!felt.text.contains('\''), "{}", felt.text);
    assert_eq!(find(&x, "every action possible").kind, ClaimKind::Quote);
    // An attribution set off by commas inside the clause; a participle after
    // it describes the speaker; a relative clause ends at its comma; a name
    // that modifies a description is not the speaker.
    let text = "Headline here\n\nThe outreach, officials said, raised new worries about the scope of the feeling.\n\nSales were great, Maria Lopez said, wiping sweat off her face.\n\nTom Smith, who said the race was close, lost by ten points.\n\nCongressman Chris Collins, a Trump supporter, said Trump campaign strategists plan to secure enough delegates in the initial round.\n\nA senior Obama administration official said on Friday that the White House supported the effort.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let outreach = find(&x, "raised new worries");
    assert_eq!(outreach.kind, ClaimKind::Paraphrase);
    assert!(
        outreach.text.starts_with("The outreach"),
        "{}",
        outreach.text
    );
    let sales = find(&x, "Sales were great");
    assert_eq!(sales.speaker().as_deref(), Some("Maria Lopez"));
    assert!(!sales.text.contains("wiping"), "{}", sales.text);
    let close = find(&x, "race was close");
    assert_eq!(close.speaker().as_deref(), Some("Tom Smith"));
    assert!(!close.text.contains("lost"), "{}", close.text);
    assert_eq!(
        find(&x, "supported the effort").speaker().as_deref(),
        Some("A senior Obama administration official")
    );
    let plan = find(&x, "strategists plan");
    assert_eq!(plan.speaker().as_deref(), Some("Chris Collins"));
    assert!(plan.text.starts_with("Trump campaign"), "{}", plan.text);
}

#[test]
fn the_head_of_a_speaker_phrase_is_its_last_name() {
    // The name that ends the phrase speaks; a bracketed party is no part of
    // it; an opening participle phrase is not a name; "they" is no one person;
    // a trailing phrase of place or channel leaves the attribution whole.
    let text = "Headline here\n\n\u{201c}This is just a scripted television show,\u{201d} said Virginia delegate Beau Correll.\n\nAt a rally, Trump's GOP primary rival Sen. Marco Rubio (R-Fla.) said Trump is unelectable now.\n\nEvaluating the candidates on the basis of polls, Stevens said, \u{201c}is like looking at a bowl of soup.\u{201d}\n\nThe vote was rigged, Donald Trump's longtime confidant Roger Stone said in the interview.\n\nMaria Lopez met the organisers. The outreach, they said, raised new worries about the scope of the feeling.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_eq!(
        find(&x, "scripted television").speaker().as_deref(),
        Some("Beau Correll")
    );
    assert_eq!(
        find(&x, "unelectable").speaker().as_deref(),
        Some("Marco Rubio")
    );
    assert_eq!(
        find(&x, "bowl of soup").speaker().as_deref(),
        Some("Stevens")
    );
    assert_eq!(
        find(&x, "was rigged").speaker().as_deref(),
        Some("Roger Stone")
    );
    assert_eq!(find(&x, "raised new worries").speaker(), None);
    // A name that modifies a group or a role is not the speaker; nor is a
    // number; "two dozen states said" has its cue in "said".
    let text = "Headline here

The Florida senator is predicting that he will win the primary easily.

Cleveland police have insisted they are prepared for the protests.

John Kasich's presidential campaign is already claiming a victory in the state.

Thirty percent said the economy is the reason they are most enthusiastic.

Governors in more than two dozen states said they would refuse the refugees.
";
    let x = extract(text);
    assert_invariants(text, &x);
    let speaker = |needle: &str| find(&x, needle).speaker();
    assert_eq!(
        speaker("win the primary").as_deref(),
        Some("The Florida senator")
    );
    assert_eq!(
        speaker("they are prepared").as_deref(),
        Some("Cleveland police")
    );
    assert_eq!(
        speaker("a victory in the state").as_deref(),
        Some("John Kasich's presidential campaign")
    );
    assert_eq!(
        speaker("economy is the reason").as_deref(),
        Some("Thirty percent")
    );
    let refuse = find(&x, "refuse the refugees");
    assert!(refuse.text.starts_with("they would"), "{}", refuse.text);
    assert_eq!(
        refuse.speaker().as_deref(),
        Some("Governors in more than two dozen states")
    );
}

#[test]
fn a_sentence_may_hold_more_than_one_attribution() {
    // A second attribution after the first clause ends; the clause after
    // "said," when a fronted condition comes first; a description after an
    // inverted cue; a bare "Clinton" is no one the text did not name.
    let text = "Headline here\n\nChristie said attacking his history is a legitimate criticism, though Mrs. Fiorina said she doubted voters would care.\n\nIf the law conflicts with those orders, Rubio said, Christians must ignore the law.\n\nHis rise may have been more surprising to the community than to anyone else, said several observers.\n\nClinton said that her campaign would continue to break barriers.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_eq!(
        find(&x, "legitimate criticism").speaker().as_deref(),
        Some("Christie")
    );
    let doubted = find(&x, "doubted voters");
    assert_eq!(doubted.kind, ClaimKind::Paraphrase);
    assert_eq!(doubted.speaker().as_deref(), Some("Fiorina"));
    let law = find(&x, "must ignore the law");
    assert_eq!(law.speaker().as_deref(), Some("Rubio"));
    assert!(law.text.starts_with("Christians"), "{}", law.text);
    assert_eq!(
        find(&x, "more surprising").speaker().as_deref(),
        Some("several observers")
    );
    assert_eq!(
        find(&x, "break barriers").speaker().as_deref(),
        Some("Clinton")
    );
}

#[test]
fn what_a_poll_or_study_finds_is_its_account() {
    // A document that finds or shows something speaks, described as the text
    // describes it; so does a share of those a poll asked.
    let text = "Headline here\n\nThe latest Rasmussen Reports poll shows Trump leading Clinton 44 percent to 37 percent.\n\nYet a new poll from Suffolk University found 40 percent of the voters are not sure they will vote.\n\nOne influential 2009 paper found improvements in fourth-grade math scores.\n\nStill, 52 percent of registered voters say they would at least consider voting for each Democrat.\n\nA majority of her backers say they plan to vote for her mostly because they are against Trump.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_claims(
        &x,
        ClaimKind::Paraphrase,
        &[
            ("leading Clinton", "The latest Rasmussen Reports poll"),
            (
                "not sure they will vote",
                "a new poll from Suffolk University",
            ),
            ("math scores", "One influential 2009 paper"),
            ("consider voting", "52 percent of registered voters"),
            ("plan to vote for her", "A majority of her backers"),
        ],
    );
}

#[test]
fn verbs_the_cue_model_reads_and_a_second_verb_of_the_same_speaker() {
    // The learned cue model reads verbs no list holds ("vowed", "mocked");
    // a second verb after "and", or a participle set off after an object,
    // is an attribution of its own, spoken by the same subject; what a
    // participle of action says follows from the clause is no one's; the
    // preposition after a cue is the cue's.
    let text = "Headline here\n\nThe mayor outlined her housing plan on Tuesday and vowed to punish landlords who leave buildings empty.\n\nSenator Ana Ruiz had mocked the mayor's housing proposal, saying anybody who reads it will see the numbers do not add up.\n\nThe agency quietly changed a rule on permits, allowing the new towers to be built.\n\nThe teachers' union called for a moratorium on charter schools.\n\nThe senator warned against cutting the state's school budget this year.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_claims(
        &x,
        ClaimKind::Paraphrase,
        &[
            ("to punish landlords", "The mayor"),
            ("housing proposal", "Ana Ruiz"),
            ("anybody who reads it", "Ana Ruiz"),
        ],
    );
    // The preposition ends the cue, as PolNeAR marks it: what is called for,
    // what is warned against.
    for claim in [
        "a moratorium on charter schools",
        "cutting the state's school budget this year",
    ] {
        assert!(x.claims.iter().any(|c| c.text == claim), "{claim}");
    }
    assert!(
        x.claims
            .iter()
            .any(|c| c.kind == ClaimKind::Paraphrase && c.text == "her housing plan on Tuesday"),
        "the first claim ends before the second verb"
    );
    assert!(
        x.claims
            .iter()
            .filter(|c| c.text.contains("new towers"))
            .all(|c| c.speaker().is_none()),
        "allowing reports nothing"
    );
}

#[test]
fn subjects_after_a_conjunction_a_subordinator_or_an_opening_phrase() {
    // ", though she acknowledged": the pronoun after the conjunction is the
    // second attribution's subject; "hours after Trump unleashed": the
    // subject of the clause the subordinator opens; a name the tagger reads
    // right before the verb, after an opening phrase with no comma.
    let text = "Headline here\n\nMaria Figueroa said the campaign planned to bus in supporters to stage a protest, though she acknowledged it was unlikely to work.\n\nThe governor was speaking on Friday in Fort Wayne, hours after Senator Dan Coats criticized the new trade agreement with Mexico.\n\nIn a March meeting with the editorial board of the local newspaper Senator Anne Keller said that the state budget would need deep cuts.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_claims(
        &x,
        ClaimKind::Paraphrase,
        &[
            ("it was unlikely to work", "Maria Figueroa"),
            ("the new trade agreement with Mexico", "Dan Coats"),
            ("the state budget would need deep cuts", "Anne Keller"),
        ],
    );
}

#[test]
fn beliefs_told_objects_and_later_cues() {
    // A verb of belief with a clause after it reports that clause; whom
    // someone told comes before the end of a trailing attribution; a cue with
    // no clause gives way to the next one; "According to" one name.
    let text = "Headline here\n\nBoth candidates think Obama advanced this agenda in his second term.\n\nVoters fear the worst about the economy this year.\n\nSupport is strong among the unions, union officials told POLITICO.\n\nThe solution, the partner told them, was simple and cheap.\n\nA spokeswoman for the firm also declined to comment, saying that nobody involved remains at the firm today.\n\nAccording to Sperry, his role within the company was limited to transporting prisoners.\n\nMost of those were elevated to the confidential level, according to a State Department official, and two were upgraded.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let agenda = find(&x, "advanced this agenda");
    assert_eq!(agenda.kind, ClaimKind::Paraphrase);
    assert!(agenda.text.starts_with("Obama"), "{}", agenda.text);
    assert!(
        x.claims
            .iter()
            .all(|c| !c.text.contains("fear the worst") || c.kind == ClaimKind::Statement)
    );
    assert_eq!(
        find(&x, "strong among").speaker().as_deref(),
        Some("union officials")
    );
    assert_eq!(
        find(&x, "simple and cheap").speaker().as_deref(),
        Some("the partner")
    );
    assert_eq!(
        find(&x, "nobody involved").speaker().as_deref(),
        Some("A spokeswoman for the firm")
    );
    assert_eq!(
        find(&x, "transporting prisoners").speaker().as_deref(),
        Some("Sperry")
    );
    let upgraded = find(&x, "two were upgraded");
    assert_eq!(
        upgraded.speaker().as_deref(),
        Some("a State Department official")
    );
    assert!(
        upgraded.text.starts_with("Most of those"),
        "{}",
        upgraded.text
    );
}

#[test]
fn findings_in_an_opening_phrase_and_clauses_set_off_by_dashes() {
    // "In a poll, X" is the poll's finding; a pair of dashes sets words off
    // inside a reported clause; a time before a set-off attribution stays
    // out of the claim; a relative clause describes the speaker; "aides" is
    // a group of aides.
    let text = "Headline here\n\nIn an ABC News/Washington Post Poll released Sunday, three of four Americans disapproved of the way he handled it.\n\nIn response to the filings, the lawyers relied on Supreme Court precedent.\n\nKevin Brady said that Republicans might include a delay of the tax \u{2014} as well as the pause in the device tax \u{2014} in that package.\n\nSix months ago, the independent Vermont senator said, the media considered him a fringe candidate.\n\nThe state officials whose laws have been invalidated say the real change has come in the judiciary.\n\nHis profile will rise once he returns, and aides say he will almost certainly seek reelection in 2018.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let poll = find(&x, "three of four Americans");
    assert_eq!(poll.kind, ClaimKind::Paraphrase);
    assert_eq!(
        poll.speaker().as_deref(),
        Some("an ABC News/Washington Post Poll released Sunday")
    );
    assert!(
        x.claims
            .iter()
            .all(|c| c.speaker().as_deref() != Some("response to the filings"))
    );
    let package = find(&x, "in that package");
    assert!(
        package.text.starts_with("Republicans might"),
        "{}",
        package.text
    );
    let fringe = find(&x, "fringe candidate");
    assert!(fringe.text.starts_with("the media"), "{}", fringe.text);
    assert_eq!(
        find(&x, "real change").speaker().as_deref(),
        Some("The state officials")
    );
    assert_eq!(
        find(&x, "seek reelection").speaker().as_deref(),
        Some("aides")
    );
}

#[test]
fn a_verb_of_belief_before_a_clause_that_opens_with_an_article() {
    // "think the fare increase will hurt": an article, then a modal within a
    // few words, makes a clause; the group that thinks it is described, and
    // the second attribution after "though" is its own.
    let text = "Headline here\n\nTransit advocates think the fare increase will hurt low-income riders, though Ms. Diaz said the city would expand discounts.\n\nThey fear the worst.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let hurt = find(&x, "fare increase will hurt");
    assert_eq!(hurt.kind, ClaimKind::Paraphrase);
    assert_eq!(hurt.speaker().as_deref(), Some("Transit advocates"));
    assert!(!hurt.text.contains("Diaz"), "{}", hurt.text);
    assert_eq!(
        find(&x, "expand discounts").speaker().as_deref(),
        Some("Diaz")
    );
    assert!(x.claims.iter().all(|c| !c.text.contains("the worst")));
}

#[test]
fn speakers_credited_by_punctuation_by_title_surnames_and_after_inverted_cues() {
    // Real-news shapes that named nobody before: a surname that is also a
    // title after an honorific, an inverted cue running on into a clause, a
    // name and a colon, a dash line under a quote (or after it, a horizontal
    // bar: "…” ― Carla Ruiz."), an acronym organisation,
    // "as X put it" with "No." inside the appositive, a colon paragraph
    // introducing the next one, and a lead-in that holds a scare quote.
    let text = "Section\n\nHeadline here\n\n\
        ''If there is a drop-off in the surge vote, that is 60 electoral votes,'' Mr. King said.\n\n\
        \"We really can win on Tuesday,\" said Sanders as he closed out.\n\n\
        Jeb Bush and Hillary Clinton were asked about the Islamic State.\n\n\
        Clinton: \"Our goal is not to contain ISIS, but to defeat it.\" Bush: \"The mission is to destroy ISIS.\"\n\n\
        Update: \"The mayor has resigned after the vote on Tuesday night.\"\n\n\
        \"I will look into it. I don't know the status of the transcripts.\"\n\n\
        - Hillary Clinton.\n\n\
        \"Most of us are hard-working, tax-paying entrepreneurs, unlike him.\"\u{2015} Carla Ruiz.\n\n\
        \"We are very disappointed that he dropped out of the conference,\" the ACU said.\n\n\
        As John Cornyn, the No. 2 in the GOP leadership, put it: \"This person will not be confirmed.\"\n\n\
        The department sued the state on Monday.\n\n\
        Dr. Ward stated:\n\n\
        \"The department is not about equal justice under law anymore.\"\n\n\
        Remarking upon his \"genuine empathy,\" Starr said, \"His empathy for human beings is absolutely clear.\"\n\n\
        The debate grew so heated that New Jersey Gov. Chris Christie said, \"I feel like I need a converter.\"\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_claims(
        &x,
        ClaimKind::Quote,
        &[
            ("60 electoral votes", "King"),
            ("win on Tuesday", "Sanders"),
            ("defeat it", "Hillary Clinton"),
            ("destroy ISIS", "Jeb Bush"),
            ("status of the transcripts", "Hillary Clinton"),
            ("tax-paying entrepreneurs", "Carla Ruiz"),
            ("very disappointed", "ACU"),
            ("will not be confirmed", "John Cornyn"),
            ("equal justice", "Ward"),
            ("absolutely clear", "Starr"),
            ("need a converter", "Chris Christie"),
        ],
    );
    assert!(
        x.claims.iter().all(|c| c.text != "Dr. Ward stated"),
        "a line that introduces a quote is no claim"
    );
    assert_eq!(
        find(&x, "mayor has resigned").speaker(),
        None,
        "\"Update:\" names no one"
    );
    // After "that" only a name is the subject: no speaker is read out of a
    // requirement's clause.
    let text = "Section\n\nHeadline here\n\nThe intelligence community 'secretly eliminated' a requirement that whistleblowers provide firsthand knowledge of alleged wrongdoings, allowing the complaint to be filed.\n";
    let x = extract(text);
    assert!(
        x.claims.iter().all(|c| c.speaker().is_none()),
        "{:?}",
        x.claims.iter().map(|c| c.speaker()).collect::<Vec<_>>()
    );
}

#[test]
fn a_party_and_state_label_ends_no_sentence() {
    // "(D-Wis.)" and "R-Ky.," keep their period: the attribution after the
    // quote is one sentence with it, and the label is no part of the name.
    let text = "Section\n\nHeadline here\n\n\
        \"It is a dog whistle to all Americans,\" Rep. Gwen Moore (D-Wis.) said Friday. \"If he is not intelligent, then what?\"\n\n\
        \"Pfizer is gaming the system,\" Senate Minority Leader Harry M. Reid (D-Nev.) said in a statement.\n\n\
        \"Our assumption is that the veto will be overridden,\" Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.\n\n\
        He flew to Washington-Dulles. Then he left for the ranch in Texas.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("dog whistle", "Gwen Moore"),
            ("not intelligent", "Gwen Moore"),
            ("gaming the system", "Harry M. Reid"),
            ("will be overridden", "Mitch McConnell"),
        ],
    );
    // A hyphenated word before a full stop and a space still ends its sentence.
    assert_no_claim_holds(&x, "Dulles. Then");
}

#[test]
fn no_dateline_or_sentence_opening_word_speaks() {
    // A dateline is no part of the sentence after it, and a word capitalised
    // only because it opens a sentence ("Opinion polls", "Onetime allies")
    // names no one: neither is a speaker, nor what "he" stands for.
    let text = "Section\n\nHeadline here\n\n\
        PARIS ― Opinion polls see the party winning a majority of seats in June. Its leader, Marie Durand, said the vote would be close.\n\n\
        LONDON (Reuters) - Prime Minister Tom Baker said the economy grew by 2 percent last year.\n\n\
        Onetime allies have turned on the prime minister since the vote.\n\n\
        \"I am not going anywhere,\" he said.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("the vote would be close", "Marie Durand"),
            ("the economy grew", "Tom Baker"),
            ("not going anywhere", "Tom Baker"),
        ],
    );
    assert!(
        find(&x, "the economy grew")
            .source_details
            .iter()
            .any(|s| s.name == "Reuters"),
        "the dateline credits Reuters"
    );
    // ("Opinion polls see …": the polls, a document, may speak; the word
    // that opens the sentence alone may not.)
    for c in &x.claims {
        let speaker = c.speaker().unwrap_or_default();
        for junk in ["PARIS", "LONDON", "Onetime"] {
            assert!(!speaker.contains(junk), "{speaker:?} speaks {:?}", c.text);
        }
        assert_ne!(speaker, "Opinion", "{:?}", c.text);
    }
}

#[test]
fn a_speaker_phrase_stops_where_the_circumstance_starts() {
    // After an inverted cue the name ends where "in an interview", "on
    // Monday" or a day begins; a description keeps its qualifier, and a name
    // inside the qualifier ("at Lehigh") does not take over. Before a cue, the
    // phrases that set the scene ("Last year, at a conference in Washington,")
    // are no part of the subject, and one left alone ("for the EU") is none.
    let text = "Section\n\nHeadline here\n\n\
        \"There is no such thing as bad publicity for this city,\" said Mayor Frank Gerrity in an interview on Monday.\n\n\
        \"We have run out of road on the pension plan,\" said Tom Keller Tuesday.\n\n\
        \"The decision matrix is like choosing how you want to lose,\" said one person with knowledge of the talks.\n\n\
        \"It may have been his first attempt to stand up to his father,\" said his best friend at Lehigh, Bruce Turry.\n\n\
        Carly Fiorina often speaks of her years at the company. Last year, at a human-resources conference in Washington, she said that \"people who drive change get a lot of arrows in the back.\"\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("bad publicity for this city", "Frank Gerrity"),
            ("run out of road", "Tom Keller"),
            ("decision matrix", "one person with knowledge of the talks"),
            ("first attempt", "Bruce Turry"),
            ("arrows in the back", "Carly Fiorina"),
        ],
    );
    for c in &x.claims {
        let speaker = c.speaker().unwrap_or_default();
        assert!(
            !speaker.contains(" in ")
                && !speaker.contains("Last year")
                && !speaker.contains("Tuesday"),
            "{speaker:?} speaks {:?}",
            c.text
        );
    }
}

#[test]
fn a_subject_named_after_its_role_is_who_a_pronoun_stands_for() {
    // "The Washington Post columnist Ruth Marcus has", "Clinton campaign
    // Chairman John Podesta offered": the name after an outlet, a role or a
    // title opens the sentence, and a later "she" or "he" is that person; the
    // run never crosses a verb ("Florent Groberg is a former U.S. Army
    // captain" names Florent Groberg). A quote that runs on into a phrase
    // before its inverted cue ("… about fixing inequality, said X") is X's.
    let text = "Section\n\nHeadline here\n\n\
        The Washington Post columnist Ruth Marcus has been critical of the plan. \"The council has smeared its critics for years,\" she wrote.\n\n\
        And Clinton campaign Chairman John Podesta offered a slogan straight out of the 1990s. \"She will fight for the families of this city,\" he said.\n\n\
        \"For rank-and-file teachers, he is saying a lot of the right things\" about fixing inequality, said Marla Kilfoyle, director of a teachers' group. \"And he does not have the ties the mayor has,\" she said.\n\n\
        Florent Groberg is a former U.S. Army captain and a lifelong Republican. Groberg, 33, spoke to reporters about his decision. \"He has absolutely zero experience in these matters,\" he said.\n";
    extracted_with_speakers(
        text,
        &[
            ("smeared its critics", "Ruth Marcus"),
            ("fight for the families", "John Podesta"),
            ("the right things", "Marla Kilfoyle"),
            ("ties the mayor has", "Marla Kilfoyle"),
            ("zero experience", "Florent Groberg"),
        ],
    );
}

#[test]
fn she_is_never_a_man_the_learned_first_names_know() {
    // "Bernie" is a man's name (learned from PolNeAR's train coreference), so
    // "she" passes over him to the woman named before.
    let text = "Section\n\nHeadline here\n\n\
        Hillary Clinton spoke in Iowa on Monday.\n\n\
        Bernie Sanders released details of his health-care plan on Tuesday.\n\n\
        \"We need to get into the details of that plan,\" she said.\n";
    extracted_with_speakers(text, &[("details of that plan", "Hillary Clinton")]);
}

#[test]
fn a_place_or_a_time_before_the_subject_is_no_one() {
    // "The day before," and "in Beaumont, Tex.," set the scene; the subject
    // after them is whom "he" stands for. A state's abbreviation is never a
    // name, and a plural title ("Sens.") is no part of one.
    let text = "Section\n\nHeadline here\n\n\
        Tom Hedley declared on Sunday that the plan was reckless. The day before, at a rally in Beaumont, Tex., Mayor Frank Ortiz was just as blunt. \"You would have to be insane to take them in,\" he said.\n\n\
        Sens. Ron Hale (Ky.) and Mark Dunn (Fla.) debated tax credits on Tuesday. \"We have to decide what is conservative and what is not,\" Hale said.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("insane to take them in", "Frank Ortiz"),
            ("decide what is conservative", "Ron Hale"),
        ],
    );
    for c in &x.claims {
        let speaker = c.speaker().unwrap_or_default();
        assert!(
            !speaker.contains("Tex") && !speaker.contains("Sens."),
            "{speaker:?}"
        );
    }
}

#[test]
fn party_members_surnames_and_verbs_with_a_time_speak() {
    // "one senior Democrat" and "the Republican" are described speakers (a
    // party's member heads the phrase), "unaligned" after "one" is an
    // adjective, a surname that is also a demonym speaks once the article
    // names the person in full, and a time after a verb ("fumed on Tuesday")
    // still leaves it next to the quote.
    let text = "Section\n\nHeadline here\n\n\
        \"The campaign has been really reluctant to jump in on the foundation,\" one senior Democrat said.\n\n\
        \"There is no home-state advantage for either one of these guys,\" said one unaligned Florida Republican strategist.\n\n\
        Mark Cuban spoke on Sunday. \"You do not have to be the perfect candidate like you would have been in the past,\" Cuban said in an interview.\n\n\
        \"If they were serious about making progress on this, they would have gone to the bill,\" Toomey fumed on Tuesday.\n";
    extracted_with_speakers(
        text,
        &[
            ("reluctant to jump in", "one senior Democrat"),
            (
                "home-state advantage",
                "one unaligned Florida Republican strategist",
            ),
            ("perfect candidate", "Mark Cuban"),
            ("serious about making progress", "Toomey"),
        ],
    );
}

#[test]
fn a_full_name_after_an_inverted_description_speaks() {
    // "said <description>, <full name>": the name speaks, the description is
    // its role; what qualifies the name stays out, and no place is a name.
    let text = "Section\n\nHeadline here\n\n\
        \"The odds are more likely than not that there will be eight justices,\" said another leading Supreme Court advocate, Andrew J. Pincus of the law firm Mayer Brown.\n\n\
        \"We have no comment on the report at this time,\" said a White House spokesman, Josh Earnest.\n\n\
        \"I don't know exactly where he stands on that,\" said undecided Republican voter Stephanie Hooton of Derry, N.H., before the barn event.\n\n\
        \"The vote will be close in the end, I think,\" said one aide, speaking on condition of anonymity.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("eight justices", "Andrew J. Pincus"),
            ("no comment on the report", "Josh Earnest"),
            ("vote will be close", "one aide"),
        ],
    );
    assert_eq!(
        find(&x, "no comment on the report").role(),
        Some("White House spokesman")
    );
    assert_ne!(
        find(&x, "where he stands").speaker().as_deref(),
        Some("N.H.")
    );
}

#[test]
fn a_statement_is_the_channel_and_a_sentence_opener_no_part_of_a_name() {
    // "said in a statement" names who issued it, never a source called
    // "Statement"; "Because" opening a sentence is no part of "Twitter", so
    // "the company" resolves to it; a clause with a modal verb is no speaker.
    let text = "Section\n\nHeadline here\n\n\
        Because Twitter, Facebook and YouTube carry enormous amounts of user content, the companies rely on users to report material.\n\n\
        ''We have always sought to strike a balance between our rules and free expression,'' the company said in a statement.\n\n\
        Investors will pay particular attention to the number of new users Twitter added over the last quarter, an issue since 2013.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    let q = find(&x, "strike a balance");
    assert_eq!(q.speaker().as_deref(), Some("Twitter"));
    assert!(q.sources().is_empty(), "{:?}", q.sources());
    assert!(
        x.entities
            .iter()
            .all(|e| e.name != "Statement" && !e.name.starts_with("Because")),
        "{:?}",
        x.entities
    );
    assert!(
        x.claims
            .iter()
            .all(|c| !c.speaker().is_some_and(|s| s.contains("Investors will"))),
        "a clause with a modal verb is no speaker"
    );
    // An organisation's own first word stays ("Carrier Corp."), and "the
    // company" is never a state that spoke in between.
    let text = "Section\n\nHeadline here\n\nCarrier Corp. said it would move 1,400 jobs from Indianapolis to Mexico.\n\nIndiana said the tax breaks would stay in place for the plant.\n\nBut the company says it fears it could end up in a similar situation if it does not cut costs.\n";
    let x = extract(text);
    assert_speakers(
        &x,
        &[
            ("1,400 jobs", "Carrier Corp."),
            ("similar situation", "Carrier Corp."),
        ],
    );
}

#[test]
fn the_person_is_the_speaker_not_the_place_after_of() {
    // "Sen. Sherrod Brown of Ohio": the name after "of" qualifies the head;
    // a one-word quote before the cue is no subject and no claim.
    let text = "Section\n\nHeadline here\n\n\
        \"I want Bernie in the fold, I want him enthusiastic,\" said Sen. Sherrod Brown of Ohio, another potential running mate.\n\n\
        \"It would have been a real long-shot to shoehorn her conduct into existing laws,\" said Stephen Vladeck of the University of Texas School of Law.\n\n\
        \"Safety,\" said Grimm, a Donald Trump supporter. \"Safety for the whole country, everybody.\"\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("Bernie in the fold", "Sherrod Brown"),
            ("shoehorn her conduct", "Stephen Vladeck"),
            ("Safety for the whole country", "Grimm"),
        ],
    );
    assert_no_claim_holds(&x, "said Grimm");
}

#[test]
fn a_pronoun_finds_the_subject_who_opened_a_sentence_and_party_labels_stay_out() {
    // "President Obama backed her up ... ''…,'' he said": the pronoun stands
    // for the sentence's subject though it spoke no words before; a party
    // label in brackets ("(D-N.Y.)") is no part of the name, even with an
    // appositive after it, and the subject follows an opening phrase.
    let text = "Section\n\nHeadline here\n\n\
        Former Pennsylvania governor Ed Rendell, one of Clinton's most vocal supporters, was even more resolute. \"Absolutely not,\" he said of the idea.\n\n\
        In a statement released Thursday, Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying: \"The killer should be in prison for what he did.\"\n\n\
        Rep. Elijah Cummings (D-Md.), chair of the Platform Committee, said that it was committed to an open process.\n\n\
        President Obama backed her up in an interview last October. \"I don't think it posed a national security problem,\" he said.\n";
    let x = extract(text);
    assert_invariants(text, &x);
    assert_speakers(
        &x,
        &[
            ("Absolutely not", "Ed Rendell"),
            ("should be in prison", "Hakeem Jeffries"),
            ("committed to an open process", "Elijah Cummings"),
            ("national security problem", "Barack Obama"),
        ],
    );
}

#[test]
fn a_quote_run_into_its_sentence_is_words_of_the_sentence() {
    // A title opening the sentence, words quoted inside the article's own
    // statement and a quote run on into the reported clause are no direct
    // quotes: the sentence, or its clause, is the claim. A quote set off by
    // a comma stays one.
    let text = "Headline here\n\n\
        'Harry Potter' creator J.K. Rowling revealed that the lead actor is leaving the series.\n\n\
        Texas governor George W. Bush \u{201c}refused to sell his home to blacks.\u{201d}\n\n\
        Senator Dianne Feinstein said she \u{201c}can\u{2019}t believe that so many people still don\u{2019}t\u{201d} approve of the health care law.\n\n\
        \u{201c}We will rebuild the mill by spring,\u{201d} the mayor said.\n";
    let x = extracted_with_speakers(
        text,
        &[
            ("leaving the series", "J.K. Rowling"),
            ("approve of the health care law", "Dianne Feinstein"),
        ],
    );
    assert!(
        x.claims.iter().all(|c| c.text != "Harry Potter"),
        "{:?}",
        x.claims
    );
    // The title keeps both its marks in the role.
    assert_eq!(
        find(&x, "leaving the series").role(),
        Some("'Harry Potter' creator")
    );
    let bush = find(&x, "refused to sell");
    assert_eq!(bush.kind, ClaimKind::Statement);
    assert!(bush.text.starts_with("Texas governor"), "{}", bush.text);
    assert!(bush.text.ends_with('\u{201d}'), "{}", bush.text);
    let feinstein = find(&x, "approve of the health care law");
    assert_eq!(feinstein.kind, ClaimKind::Paraphrase);
    assert!(feinstein.text.starts_with("she"), "{}", feinstein.text);
    assert_eq!(find(&x, "rebuild the mill").kind, ClaimKind::Quote);
}

#[test]
fn a_party_member_from_a_place_is_described_and_an_opening_phrase_is_no_part_of_an_organisation() {
    // "a New Hampshire Republican" is someone described ("Hampshire
    // Republican", with "New" as a role, was no one); "Regardless," and
    // "Citing local news outlets," open the sentence, not the organisation.
    let text = "Headline here\n\n\
        \u{201c}The primary is wide open,\u{201d} said a New Hampshire Republican, who answered anonymously.\n\n\
        Regardless, the State Department said it found no record of the meeting in its files.\n\n\
        Citing local news outlets, the Associated Press said the bridge was closed for the night.\n";
    extracted_with_speakers(
        text,
        &[
            ("wide open", "New Hampshire Republican"),
            ("no record of the meeting", "State Department"),
            ("bridge was closed", "Associated Press"),
        ],
    );
}

/// Extracts `text`, checks the invariants, and asserts the claim holding
/// each phrase has its speaker.
pub(crate) fn extracted_with_speakers(
    text: &str,
    expected: &[(&str, &str)],
) -> factdesk_core::extract::Extraction {
    let x = extract(text);
    assert_invariants(text, &x);
    assert_speakers(&x, expected);
    x
}

/// Each claim, found by its words, is of `kind` and has the speaker given.
pub(crate) fn assert_claims(
    x: &factdesk_core::extract::Extraction,
    kind: ClaimKind,
    expected: &[(&str, &str)],
) {
    // (An object cue's sentence is the article's statement too: the claim
    // of `kind` is the one asked for.)
    for (claim, speaker) in expected {
        let found = x
            .claims
            .iter()
            .find(|c| c.kind == kind && c.text.contains(claim))
            .unwrap_or_else(|| panic!("no {kind:?} holds {claim:?}"));
        assert_eq!(found.speaker().as_deref(), Some(*speaker), "{claim}");
    }
}

/// Each claim, found by its words, has the speaker given.
pub(crate) fn assert_speakers(x: &factdesk_core::extract::Extraction, expected: &[(&str, &str)]) {
    for (claim, speaker) in expected {
        assert_eq!(
            find(x, claim).speaker().as_deref(),
            Some(*speaker),
            "{claim}"
        );
    }
}
