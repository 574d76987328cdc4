//! Claim matching's text side: a claim's words reduced to what it asserts,
//! and the score of two claims against each other. Pure; no IO.
//!
//! tidy: long because normalising needs its data beside it: the stop words,
//! synonyms and number words (about 250 lines of lists).
//!
//! Normalising sees through rewording: words are lower-cased and stemmed
//! (Snowball English), stop words and reporting verbs dropped, numbers
//! written as digits ("two million" and "2,000,000" are both `2000000`,
//! "per cent" and "%" are both `percent`), and a name known by several
//! aliases becomes one token (`Vladimir Putin` and `Putin` are both `putin`).
//! Negation ("not", "never", "n't", ...) is taken out of the words and kept
//! as the claim's polarity, so "would" against "wouldn't" scores as the same
//! words with opposite polarity: a contradiction, not a match.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Claims with fewer content words than this are not matched: too little is said.
pub const MIN_TERMS: usize = 3;
/// The score from which a match is suggested when matching has words alone
/// (no static model; calibrated on the labelled pairs in
/// `tests/fixtures/matching-pairs.tsv`; see docs/benchmarks.md).
pub const SUGGEST_AT: f64 = 0.6;

/// What a claim asserts, as matching sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Terms {
    /// Normalised content words, in order, without repeats.
    pub terms: Vec<String>,
    /// The numbers the claim states, normalised.
    pub numbers: Vec<String>,
    /// An odd number of negations.
    pub negated: bool,
    /// The words the names in the text had beyond the one token each became
    /// ("Danny Trejo" is one term and one more word); 0 for stored terms.
    pub name_words: usize,
}

impl Terms {
    /// Says enough to be matched: a name counts as its words ("Danny Trejo
    /// is not dead" is as matchable where Danny Trejo is a known entity as
    /// where he is not).
    pub fn matchable(&self) -> bool {
        self.terms.len() + self.name_words >= MIN_TERMS
    }
}

/// Names that mean the same entity: each alias (lower-case words) to the token it becomes.
#[derive(Debug, Clone)]
pub struct Names {
    by_first_word: FxHashMap<String, Vec<(Vec<String>, String)>>,
}

impl Names {
    /// `aliases` pairs an alias with its entity's full name. Every alias of an
    /// entity becomes the last word of its full name.
    pub fn new<'a>(aliases: impl IntoIterator<Item = (&'a str, &'a str)>) -> Names {
        let mut by_first_word: FxHashMap<String, Vec<(Vec<String>, String)>> = FxHashMap::default();
        for (alias, name) in BUILTIN.iter().copied().chain(aliases) {
            let words = words_of(alias);
            let Some(token) = words_of(name).pop() else {
                continue;
            };
            if words.is_empty() || words.len() > 6 {
                continue;
            }
            let entry = by_first_word.entry(words[0].clone()).or_default();
            if !entry.iter().any(|(w, _)| *w == words) {
                entry.push((words, token));
            }
        }
        // Longest aliases first, so "Sarah Huckabee Sanders" wins over "Sarah".
        for list in by_first_word.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        Names { by_first_word }
    }
}

/// Names every text may use, whatever the database knows.
const BUILTIN: &[(&str, &str)] = &[
    ("united states", "USA"),
    ("united states of america", "USA"),
    ("usa", "USA"),
    ("united kingdom", "UK"),
    ("britain", "UK"),
    ("great britain", "UK"),
    ("european union", "EU"),
    ("united nations", "UN"),
];

impl Default for Names {
    fn default() -> Self {
        Names::new([])
    }
}

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "o",
    "mr",
    "mrs",
    "ms",
    "dr",
    "according",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "stated",
    "states",
    "claimed",
    "claims",
    "claim",
    "insisted",
    "argued",
    "wrote",
    "tweeted",
    "announced",
    "noted",
    "explained",
    "reported",
    "reports",
    "per",
    "cent",
    "percent",
    "year",
    "years",
    "yesterday",
    "today",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "week",
    "this",
    "that",
    "there",
    "here",
    "one's",
    "actually",
    "really",
    "still",
    "even",
    "well",
    "yet",
];

