//! Relations between claims: the negation flip (would / wouldn't) between
//! claims of one speaker, as a correction when a cue says so ("recanted",
//! "meant to say"), else as a contradiction when the claims share their words.

use std::collections::HashSet;

use super::attribute::RawClaim;
use super::lexicon::{CORRECTION_PHRASES, FLIPPABLE, SETS};
use super::tokens::Doc;
use super::{ExtractedClaim, ExtractedRelation};
use crate::model::RelationKind;

/// The polarity words of a claim: ("would", false) for "would", ("would", true) for "wouldn't".
fn polarity(doc: &Doc, claim: &RawClaim) -> Vec<(&'static str, bool)> {
    let mut out = Vec::new();
    let toks = &doc.toks[claim.toks.clone()];
    for (k, t) in toks.iter().enumerate() {
        let w = t.lower.as_str();
        for (pos, negs) in FLIPPABLE {
            if w == *pos {
                let negated = toks
                    .get(k + 1)
                    .is_some_and(|n| n.lower == "not" || n.lower == "never");
                out.push((*pos, negated));
            } else if negs.contains(&w) {
                out.push((*pos, true));
            }
        }
    }
    out
}

fn content_words(doc: &Doc, claim: &RawClaim) -> HashSet<String> {
    doc.toks[claim.toks.clone()]
        .iter()
        .filter(|t| {
            t.is_word()
                && !SETS.stop.contains(t.lower.as_str())
                && !FLIPPABLE
                    .iter()
                    .any(|(p, n)| *p == t.lower || n.contains(&t.lower.as_str()))
        })
        .map(|t| t.lower.clone())
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

pub(crate) fn find(
    doc: &Doc,
    raw: &[RawClaim],
    claims: &[ExtractedClaim],
) -> Vec<ExtractedRelation> {
    let mut out = Vec::new();
    let polarities: Vec<Vec<(&str, bool)>> = raw.iter().map(|c| polarity(doc, c)).collect();
    for b in 0..claims.len() {
        for a in 0..b {
            let shared_speaker = claims[a]
                .speakers
                .iter()
                .any(|s| claims[b].speakers.iter().any(|t| t.name == s.name));
            // Across speakers, only near-identical claims of opposite polarity contradict.
            let min_overlap = if shared_speaker { 0.4 } else { 0.6 };
            let flip = polarities[a].iter().find_map(|(w, neg)| {
                polarities[b]
                    .iter()
                    .any(|(w2, neg2)| w2 == w && neg2 != neg)
                    .then_some((*w, *neg))
            });
            let Some((word, a_negated)) = flip else {
                continue;
            };
            let negated = FLIPPABLE
                .iter()
                .find(|(p, _)| *p == word)
                .map(|(_, n)| n[0])
                .unwrap_or("not");
            let note = if a_negated {
                format!("{negated} -> {word}")
            } else {
                format!("{word} -> {negated}")
            };
            if shared_speaker && has_correction_cue(doc, &raw[b]) {
                out.push(ExtractedRelation {
                    kind: RelationKind::Corrects,
                    a: claims[a].id.clone(),
                    b: claims[b].id.clone(),
                    note,
                });
            } else {
                let (wa, wb) = (content_words(doc, &raw[a]), content_words(doc, &raw[b]));
                let union = wa.union(&wb).count().max(1);
                let jaccard = wa.intersection(&wb).count() as f64 / union as f64;
                if jaccard >= min_overlap {
                    out.push(ExtractedRelation {
                        kind: RelationKind::Contradicts,
                        a: claims[a].id.clone(),
                        b: claims[b].id.clone(),
                        note,
                    });
                }
            }
        }
    }
    out
}
