//! Relations between claims: the negation flip (would / wouldn't) between
//! claims of one speaker, as a correction when a cue says so ("recanted",
//! "meant to say"), else as a contradiction when the claims share their words;
//! and a rebuttal across speakers: a sentence that answers an earlier claim
//! of someone else as untrue ("denied that …", "in fact", "That comment is
//! a lie") contradicts it ([`rebuttals`]).

use rustc_hash::FxHashSet as HashSet;

use super::attribute::RawClaim;
use super::lexicon::flag::REBUTTAL;
use super::lexicon::{
    CLAIM_NOUNS, CORRECTION_PHRASES, FLIPPABLE, REBUTTAL_PHRASES, REBUTTAL_WORDS, SETS,
};
use super::tokens::Doc;
use super::{ExtractedClaim, ExtractedRelation};
use crate::model::RelationKind;

/// Each flippable word and its negations, to the positive form and whether negated.
static POLAR: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, (&'static str, bool)>> =
    std::sync::LazyLock::new(|| {
        let mut m = rustc_hash::FxHashMap::default();
        for (pos, negs) in FLIPPABLE {
            m.insert(*pos, (*pos, false));
            for n in *negs {
                m.insert(*n, (*pos, true));
            }
        }
        m
    });

/// The polarity words of a claim: ("would", false) for "would", ("would", true) for "wouldn't".
fn polarity(doc: &Doc, claim: &RawClaim) -> Vec<(&'static str, bool)> {
    let mut out = Vec::new();
    let toks = &doc.toks[claim.toks.clone()];
    for (k, t) in toks.iter().enumerate() {
        match POLAR.get(t.lower.as_str()) {
            Some(&(pos, false)) => {
                let negated = toks
                    .get(k + 1)
                    .is_some_and(|n| n.lower == "not" || n.lower == "never");
                out.push((pos, negated));
            }
            Some(&(pos, true)) => out.push((pos, true)),
            None => {}
        }
    }
    out
}

fn content_words<'d>(doc: &'d Doc, claim: &RawClaim) -> HashSet<&'d str> {
    doc.toks[claim.toks.clone()]
        .iter()
        .filter(|t| {
            t.is_word()
                && !SETS.stop.contains(t.lower.as_str())
                && !POLAR.contains_key(t.lower.as_str())
        })
        .map(|t| t.lower.as_str())
        .collect()
}

/// Does the frame of the claim, before the claim itself, say it corrects something?
fn has_correction_cue(doc: &Doc, claim: &RawClaim) -> bool {
    let toks = &doc.toks[claim.frame.start..claim.toks.start.max(claim.frame.start)];
    toks.iter()
        .any(|t| SETS.correction.contains(t.lower.as_str()))
        || toks.windows(2).any(|w| {
            CORRECTION_PHRASES
                .iter()
                .any(|(a, b)| w[0].lower == *a && w[1].lower == *b)
        })
        || doc.toks[claim.toks.clone()]
            .windows(3)
            .any(|w| w[0].lower == "meant" && w[1].lower == "to" && w[2].lower == "say")
}

/// How many earlier claims each claim is compared with.
const WINDOW: usize = 120;