/// Verbs of change that say the same thing: each becomes its group's word.
fn synonym(word: &str) -> Option<&'static str> {
    Some(match word {
        "fell" | "fall" | "falls" | "fallen" | "falling" | "dropped" | "drop" | "drops"
        | "declined" | "decline" | "declines" | "decreased" | "decrease" | "decreases"
        | "slumped" | "plunged" | "shrank" | "shrunk" => "fall",
        "rose" | "rise" | "rises" | "risen" | "rising" | "increased" | "increase" | "increases"
        | "grew" | "grow" | "grows" | "grown" | "climbed" | "climb" | "jumped" | "soared"
        | "surged" => "rise",
        "spent" | "spend" | "spends" | "spending" => "spend",
        "cost" | "costs" | "costing" => "cost",
        _ => return None,
    })
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot",
];

/// Number words up to twenty, the tens, and the magnitudes.
fn number_word(w: &str) -> Option<f64> {
    const SMALL: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: &[(&str, f64)] = &[
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
    ];
    if let Some(i) = SMALL.iter().position(|s| *s == w) {
        return Some(i as f64);
    }
    TENS.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

fn magnitude(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(1e2),
        "thousand" | "k" => Some(1e3),
        "million" | "millions" | "m" | "mn" => Some(1e6),
        "billion" | "billions" | "bn" | "b" => Some(1e9),
        "trillion" | "trillions" | "tn" => Some(1e12),
        _ => None,
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number written with digits: "2,000", "3.5", "40%", "$5".
fn digits(w: &str) -> Option<f64> {
    let t = w.trim_start_matches(['$', '£', '€']).trim_end_matches('%');
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let clean: String = t.chars().filter(|c| *c != ',').collect();
    clean.parse::<f64>().ok()
}

/// The stemmer and word lists, built once.
pub struct Normaliser {
    stemmer: Stemmer,
    stop: rustc_hash::FxHashSet<&'static str>,
}

impl Default for Normaliser {
    fn default() -> Self {
        Normaliser {
            stemmer: Stemmer::create(Algorithm::English),
            stop: STOP.iter().copied().collect(),
        }
    }
}

impl Normaliser {
    /// Reduces a claim's text to its terms, numbers and polarity.
    pub fn terms(&self, text: &str, names: &Names) -> Terms {
        // Raw tokens: words with inner apostrophes, and numbers with , . % $.
        // Abbreviations whose dots would split them, and "US" that lower case would make "us".
        let text = text
            .replace(['\u{2019}', '\u{2018}'], "'")
            .replace("U.S.", "USA ")
            .replace("U.K.", "UK ")
            .replace("U.N.", "UN ")
            .replace("E.U.", "EU ");
        let text = text
            .split_inclusive(|c: char| !c.is_alphanumeric())
            .map(|w| {
                let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                if word == "US" {
                    format!("USA{}", &w[word.len()..])
                } else {
                    w.to_string()
                }
            })
            .collect::<String>();
        let mut raw: Vec<String> = Vec::new();
        let mut cur = String::new();
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            let keep = c.is_alphanumeric()
                || (c == '\''
                    && !cur.is_empty()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()))
                || ((c == ',' || c == '.')
                    && cur.chars().last().is_some_and(|p| p.is_ascii_digit())
                    && next_digit)
                || (c == '%' && cur.chars().last().is_some_and(|p| p.is_ascii_digit()))
                || (matches!(c, '$' | '£' | '€') && cur.is_empty() && next_digit);
            if keep {
                cur.extend(c.to_lowercase());
            } else if !cur.is_empty() {
                raw.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            raw.push(cur);
        }

        let mut out = Terms::default();
        let mut negations = 0usize;
        let mut i = 0;
        let push = |t: String, out: &mut Terms| {
            if !out.terms.contains(&t) {
                out.terms.push(t);
            }
        };
        while i < raw.len() {
            // Names first: the longest alias that starts here.
            if let Some((words, token)) = names.by_first_word.get(&raw[i]).and_then(|list| {
                list.iter()
                    .find(|(w, _)| raw.get(i..i + w.len()).is_some_and(|s| s == w.as_slice()))
            }) {
                push(token.clone(), &mut out);
                out.name_words += words.len() - 1;
                i += words.len();
                continue;
            }
            let w = raw[i].as_str();
            // Numbers, with a magnitude word after them.
            let value = digits(w).or_else(|| number_word(w));
            if let Some(mut v) = value {
                let mut j = i + 1;
                // "twenty five", "two hundred", "3.5 million"
                while let Some(m) = raw.get(j).and_then(|n| magnitude(n)) {
                    v *= m;
                    j += 1;
                }
                if w.ends_with('%')
                    || raw.get(j).is_some_and(|n| n == "percent")
                    || (raw.get(j).is_some_and(|n| n == "per")
                        && raw.get(j + 1).is_some_and(|n| n == "cent"))
                {
                    push("percent".into(), &mut out);
                }
                // "one" alone is usually a pronoun ("the one who"): not a number.
                if !(w == "one" && j == i + 1) {
                    let n = format_number(v);
                    if !out.numbers.contains(&n) {
                        out.numbers.push(n.clone());
                    }
                    push(n, &mut out);
                }
                i = j;
                continue;
            }
            if w == "%" {
                push("percent".into(), &mut out);
                i += 1;
                continue;
            }
            // Negation: "not", "never", and the n't of "wouldn't".
            if NEGATIONS.contains(&w) {
                negations += 1;
                i += 1;
                continue;
            }
            let word = if let Some(base) = w.strip_suffix("n't") {
                negations += 1;
                match base {
                    "wo" => "will",
                    "ca" => "can",
                    "sha" => "shall",
                    other => other,
                }
            } else if let Some(base) = w.strip_suffix("'s") {
                base
            } else {
                w
            };
            if word.len() < 2 || self.stop.contains(word) {
                i += 1;
                continue;
            }
            match synonym(word) {
                Some(s) => push(s.to_string(), &mut out),
                None => push(self.stemmer.stem(word).into_owned(), &mut out),
            }
            i += 1;
        }
        out.negated = negations % 2 == 1;
        out
    }
}

/// How two matched claims bear on each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// They say the same thing.
    Same,
    /// The same words, one negated: they contradict each other.
    Contradicts,
}

