//! Check-worthiness: how much a claim is worth a checker's time, from 0 to 1,
//! and the rules that take a sentence in the article's own voice as a claim.
//!
//! The score is learned ([`worth`]); the rules here count what makes a
//! sentence specific enough to check: numbers, dates with names, comparisons
//! of named things.

use std::ops::Range;

use super::attribute::RawClaim;
use super::lexicon::flag;
use super::tagger::{self, Pos};
use super::tokens::{Doc, TokKind};
use super::worth;
use crate::model::ClaimKind;

#[derive(Debug, Default, Clone, Copy)]
struct Features {
    words: usize,
    /// Digits, number words, percentages and money.
    numbers: usize,
    /// Months, weekdays and years.
    dates: usize,
    /// Capitalised words not at the start: names, places, organisations.
    names: usize,
    comparatives: usize,
    hedges: usize,
    opinions: usize,
}

fn features(doc: &Doc, r: Range<usize>) -> Features {
    let mut f = Features::default();
    for i in r.clone() {
        let t = &doc.toks[i];
        if !t.is_word() {
            if matches!(t.kind, TokKind::Punct('%' | '$' | '\u{00A3}' | '\u{20AC}')) {
                f.numbers += 1;
            }
            continue;
        }
        f.words += 1;
        let w = t.lower.as_str();
        if t.kind == TokKind::Number {
            if w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) {
                f.dates += 1;
            } else {
                f.numbers += 1;
            }
        } else if t.has(flag::NUMBER) {
            f.numbers += 1;
        }
        if t.has(flag::MONTH) && t.cap || t.has(flag::WEEKDAY) {
            f.dates += 1;
        }
        if t.cap && i > r.start && !t.has(flag::MONTH | flag::WEEKDAY) {
            f.names += 1;
        }
        if t.has(flag::COMPARATIVE) || (w.ends_with("est") && w.len() > 5) {
            f.comparatives += 1;
        }
        if t.has(flag::HEDGE) {
            f.hedges += 1;
        }
        if t.has(flag::OPINION) {
            f.opinions += 1;
        }
    }
    f
}

/// Is a sentence in the article's own voice specific enough to check?
pub(crate) fn is_checkable(doc: &Doc, r: Range<usize>) -> bool {
    let f = features(doc, r.clone());
    f.numbers > 0
        || (f.dates > 0 && f.names > 0)
        || (f.comparatives > 0 && f.names > 1)
        || says_what_a_picture_shows(doc, r)
}

/// Pictures and recordings whose content a sentence asserts.
const PICTURES: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographs",
    "picture",
    "pictures",
    "image",
    "images",
    "video",
    "videos",
    "footage",
    "clip",
    "meme",
    "screenshot",
    "recording",
    "audio",
];

/// Verbs by which a picture or a recording is said to show something.
const DEPICTS: &[&str] = &[
    "shows",
    "showed",
    "show",
    "depicts",
    "depicted",
    "captures",
    "captured",
    "documents",
    "documented",
    "reveals",
    "revealed",
    "proves",
    "features",
];

/// "A photograph shows Hillary Clinton shaking hands with …", "Video
/// footage captured …": what a picture or a recording is said to show is a
/// claim a checker verifies (the picture may be altered, mislabelled or from
/// elsewhere). The picture is the subject: its noun comes within the first
/// eight tokens and the verb within ten after it ("A photograph shared on
/// social media in mid-2019 shows …").
fn says_what_a_picture_shows(doc: &Doc, r: Range<usize>) -> bool {
    let is = |i: usize, list: &[&str]| {
        let t = &doc.toks[i];
        t.kind == TokKind::Word && list.contains(&t.lower.as_str())
    };
    (r.start..r.end.min(r.start + 8))
        .filter(|&i| is(i, PICTURES))
        .any(|i| (i + 1..r.end.min(i + 11)).any(|j| is(j, DEPICTS)))
}

/// Does a sentence in the article's own voice that the rules pass over (no
/// number, a date without a name, first person, a question) state something
/// a checker may check? Its words `r`, inside `sentence`, are a claim when
/// they make a statement about others ([`states_something`]): the
/// learned score then ranks it, however low. Otherwise, from
/// [`worth::claim_threshold`] up, where 90% of CheckThat! 2024 train's
/// check-worthy sentences score out of fold; a question, which mostly asks
/// rather than states, from [`QUESTION_AT`]. Fewer than [`FEWEST_WORDS`]
/// words is no claim. The score, when it is one.
pub(crate) fn worth_as_a_claim(
    doc: &Doc,
    sentence: Range<usize>,
    r: Range<usize>,
    words: usize,
    question: bool,
) -> Option<f64> {
    let at = if question {
        QUESTION_AT.max(worth::claim_threshold())
    } else {
        worth::claim_threshold()
    };
    if words < FEWEST_WORDS {
        return None;
    }
    let p = worth::score(doc, sentence.clone());
    (p >= at || !question && words >= FEWEST_STATED_WORDS && states_something(doc, sentence, r))
        .then_some(p)
}