pub(crate) fn find(
    doc: &Doc,
    raw: &[RawClaim],
    claims: &[ExtractedClaim],
) -> Vec<ExtractedRelation> {
    let mut out = rebuttals(doc, raw, claims);
    let polarities: Vec<Vec<(&str, bool)>> = raw.iter().map(|c| polarity(doc, c)).collect();
    let mut words: Vec<Option<HashSet<&str>>> = vec![None; raw.len()];
    for b in 0..claims.len() {
        if polarities[b].is_empty() {
            continue;
        }
        let mut cue_b: Option<bool> = None;
        // A claim is compared with the claims just before it: a correction or
        // contradiction comes within an article's span of claims, and the work stays linear.
        for a in b.saturating_sub(WINDOW)..b {
            // The words are the lexicon's own &'static strs: compare them by address.
            let flip = polarities[a].iter().find_map(|(w, neg)| {
                polarities[b]
                    .iter()
                    .any(|(w2, neg2)| std::ptr::eq(*w2, *w) && neg2 != neg)
                    .then_some((*w, *neg))
            });
            let Some((word, a_negated)) = flip else {
                continue;
            };
            let shared_speaker = claims[a]
                .speakers
                .iter()
                .any(|s| claims[b].speakers.iter().any(|t| t.name == s.name));
            // Across speakers, only near-identical claims of opposite polarity contradict.
            let min_overlap = if shared_speaker { 0.4 } else { 0.6 };
            let note = || {
                let negated = FLIPPABLE
                    .iter()
                    .find(|(p, _)| *p == word)
                    .map(|(_, n)| n[0])
                    .unwrap_or("not");
                if a_negated {
                    format!("{negated} -> {word}")
                } else {
                    format!("{word} -> {negated}")
                }
            };
            if shared_speaker && *cue_b.get_or_insert_with(|| has_correction_cue(doc, &raw[b])) {
                out.push(ExtractedRelation {
                    kind: RelationKind::Corrects,
                    a: claims[a].id.clone(),
                    b: claims[b].id.clone(),
                    note: note(),
                });
            } else {
                for k in [a, b] {
                    if words[k].is_none() {
                        words[k] = Some(content_words(doc, &raw[k]));
                    }
                }
                let (wa, wb) = (words[a].as_ref().unwrap(), words[b].as_ref().unwrap());
                let shared = wa.intersection(wb).count();
                let union = (wa.len() + wb.len() - shared).max(1);
                let jaccard = shared as f64 / union as f64;
                if jaccard >= min_overlap {
                    out.push(ExtractedRelation {
                        kind: RelationKind::Contradicts,
                        a: claims[a].id.clone(),
                        b: claims[b].id.clone(),
                        note: note(),
                    });
                }
            }
        }
    }
    // A pair both a rebuttal and a flip of polarity is one relation: the rebuttal's.
    let mut seen = HashSet::default();
    out.retain(|r| seen.insert((r.a.clone(), r.b.clone())));
    out
}

/// How many claims back a rebuttal looks for the claim it answers.
const REBUTTAL_REACH: usize = 6;

/// The words by which a rebuttal and the claim it answers are compared: the
/// first six letters of each word of four letters or more that is no stop
/// word, cue or word of rebuttal ("voting fraud is a big problem" and
/// "Voting fraud is, in fact, very rare" share "voting" and "fraud").
fn stems(doc: &Doc, r: std::ops::Range<usize>) -> HashSet<&str> {
    doc.toks[r]
        .iter()
        .filter(|t| {
            let w = t.lower.as_str();
            t.is_word()
                && w.chars().count() >= 4
                && !SETS.stop.contains(w)
                && !SETS.cue.contains(w)
                && !REBUTTAL_WORDS.contains(&w)
                && !CLAIM_NOUNS.contains(&w)
        })
        .map(|t| {
            let w = t.lower.as_str();
            w.char_indices().nth(6).map_or(w, |(b, _)| &w[..b])
        })
        .collect()
}

/// The words of a claim's sentence that answer a claim as untrue, if any:
/// "denied that …", "is a lie", "in fact", "contrary to", … In the
/// article's own words, a word inside quotation marks is a label it quotes
/// (rated “false”), not its answer; in a quote, only a charge of falsehood
/// answers ("That is not true", "are lies"): a verb is what the speaker
/// talks about ("prevent Republicans to deny climate change").
fn rebuttal_marker(doc: &Doc, r: std::ops::Range<usize>, quote: bool) -> Option<String> {
    let toks = &doc.toks[r];
    if !toks.iter().any(|t| t.has(REBUTTAL)) {
        return None;
    }
    let own = |t: &super::tokens::Tok| quote || t.quote.is_none();
    toks.iter()
        .enumerate()
        .find(|&(k, t)| {
            t.is_word()
                && own(t)
                && REBUTTAL_WORDS.contains(&t.lower.as_str())
                && answers_as_untrue(toks, k, quote)
        })
        .map(|(_, t)| t.lower.to_string())
        .or_else(|| {
            (0..toks.len().saturating_sub(1))
                .find(|&k| {
                    let (w0, w1) = (toks[k].lower.as_str(), toks[k + 1].lower.as_str());
                    own(&toks[k])
                        && REBUTTAL_PHRASES.iter().any(|(a, b)| w0 == *a && w1 == *b)
                        // "In fact, …" opens a sentence or stands set off by
                        // commas: "is in fact winding down" only stresses.
                        && (w0 != "in"
                            || (k == 0 || toks[k - 1].is(','))
                                && toks.get(k + 2).is_some_and(|t| t.is(',')))
                })
                .map(|k| format!("{} {}", toks[k].lower, toks[k + 1].lower))
        })
}

