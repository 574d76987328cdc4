//! Relations between claims: the negation flip (would / wouldn't) between
//! claims of one speaker, as a correction when a cue says so ("recanted",
//! "meant to say"), else as a contradiction when the claims share their words.

use rustc_hash::FxHashSet as HashSet;

use super::attribute::RawClaim;
use super::lexicon::{CORRECTION_PHRASES, FLIPPABLE, SETS};
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
    let mut out = Vec::new();
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
    out
}