/// The semantic ranker: a logistic model over the cosine of two claims'
/// vectors ([`crate::embed`]) and how much of the shorter one's weighted
/// terms the other has ([`Overlap::contained`]), fitted on the train split of
/// CLEF 2020 CheckThat! Task 2 (`scripts/calibrate-matching.py`;
/// docs/benchmarks.md). Its score is the chance that the pair is the same claim.
#[derive(Debug, Clone, Copy)]
pub struct Ranker {
    pub bias: f64,
    pub meaning: f64,
    pub wording: f64,
    /// The score from which a pair is suggested in "Checked before?".
    pub suggest_at: f64,
    /// The score from which the similar-claims search shows a claim: a
    /// search lists the best candidates, each with its chance (on the
    /// held-out half of CLEF train, a floor above 0.005 cost MAP@5).
    pub search_from: f64,
}

pub const RANKER: Ranker = Ranker {
    bias: -9.467,
    meaning: 10.390,
    wording: 6.085,
    suggest_at: 0.15,
    search_from: 0.005,
};

impl Ranker {
    /// The chance that two claims say the same thing (0 to 1), from the cosine
    /// of their vectors and the overlap of their terms. Different numbers make
    /// it a tenth: the same words about other figures are another claim, shown
    /// by a search but not suggested.
    pub fn score(&self, cosine: f64, o: &Overlap) -> f64 {
        let z = self.bias + self.meaning * cosine + self.wording * o.contained();
        let p = 1.0 / (1.0 + (-z).exp());
        if o.numbers_differ { p * 0.1 } else { p }
    }
}

/// The ranker after the encoder ([`crate::encoder`]) has read the best
/// candidates whole: a logistic model over the encoder's cosine, its lead
/// over the best candidate's (0 for the closest, negative for the rest), BM25
/// as a share of the best candidate's, and the wording, fitted on CLEF 2020
/// CheckThat! Task 2's train tweets through the CLI (`scripts/calibrate-matching.py`).
#[derive(Debug, Clone, Copy)]
pub struct Reranker {
    pub bias: f64,
    pub meaning: f64,
    pub lead: f64,
    pub lexical: f64,
    pub wording: f64,
    pub suggest_at: f64,
    pub search_from: f64,
}