/// Is the rebuttal word at `k` of `toks` used to answer a claim as untrue?
/// Not when negated ("was not unfounded") or in a relative clause or a
/// rating ([`in_relative_clause_or_rating`]). A verb of denial takes a
/// claim ("denied that", "denied any involvement", "rejected the
/// allegation"), never a person ("deny them mining permits"); a word of
/// falsehood is said of something ("deemed those statements false",
/// "false claims"); "lie" is predicated ("That comment is a lie", "are
/// lies"), not a habit ("tells so many lies"). In a quote, only words of
/// falsehood and "lie" answer.
fn answers_as_untrue(toks: &[super::tokens::Tok], k: usize, quote: bool) -> bool {
    let before: Vec<&str> = toks[..k]
        .iter()
        .rev()
        .filter(|t| t.is_word())
        .take(3)
        .map(|t| t.lower.as_str())
        .collect();
    let after: Vec<&str> = toks[k + 1..]
        .iter()
        .filter(|t| t.is_word())
        .take(4)
        .map(|t| t.lower.as_str())
        .collect();
    let is_be = |w: &str| matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being");
    if before.iter().any(|w| {
        matches!(*w, "not" | "never" | "no") || w.ends_with("n't") || w.ends_with("n\u{2019}t")
    }) || in_relative_clause_or_rating(&toks[..k])
    {
        return false;
    }
    match toks[k].lower.as_str() {
        "denied" | "denies" | "deny" | "denying" | "disputed" | "disputes" | "dispute"
        | "rejected" | "rejects" | "refuted" | "refutes" => {
            !quote
                && after
                    .iter()
                    .any(|w| matches!(*w, "that" | "any") || CLAIM_NOUNS.contains(w))
        }
        "false" | "untrue" | "inaccurate" | "misleading" | "unfounded" | "exaggerated" => {
            before.iter().any(|w| {
                is_be(w)
                    || matches!(
                        *w,
                        "proved" | "proven" | "deemed" | "called" | "calling" | "found" | "ruled"
                    )
            }) || after.first().is_some_and(|w| CLAIM_NOUNS.contains(w))
        }
        "lie" | "lies" => {
            before.first().is_some_and(|w| is_be(w))
                || before.first() == Some(&"a") && before.get(1).is_some_and(|w| is_be(w))
        }
        // "lied", "falsely", "exaggerating", "exaggerates": said of what someone said.
        _ => !quote,
    }
}

/// Do the words before a rebuttal word make it no answer: a relative clause
/// ("the Saudi government, which has strongly denied any involvement"
/// describes the government) or a rating ("rated as mostly or entirely
/// false" reports a fact-checker's scale)?
fn in_relative_clause_or_rating(before: &[super::tokens::Tok]) -> bool {
    let words = before.iter().rev().filter(|t| t.is_word());
    let relative = words
        .clone()
        .find(|t| {
            !matches!(
                t.lower.as_str(),
                "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "were"
                    | "are"
                    | "strongly"
                    | "repeatedly"
                    | "flatly"
                    | "also"
                    | "since"
                    | "long"
                    | "vehemently"
                    | "consistently"
            )
        })
        .is_some_and(|t| matches!(t.lower.as_str(), "which" | "who"));
    relative
        || words
            .take(5)
            .any(|t| matches!(t.lower.as_str(), "rated" | "rates" | "rating" | "ratings"))
}

