//! Check-worthiness: how much a claim is worth a checker's time, from 0 to 1.
//!
//! The score is a logistic function of documented features, in the spirit of
//! ClaimBuster's: factual, specific, attributed claims score high; hedged,
//! opinionated, vague ones score low. Each weight below says what it rewards.

use std::ops::Range;

use super::attribute::RawClaim;
use super::lexicon::flag;
use super::tokens::{Doc, TokKind};
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
    let f = features(doc, r);
    f.numbers > 0 || (f.dates > 0 && f.names > 0) || (f.comparatives > 0 && f.names > 1)
}

pub(crate) fn checkworthiness(
    doc: &Doc,
    claim: &RawClaim,
    has_speaker: bool,
    has_source: bool,
) -> f64 {
    let f = features(doc, claim.toks.clone());
    let mut z = -1.0;
    z += 1.1 * (f.numbers.min(3) as f64); // numbers and amounts can be checked against records
    z += 0.5 * (f.dates.min(2) as f64); // dates pin a claim to the record
    z += 0.35 * (f.names.min(4) as f64); // named people, places and bodies
    z += 0.5 * (f.comparatives.min(2) as f64); // comparisons and measures
    z -= 0.7 * (f.hedges.min(2) as f64); // hedged claims commit to less
    z -= 0.8 * (f.opinions.min(3) as f64); // opinions are not facts
    if has_speaker {
        z += 0.4; // a named speaker can be held to a claim
    }
    if has_source {
        z += 0.3; // attributed reporting can be traced
    }
    if claim.kind == ClaimKind::Statement {
        z += 0.3; // the article asserts it in its own voice
    }
    if f.words < 5 {
        z -= 0.8; // too short to say much
    } else if f.words > 12 {
        z += 0.3;
    }
    let p = 1.0 / (1.0 + (-z).exp());
    (p * 100.0).round() / 100.0
}