pub const RERANKER: Reranker = Reranker {
    bias: -7.771,
    meaning: 8.740,
    lead: 23.009,
    lexical: 3.577,
    wording: 2.217,
    suggest_at: 0.65,
    search_from: 0.005,
};

impl Reranker {
    /// The chance that two claims say the same thing; different numbers make it a tenth.
    pub fn score(&self, meaning: f64, lead: f64, lexical: f64, o: &Overlap) -> f64 {
        let z = self.bias
            + self.meaning * meaning
            + self.lead * lead
            + self.lexical * lexical
            + self.wording * o.contained();
        let p = 1.0 / (1.0 + (-z).exp());
        if o.numbers_differ { p * 0.1 } else { p }
    }
}

/// The text the encoder reads for a claim: the claim itself, or, when the
/// claim is a fragment of its sentence (a quoted phrase such as "dark
/// white."), the whole sentence around it, which says who said it of what.
/// `start` and `end` are the claim's span in characters of `body`.
pub fn matching_context(body: &str, start: usize, end: usize, text: &str) -> String {
    /// A claim this much of its sentence or more is read alone.
    const ENOUGH: f64 = 0.8;
    /// The longest sentence read around a fragment, in characters.
    const LONGEST: usize = 600;
    let chars: Vec<char> = body.chars().collect();
    if start >= end || end > chars.len() {
        return text.to_string();
    }
    let ends_sentence = |i: usize| {
        // A full stop, question or exclamation mark (and any closing quote)
        // before white space, or a line break.
        let c = chars[i];
        if c == '\n' {
            return true;
        }
        if !matches!(c, '.' | '!' | '?') {
            return false;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j], '"' | '\'' | '\u{201d}' | '\u{2019}' | ')') {
            j += 1;
        }
        j >= chars.len() || chars[j].is_whitespace()
    };
    let mut from = start;
    while from > 0 && !ends_sentence(from - 1) && start - from < LONGEST {
        from -= 1;
    }
    let mut to = end - 1;
    while to + 1 < chars.len() && !ends_sentence(to) && to + 1 - end < LONGEST {
        to += 1;
    }
    to += 1;
    while to < chars.len() && matches!(chars[to], '"' | '\'' | '\u{201d}' | '\u{2019}' | ')') {
        to += 1;
    }
    let sentence: String = chars[from..to].iter().collect();
    let sentence = sentence.trim();
    if (end - start) as f64 >= ENOUGH * sentence.chars().count() as f64 {
        text.to_string()
    } else {
        sentence.to_string()
    }
}

/// What two claims that say the same words share: their words, lower-cased,
/// with punctuation and quotation marks gone ("said ""x""" and "said 'x'"
/// are the same claim stored twice).
pub fn same_words_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// How much two claims' terms overlap, weighted by each term's weight (its
/// inverse document frequency).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Dice on weights: rewording that adds a few words costs little.
    pub dice: f64,
    /// The share of the first claim's weight the second one has: a short
    /// query inside a longer claim scores high here.
    pub first_share: f64,
    /// The share of the second claim's weight the first one has.
    pub second_share: f64,
    /// Both give numbers, and they differ: another claim.
    pub numbers_differ: bool,
    pub kind: MatchKind,
}

impl Overlap {
    /// How much of the shorter claim's weight the other has: a tweet that
    /// repeats part of a longer claim (or the reverse) scores high.
    pub fn contained(&self) -> f64 {
        self.first_share.max(self.second_share)
    }
}