/// Does a sentence point back at a claim ("That comment", "both critiques")?
fn points_back(doc: &Doc, r: std::ops::Range<usize>) -> bool {
    doc.toks[r].windows(2).any(|w| {
        matches!(
            w[0].lower.as_str(),
            "that" | "this" | "these" | "those" | "both" | "such" | "the"
        ) && CLAIM_NOUNS.contains(&w[1].lower.as_str())
    })
}

/// Does the sentence (or paragraph) `r` end with a full stop, a question or
/// an exclamation mark, before any closing quotation mark or bracket?
fn ends_a_sentence(doc: &Doc, r: std::ops::Range<usize>) -> bool {
    doc.toks[r]
        .iter()
        .rev()
        .find(|t| {
            !matches!(
                t.kind,
                super::tokens::TokKind::Punct('"' | '\'' | '\u{201D}' | '\u{2019}' | ')')
            )
        })
        .is_some_and(|t| t.is_sentence_end())
}

/// Who says a claim: its speakers' names or its description ("the
/// senator"); empty for the article's own statement; `None` for a quote or
/// paraphrase whose speaker is not found.
fn voice(claim: &ExtractedClaim) -> Option<Vec<String>> {
    match claim.speaker() {
        Some(_) if !claim.speakers.is_empty() => {
            Some(claim.speakers.iter().map(|s| s.name.clone()).collect())
        }
        Some(description) => Some(vec![description]),
        None => (claim.kind == crate::model::ClaimKind::Statement).then(Vec::new),
    }
}

/// Contradictions across speakers: a claim whose sentence answers a claim as
/// untrue (a rebuttal word or phrase) contradicts the nearest of the
/// [`REBUTTAL_REACH`] claims before it that someone else makes (the article
/// counts as someone) and that shares at least two words ([`stems`]) with
/// the rebuttal's own words, or, when the sentence points back at a claim
/// ("That comment is a lie"), the nearest such claim. One relation a
/// rebuttal, noted with its words and who answers whom.
fn rebuttals(doc: &Doc, raw: &[RawClaim], claims: &[ExtractedClaim]) -> Vec<ExtractedRelation> {
    let mut out = Vec::new();
    for b in 1..claims.len() {
        // A quote's frame is its paragraph: its own words are what it says.
        let quote = raw[b].kind == crate::model::ClaimKind::Quote;
        let said = if quote {
            raw[b].toks.clone()
        } else {
            raw[b].frame.clone()
        };
        let Some(marker) = rebuttal_marker(doc, said.clone(), quote) else {
            continue;
        };
        let Some(vb) = voice(&claims[b]) else {
            continue;
        };
        let back = points_back(doc, said.clone());
        let words_b = (!back).then(|| stems(doc, raw[b].toks.clone()));
        let shares_words = |a: usize| {
            words_b.as_ref().is_some_and(|wb| {
                let wa = stems(doc, raw[a].toks.clone());
                wa.iter().filter(|w| wb.contains(*w)).nth(1).is_some()
            })
        };
        let answered = (b.saturating_sub(REBUTTAL_REACH)..b).rev().find(|&a| {
            let other = voice(&claims[a]).is_some_and(|va| {
                // Someone else: no speaker in common, and not the article twice.
                !(va.iter().any(|n| vb.contains(n)) || va.is_empty() && vb.is_empty())
            });
            other
                // A headline, with no full stop, is no one's claim to answer.
                && ends_a_sentence(doc, raw[a].frame.clone())
                // Not a clause of the rebuttal's own sentence.
                && raw[a].frame != raw[b].frame
                && (back || shares_words(a))
        });
        if let Some(a) = answered {
            let who = |c: &ExtractedClaim| c.speaker().unwrap_or_else(|| "the article".into());
            out.push(ExtractedRelation {
                kind: RelationKind::Contradicts,
                a: claims[a].id.clone(),
                b: claims[b].id.clone(),
                note: format!(
                    "\"{marker}\": {} answers {}",
                    who(&claims[b]),
                    who(&claims[a])
                ),
            });
        }
    }
    out
}