/// The fewest words of a statement taken whatever its score.
const FEWEST_STATED_WORDS: usize = 5;

/// Do words `r` of `sentence` make a statement about others: no first person
/// ("I believe", "our plan"), not addressed to the reader ("If you would
/// never vote for this woman"; a generic "you" later is no address:
/// "Drinking bleach will protect you"), a verb that is not their first
/// word and is finite (not "-ing" alone: "Baiting the moderators", "Toni
/// LeAnn Williams" state nothing), not an order ("Give her a break", "Follow
/// him on Twitter"), not a title, whose every word of four letters or more
/// after the first is capitalised ("Pence: Gennifer Flowers Won't Be at
/// Debate")? Parts of speech from [`tagger`], for as much of this sentence
/// as the answer needs.
fn states_something(doc: &Doc, sentence: Range<usize>, r: Range<usize>) -> bool {
    let words: Vec<usize> = r.clone().filter(|&i| doc.toks[i].is_word()).collect();
    let person = words.iter().enumerate().any(|(k, &i)| {
        let w = doc.toks[i].lower.as_str();
        matches!(w, "i" | "we" | "my" | "our" | "me")
            || w == "us" && !doc.toks[i].cap
            || k < 3 && matches!(w, "you" | "your")
    });
    if person {
        return false;
    }
    let long: Vec<usize> = words
        .iter()
        .skip(1)
        .copied()
        .filter(|&i| doc.toks[i].lower.chars().count() >= 4)
        .collect();
    if long.len() >= 3 && long.iter().all(|&i| doc.toks[i].cap) {
        return false;
    }
    let Some(&first) = words.first() else {
        return false;
    };
    let lower = |i: usize| doc.toks[i].lower.as_str();
    // An order opens with a verb. A function word opens none; otherwise the
    // tagger reads the first word (decoding left to right, the tokens up to
    // it are all it needs to tag).
    if !opens_no_order(lower(first)) {
        let head = tagger::tag_first(doc, sentence.clone(), first + 1 - sentence.start);
        if head[first - sentence.start].pos == Pos::Verb
            && !["s", "ed", "ing"].iter().any(|x| lower(first).ends_with(x))
        {
            return false;
        }
    }
    if words[1..].iter().any(|&i| is_finite_by_itself(lower(i))) {
        return true;
    }
    let tags = tagger::tag_sentence(doc, sentence.clone());
    words[1..]
        .iter()
        .any(|&i| tags[i - sentence.start].pos == Pos::Verb && !lower(i).ends_with("ing"))
}

/// Articles, pronouns, prepositions and conjunctions: no order opens with one.
fn opens_no_order(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "he"
            | "she"
            | "it"
            | "they"
            | "his"
            | "her"
            | "its"
            | "their"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "after"
            | "before"
            | "but"
            | "and"
            | "or"
            | "so"
            | "if"
            | "when"
            | "while"
            | "although"
            | "though"
            | "because"
            | "since"
            | "some"
            | "many"
            | "most"
            | "all"
            | "each"
            | "every"
            | "no"
            | "there"
            | "according"
    )
}

/// A finite form of "be", "have" or "do", a modal, or a verb of saying
/// that is nothing else ("said", "told"): a verb whatever the words around
/// it ("isn't" and "won't" too).
fn is_finite_by_itself(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "wrote"
            | "writes"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "shall"
    ) || w.len() > 3 && (w.ends_with("n't") || w.ends_with("n\u{2019}t"))
}

/// The learned score a question needs to be a claim.
const QUESTION_AT: f64 = 0.5;
/// The fewest words of a claim the learned score takes.
const FEWEST_WORDS: usize = 3;

/// A claim's check-worthiness, 0 to 1 in hundredths: the learned score
/// ([`worth`]) of a quote's words, or of the sentence that states or reports
/// a statement or a paraphrase (its numbers and names are the claim's, even
/// when the claim's span leaves the attribution out).
pub(crate) fn checkworthiness(doc: &Doc, claim: &RawClaim) -> f64 {
    let r = match claim.kind {
        ClaimKind::Quote => claim.toks.clone(),
        _ => claim.frame.clone(),
    };
    let p = claim.worth.unwrap_or_else(|| worth::score(doc, r));
    (p * 100.0).round() / 100.0
}