/// The overlap of two claims' terms; `weight` gives a term's weight.
pub fn overlap(a: &Terms, b: &Terms, weight: &dyn Fn(&str) -> f64) -> Overlap {
    let kind = if a.negated != b.negated {
        MatchKind::Contradicts
    } else {
        MatchKind::Same
    };
    let none = Overlap {
        dice: 0.0,
        first_share: 0.0,
        second_share: 0.0,
        numbers_differ: false,
        kind,
    };
    if !a.matchable() || !b.matchable() {
        return none;
    }
    let wa: HashMap<&str, f64> = a.terms.iter().map(|t| (t.as_str(), weight(t))).collect();
    let wb: HashMap<&str, f64> = b.terms.iter().map(|t| (t.as_str(), weight(t))).collect();
    let shared: f64 = wa
        .iter()
        .filter(|(t, _)| wb.contains_key(*t))
        .map(|(_, w)| w)
        .sum();
    let total_a: f64 = wa.values().sum();
    let total_b: f64 = wb.values().sum();
    if total_a <= 0.0 || total_b <= 0.0 {
        return none;
    }
    let numbers_differ = !a.numbers.is_empty()
        && !b.numbers.is_empty()
        && a.numbers.iter().filter(|n| b.numbers.contains(n)).count()
            < a.numbers.len().min(b.numbers.len());
    Overlap {
        dice: (2.0 * shared / (total_a + total_b)).clamp(0.0, 1.0),
        first_share: (shared / total_a).clamp(0.0, 1.0),
        second_share: (shared / total_b).clamp(0.0, 1.0),
        numbers_differ,
        kind,
    }
}

/// The score of two claims' terms alone, 0 to 1, and how they bear on each
/// other: weighted Dice, halved when their numbers differ.
pub fn score(a: &Terms, b: &Terms, weight: &dyn Fn(&str) -> f64) -> (f64, MatchKind) {
    let o = overlap(a, b, weight);
    let s = if o.numbers_differ {
        o.dice * 0.5
    } else {
        o.dice
    };
    (s, o.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Terms {
        Normaliser::default().terms(s, &Names::default())
    }

    #[test]
    fn rewording_numbers_and_negation() {
        assert_eq!(t("two million jobs").numbers, vec!["2000000"]);
        assert_eq!(t("2,000,000 jobs").numbers, vec!["2000000"]);
        assert_eq!(t("3.5 billion dollars").numbers, vec!["3500000000"]);
        assert!(t("40 per cent").terms.contains(&"percent".into()));
        assert!(t("40%").terms.contains(&"percent".into()));
        let would = t("I don't see any reason why it would be Russia");
        let wouldnt = t("I don't see any reason why it wouldn't be Russia");
        assert_ne!(would.negated, wouldnt.negated);
        assert_eq!(would.terms, wouldnt.terms);
    }

    #[test]
    fn a_fragment_is_read_with_its_sentence() {
        let body = "Police said so. A Fox affiliate described the suspect as \"dark white.\" He denied it.";
        let start = body.find("dark").unwrap();
        let end = start + "dark white.".len();
        assert_eq!(
            matching_context(body, start, end, "dark white."),
            "A Fox affiliate described the suspect as \"dark white.\""
        );
        // A claim that is its sentence (or nearly) is read alone.
        let whole = body.find("He").unwrap();
        assert_eq!(
            matching_context(body, whole, body.len(), "He denied it."),
            "He denied it."
        );
        assert_eq!(
            matching_context(body, 5, 400, "x"),
            "x",
            "a span past the body"
        );
    }

    #[test]
    fn aliases_are_one_name() {
        let names = Names::new([
            ("Vladimir Putin", "Vladimir Putin"),
            ("Putin", "Vladimir Putin"),
        ]);
        let n = Normaliser::default();
        assert_eq!(
            n.terms("Vladimir Putin met the leaders", &names).terms,
            n.terms("Putin met the leaders", &names).terms
        );
    }

    #[test]
    fn a_known_name_counts_as_its_words_for_saying_enough() {
        // Whether a query says enough must not hang on which people the
        // database happens to know by name.
        let text = "DANNY TREJO IS NOT DEAD";
        let known = Names::new([("Danny Trejo", "Danny Trejo")]);
        let n = Normaliser::default();
        assert_eq!(n.terms(text, &known).terms.len(), 2);
        assert!(n.terms(text, &known).matchable());
        assert!(n.terms(text, &Names::default()).matchable());
        assert!(!n.terms("Danny Trejo", &known).matchable());
    }
}
